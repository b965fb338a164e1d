import type { Locale, SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { TaskNumberDoc } from '../outbound/number-doc.js';
import type { ListHome } from './list-home.js';

export interface TaskNumberJson {
  id: string;
  task: string;
  phone: string;
  masked: boolean;
  values: Record<string, unknown>;
  customerId?: string;
  state: string;
  attempts: number;
  lastAgent?: string;
  lastDialAt?: string;
  entity?: string;
  fields?: Record<string, string>;
}

/**
 * A task's numbers as one reader may see them: the number masked exactly like the phone field of the task's
 * entity, each list column like the field it fills (columns the reader may not see are left out), all through
 * the records' one masking function. Screen pops and "numbers I dialled" use this too. `fields` names the field of
 * each mapped column, so the console shows the field's label and display (an option's label, not its stored key).
 */
export async function numberReader(app: FastifyInstance, home: ListHome, user: SessionUser, locale: Locale) {
  const ctx = await app.records.contextFor(user, locale, home.entity.key, 'read');
  const fieldOf = new Map(home.columns.map((c) => [c.column, c.field]));
  const masked = ctx.view.masked(home.phoneField);
  return (doc: TaskNumberDoc): TaskNumberJson => {
    const values: Record<string, unknown> = {};
    const fields: Record<string, string> = {};
    for (const [column, value] of Object.entries(doc.values)) {
      const field = fieldOf.get(column);
      if (field && !ctx.view.visible(field)) continue;
      values[column] = field ? app.records.shown(ctx, field, value) : value;
      if (field) fields[column] = field.key;
    }
    const phone = String(app.records.shown(ctx, home.phoneField, doc.phone));
    return {
      id: doc._id, task: doc.task, phone, masked, values, ...(doc.customerId ? { customerId: doc.customerId } : {}),
      state: doc.state, attempts: doc.attempts, ...(doc.lastAgent ? { lastAgent: doc.lastAgent } : {}),
      ...(doc.lastDialAt ? { lastDialAt: doc.lastDialAt.toISOString() } : {}), ...(Object.keys(fields).length ? { entity: home.entity.key, fields } : {}),
    };
  };
}
