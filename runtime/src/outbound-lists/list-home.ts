import { callerPhoneField, type CampaignDefinition, type EntityDefinition, type FieldDefinition, type ImportTarget, type Locale } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';

/** A column of a number list: the number itself, or a column the task maps to a field of its entity (or to none). */
export interface ListColumn {
  column: string;
  field: FieldDefinition | null;
}

/**
 * Where a number list goes: the numbers of one outbound task, or the workspace's do-not-call list. `key` names
 * its uploads and batches in the import collections (never an entity key: those are `[a-z][a-z0-9_]*`).
 */
export interface ListHome {
  key: string;
  target: Extract<ImportTarget, { type: 'task' | 'dnc' }>;
  task: CampaignDefinition | null;
  /** The entity whose phone field reads, judges and masks the numbers (the task's; for the DNC list, see dncEntity). */
  entity: EntityDefinition;
  phoneField: FieldDefinition;
  phoneColumn: string;
  /** The other columns, in the task's order. */
  columns: ListColumn[];
}

export async function publishedTask(app: FastifyInstance, key: string, locale: Locale): Promise<CampaignDefinition> {
  const task = (await app.definitions.getPublished('campaign', key)) as CampaignDefinition | null;
  if (!task) throw new ApiError(404, 'not_found', text('task_not_found', locale, { task: key }));
  return task;
}

/** The entity a task's numbers become (customer unless it says otherwise). */
export const taskEntityKey = (task: CampaignDefinition) => task.entity ?? 'customer';

/**
 * The field that reads a task's numbers: the one its number column maps to when that is a phone field, else the
 * entity's caller phone field (as a call from an unknown number fills it).
 */
function phoneFieldOf(task: CampaignDefinition, entity: EntityDefinition, phoneColumn: string): FieldDefinition | undefined {
  const mapped = task.columns?.find((c) => c.column === phoneColumn)?.field;
  const field = entity.fields.find((f) => f.key === mapped && f.type === 'phone' && !f.retired);
  return field ?? callerPhoneField(entity);
}

export async function taskHome(app: FastifyInstance, key: string, locale: Locale): Promise<ListHome> {
  const task = await publishedTask(app, key, locale);
  const entityKey = taskEntityKey(task);
  const entity = await app.definitions.getPublishedEntity(entityKey);
  const phoneColumn = task.phoneColumn ?? 'phone';
  const phoneField = entity && phoneFieldOf(task, entity, phoneColumn);
  if (!entity || !phoneField) throw new ApiError(409, 'no_phone_field', text('no_phone_field', locale, { entity: entityKey }));
  const columns = (task.columns ?? []).filter((c) => c.column !== phoneColumn).map((c) => ({
    column: c.column, field: entity.fields.find((f) => f.key === c.field && !f.retired) ?? null,
  }));
  return { key: `outbound:task:${task.key}`, target: { type: 'task', task: task.key }, task, entity, phoneField, phoneColumn, columns };
}

/**
 * The do-not-call list belongs to no entity: its numbers are read with the country of, and masked like, the
 * phone of the customer entity when there is one (else the first entity with a phone), as the dial pad does.
 */
export async function dncEntity(app: FastifyInstance): Promise<{ entity: EntityDefinition; phoneField: FieldDefinition } | null> {
  const entities = (await app.definitions.listPublished('entity')) as EntityDefinition[];
  const homes = entities.flatMap((entity) => {
    const phoneField = callerPhoneField(entity);
    return phoneField ? [{ entity, phoneField }] : [];
  });
  return homes.find((h) => h.entity.key === 'customer') ?? homes[0] ?? null;
}

export async function dncHome(app: FastifyInstance, locale: Locale): Promise<ListHome> {
  const found = await dncEntity(app);
  if (!found) throw new ApiError(409, 'no_phone_field', text('no_phone_field', locale, { entity: '-' }));
  return { key: 'outbound:dnc', target: { type: 'dnc' }, task: null, ...found, phoneColumn: 'phone', columns: [] };
}
