import { randomUUID } from 'node:crypto';
import type { ClientSession } from 'mongodb';
import type { RecordContext } from './context.js';
import { duplicateError, isDuplicateKeyError } from './duplicates.js';
import { spendMaskedCheck, writesMaskedKey } from './masked-checks.js';
import { ownerForNewRecord } from './owner.js';
import { collectionOf, type RecordDoc } from './record-doc.js';
import { recordJson, type RecordJson } from './record-json.js';
import { createValues } from './write-values.js';

/** `session`: the create is part of a caller's transaction (a conversion that gives the record within caps). */
export async function createRecord(
  ctx: RecordContext, body: { values: Record<string, unknown>; ownerId?: string }, session?: ClientSession,
): Promise<RecordJson> {
  const ownerId = await ownerForNewRecord(ctx, body.ownerId);
  // A create needs no log entry: the log reads who and when from the record (see oplog.ts).
  const values = createValues(ctx, body.values);
  // The duplicate answer tells whether a number the writer cannot see exists: a guess, so it is budgeted.
  if (writesMaskedKey(ctx, Object.keys(body.values))) await spendMaskedCheck(ctx);
  const now = new Date();
  const doc: RecordDoc = {
    _id: randomUUID(), version: 1, ownerId,
    createdAt: now, createdBy: ctx.user.id, updatedAt: now, updatedBy: ctx.user.id,
    deletedAt: null, deletedBy: null, values,
    ...(ctx.entity.owned === false ? {} : { poolKey: null, fromPool: null, ownedSince: now, followedUpAt: now, request: null }),
  };
  try {
    await collectionOf(ctx).insertOne(doc, session ? { session } : {});
  } catch (error) {
    if (isDuplicateKeyError(error)) throw await duplicateError(ctx, error, values);
    throw error;
  }
  return recordJson(ctx, doc);
}
