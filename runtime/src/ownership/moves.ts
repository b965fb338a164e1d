import type { OwnershipAction } from '@telesales/schemas';
import type { ClientSession } from 'mongodb';
import type { Actor, FieldChange, LoggedChange, OplogDetail, Ownership, RecordStore, StoredRecord } from '../records/service.js';

export type { Actor };

/** Where a record goes: to an owner (taken from `fromPool`, if from a pool) or back into a pool. */
export type Destination = { ownerId: string; fromPool?: string | null } | { pool: string };

export interface Move {
  action: OwnershipAction;
  by: Actor;
  to: Destination;
  /** Extra detail for the log (a reason, the rule that fired). */
  detail?: OplogDetail;
  /** Values to set at the same time (e.g. the follow-up status reset), with their log changes. */
  values?: Record<string, unknown>;
}

/** The ownership fields a destination sets: the invariant "owned => in no pool" is kept here only. */
export function destinationFields(to: Destination, now: Date): Ownership {
  return 'ownerId' in to
    ? { ownerId: to.ownerId, poolKey: null, fromPool: to.fromPool ?? null, ownedSince: now, followedUpAt: now, request: null }
    : { ownerId: null, poolKey: to.pool, fromPool: null, ownedSince: null, followedUpAt: null, request: null };
}

/**
 * The change that moves one record, as read, to its destination; the records service writes it with its log
 * entry in the same single-document write. It matches only the version read, so a record that moved
 * meanwhile is left alone and the same move can never be applied twice.
 */
export function moveChange(doc: StoredRecord, move: Move, now: Date): LoggedChange {
  const changes: FieldChange[] = Object.entries(move.values ?? {})
    .filter(([key, value]) => doc.values?.[key] !== value)
    .map(([field, after]) => ({ field, before: doc.values?.[field], after }));
  return {
    record: doc, action: move.action, by: move.by, at: now, changes, set: destinationFields(move.to, now),
    detail: {
      fromOwner: doc.ownerId, toOwner: 'ownerId' in move.to ? move.to.ownerId : null,
      fromPool: doc.poolKey ?? null, toPool: 'pool' in move.to ? move.to.pool : null,
      ...move.detail,
    },
  };
}

export function applyMove(records: RecordStore, doc: StoredRecord, move: Move, session?: ClientSession): Promise<StoredRecord | null> {
  return records.write(moveChange(doc, move, new Date()), { session });
}
