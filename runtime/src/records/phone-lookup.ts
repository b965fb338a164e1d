import { normalizePhone, type EntityDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { RecordContext } from './context.js';
import { fieldView } from './field-view.js';
import { collectionOf, recordsCollection, type RecordDoc } from './record-doc.js';
import { shownValue } from './shown-value.js';

/** One clause per phone field: stored phones are normalised with their field's default country, so is the number. */
const byPhone = (fields: EntityDefinition['fields'], number: string) =>
  ({ $or: fields.map((f) => ({ [`values.${f.key}`]: normalizePhone(number, f.defaultCountry) })) });

/** A reader's look-up by number: within their scope, on the phone fields they may see. */
export async function findByPhone(ctx: RecordContext, number: string): Promise<RecordDoc | null> {
  const phones = ctx.entity.fields.filter((f) => f.type === 'phone' && ctx.view.visible(f));
  if (!phones.length) return null;
  return collectionOf(ctx).findOne({ $and: [ctx.scope, { deletedAt: null }, byPhone(phones, number)] });
}

export interface FlowLookup {
  found: boolean;
  id?: string;
  values?: Record<string, unknown>;
}

/**
 * The caller's record by number, for a call's flow: the flow runs for nobody in particular, so every masked
 * field reaches it masked (its trace is stored with the call) and the id and owner come along for routing.
 */
export async function lookupForFlow(app: FastifyInstance, entityKey: string, number: string): Promise<FlowLookup> {
  const entity = (await app.definitions.getPublishedEntity(entityKey)) as EntityDefinition | null;
  const phones = entity?.fields.filter((f) => f.type === 'phone') ?? [];
  if (!entity || !phones.length) return { found: false };
  const doc = await recordsCollection(app.db, entityKey).findOne({ deletedAt: null, ...byPhone(phones, number) });
  if (!doc) return { found: false };
  const nobody = fieldView(entity, () => 'read', false);
  const values: Record<string, unknown> = {};
  for (const f of entity.fields) {
    if (Object.hasOwn(doc.values, f.key)) values[f.key] = shownValue(nobody, f, doc.values[f.key]);
  }
  return { found: true, id: doc._id, values: { ...values, _id: doc._id, _ownerId: doc.ownerId ?? null } };
}
