import { randomUUID } from 'node:crypto';
import type { OwnershipAction } from '@telesales/schemas';
import type { ClientSession, Collection, Filter, UpdateFilter } from 'mongodb';
import { withLogEntry } from '../records/oplog-entry.js';
import type { OplogDetail, OplogDoc } from '../records/oplog.js';
import type { RecordDoc } from '../records/record-doc.js';
import type { FieldChange } from '../records/write-values.js';

export interface Actor {
  id: string;
  name: string;
}

/** Where a record goes: to an owner (taken from `fromPool`, if from a pool) or back into a pool. */
export type Destination = { ownerId: string; fromPool?: string | null } | { pool: string };

export interface Move {
  entity: string;
  action: OwnershipAction;
  by: Actor;
  to: Destination;
  /** Extra detail for the log (a reason, the rule that fired). */
  detail?: OplogDetail;
  /** Values to set at the same time (e.g. the follow-up status reset), with their log changes. */
  values?: Record<string, unknown>;
}

/** The document fields a destination sets: the invariant "owned => in no pool" is kept here only. */
export function destinationFields(to: Destination, now: Date): Partial<RecordDoc> {
  return 'ownerId' in to
    ? { ownerId: to.ownerId, poolKey: null, fromPool: to.fromPool ?? null, ownedSince: now, followedUpAt: now, request: null }
    : { ownerId: null, poolKey: to.pool, fromPool: null, ownedSince: null, followedUpAt: null, request: null };
}

/**
 * The conditional update that moves one record, as read, to its destination, with its log entry in the same
 * single-document write. It matches only the version read, so a record that moved meanwhile is left alone
 * and the same move can never be applied twice.
 */
export function moveWrite(doc: RecordDoc, move: Move, now: Date): { filter: Filter<RecordDoc>; update: UpdateFilter<RecordDoc> } {
  const changes: FieldChange[] = Object.entries(move.values ?? {})
    .filter(([key, value]) => doc.values?.[key] !== value)
    .map(([field, after]) => ({ field, before: doc.values?.[field], after }));
  const entry: OplogDoc = {
    _id: randomUUID(), entity: move.entity, recordId: doc._id, version: doc.version + 1, action: move.action, at: now, by: move.by,
    changes,
    detail: {
      fromOwner: doc.ownerId, toOwner: 'ownerId' in move.to ? move.to.ownerId : null,
      fromPool: doc.poolKey ?? null, toPool: 'pool' in move.to ? move.to.pool : null,
      ...move.detail,
    },
  };
  const set: Record<string, unknown> = { ...destinationFields(move.to, now), updatedAt: now, updatedBy: move.by.id };
  for (const change of changes) set[`values.${change.field}`] = change.after;
  return {
    filter: { _id: doc._id, version: doc.version, deletedAt: null },
    update: withLogEntry({ $set: set, $inc: { version: 1 } }, entry),
  };
}

export async function applyMove(
  collection: Collection<RecordDoc>, doc: RecordDoc, move: Move, session?: ClientSession,
): Promise<RecordDoc | null> {
  const { filter, update } = moveWrite(doc, move, new Date());
  return collection.findOneAndUpdate(filter, update, { returnDocument: 'after', projection: { pendingLog: 0 }, ...(session ? { session } : {}) });
}
