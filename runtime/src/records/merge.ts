import { randomUUID } from 'node:crypto';
import type { EntityDefinition } from '@telesales/schemas';
import type { RecordContext } from './context.js';
import { findRecord, versionConflict } from './find-record.js';
import { withLogEntry } from './oplog-entry.js';
import { oplogCollection } from './oplog.js';
import { collectionOf, recordsCollection, type RecordDoc } from './record-doc.js';
import type { FieldChange } from './write-values.js';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Merges A into B as the domain says: B keeps its values and takes A's where B is empty; whatever refers to
 * A (reference fields of any entity, A's operation log) now refers to B; A is deleted. One transaction:
 * either all of it happened or none. Logged on B with A's id. Who may merge is the caller's to decide.
 */
export async function mergeRecords(ctx: RecordContext, fromId: string, intoId: string): Promise<RecordDoc> {
  const a = await findRecord(ctx, fromId);
  const b = await findRecord(ctx, intoId);
  const changes: FieldChange[] = Object.entries(a.values)
    .filter(([key, value]) => !isEmpty(value) && isEmpty(b.values[key]))
    .map(([field, after]) => ({ field, before: b.values[field], after }));
  const referrers = referencesTo(await ctx.app.definitions.listPublished('entity') as EntityDefinition[], ctx.entity.key);
  const now = new Date();
  const by = { id: ctx.user.id, name: ctx.user.name };
  const collection = collectionOf(ctx);
  const session = ctx.app.mongoClient.startSession();
  try {
    return (await session.withTransaction(async () => {
      // A goes first: B may take a value of A's that a unique index allows only once.
      const removed = await collection.deleteOne({ _id: a._id, version: a.version }, { session });
      if (!removed.deletedCount) throw versionConflict(ctx, a.version);
      // A's entries the outbox has not moved yet (it may be moving them right now: upsert, never insert twice).
      const pending = (a.pendingLog ?? []).map((e) => ({ replaceOne: { filter: { _id: e._id }, replacement: { ...e, recordId: b._id }, upsert: true } }));
      if (pending.length) await oplogCollection(ctx.app.db).bulkWrite(pending, { session });
      await oplogCollection(ctx.app.db).updateMany({ entity: ctx.entity.key, recordId: a._id }, { $set: { recordId: b._id } }, { session });
      for (const { entity, field } of referrers) {
        await recordsCollection(ctx.app.db, entity).updateMany({ [`values.${field}`]: a._id }, { $set: { [`values.${field}`]: b._id } }, { session });
      }
      const set: Record<string, unknown> = { updatedAt: now, updatedBy: ctx.user.id };
      for (const c of changes) set[`values.${c.field}`] = c.after;
      const merged = await collection.findOneAndUpdate(
        { _id: b._id, version: b.version, deletedAt: null },
        withLogEntry({ $set: set, $inc: { version: 1 } }, {
          _id: randomUUID(), entity: ctx.entity.key, recordId: b._id, version: b.version + 1, action: 'merge', at: now, by, changes,
          detail: { mergedFrom: a._id },
        }),
        { returnDocument: 'after', projection: { pendingLog: 0 }, session },
      );
      if (!merged) throw versionConflict(ctx, b.version);
      return merged;
    }))!;
  } finally {
    await session.endSession();
    ctx.app.logOutbox.schedule(ctx.entity.key);
  }
}

/** Every reference field (of any entity) that points at records of `entity`. */
function referencesTo(entities: EntityDefinition[], entity: string): Array<{ entity: string; field: string }> {
  return entities.flatMap((e) => e.fields.filter((f) => f.type === 'reference' && f.reference?.entity === entity).map((f) => ({ entity: e.key, field: f.key })));
}
