import type { RecordContext } from './context.js';
import { collectionOf } from './record-doc.js';
import { duplicateError, isDuplicateKeyError } from './duplicates.js';
import { findRecord, missedWrite, versionConflict } from './find-record.js';
import { spendMaskedCheck, writesMaskedKey } from './masked-checks.js';
import { logEntry, withLogEntry } from './oplog-entry.js';
import { recordJson, type RecordJson } from './record-json.js';
import { updateValues } from './write-values.js';

/**
 * Optimistic concurrency: the client sends the version it edited; the update matches only that version
 * (and the scope, and not deleted), so two people editing the same record cannot overwrite each other.
 */
export async function updateRecord(
  ctx: RecordContext, id: string, body: { version: number; values: Record<string, unknown> },
): Promise<RecordJson> {
  const current = await findRecord(ctx, id);
  if (current.version !== body.version) throw versionConflict(ctx, current.version);
  const { set, unset, changes } = updateValues(ctx, body.values, current);
  if (!changes.length) return recordJson(ctx, current);
  // Like a create: a "duplicate" answer would confirm a guessed masked number (masked-checks.ts).
  if (writesMaskedKey(ctx, changes.map((c) => c.field))) await spendMaskedCheck(ctx);
  const now = new Date();
  const entry = logEntry(ctx, id, body.version + 1, 'update', now, changes);
  let updated;
  try {
    updated = await collectionOf(ctx).findOneAndUpdate(
      { _id: id, version: body.version, deletedAt: null, ...ctx.scope },
      withLogEntry({
        // The owner working on the record is a follow-up: it restarts the "not followed up" clock.
        $set: { ...set, updatedAt: now, updatedBy: ctx.user.id, ...(current.ownerId === ctx.user.id ? { followedUpAt: now } : {}) },
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
        $inc: { version: 1 },
      }, entry),
      { returnDocument: 'after', projection: { pendingLog: 0 } },
    );
  } catch (error) {
    if (isDuplicateKeyError(error)) throw await duplicateError(ctx, error, { ...current.values, ...valuesOf(set) }, id);
    throw error;
  }
  if (!updated) throw await missedWrite(ctx, id);
  ctx.app.logOutbox.schedule(ctx.entity.key);
  return recordJson(ctx, updated);
}

function valuesOf(set: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).map(([k, v]) => [k.slice('values.'.length), v]));
}
