import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import { withLogEntry } from '../records/oplog-entry.js';
import type { OplogDoc } from '../records/oplog.js';
import { valueOf, type RecordDoc } from '../records/record-doc.js';
import type { FieldChange } from '../records/write-values.js';

export const SYSTEM_ACTOR = { id: 'system', name: 'System' } as const;

export interface Recycle {
  entity: string;
  ruleId: string;
  toPool: string;
  /** The rule's due condition, repeated in the update's filter. */
  due: Filter<RecordDoc>;
  reset: { field: string; value: string } | null;
  now: Date;
}

/** The log entry of one recycle, written by no person and so built without a request context. */
export function recycleEntry(doc: RecordDoc, recycle: Recycle, changes: FieldChange[]): OplogDoc {
  return {
    _id: randomUUID(), entity: recycle.entity, recordId: doc._id, version: doc.version + 1, action: 'recycle',
    at: recycle.now, by: { ...SYSTEM_ACTOR }, changes,
    detail: { fromOwner: doc.ownerId, toOwner: null, toPool: recycle.toPool, rule: recycle.ruleId },
  };
}

/**
 * One record back to the pool, as one conditional single-document update carrying its log entry. The
 * filter holds what was read (version, owner) and the due condition: a record that was edited, moved or
 * recycled by another process meanwhile is not matched, so no record is ever recycled twice.
 */
export function recycleOperation(doc: RecordDoc, recycle: Recycle): AnyBulkWriteOperation<RecordDoc> {
  const changes: FieldChange[] = [];
  const set: Record<string, unknown> = {
    ownerId: null, poolKey: recycle.toPool, fromPool: null, ownedSince: null, followedUpAt: null, request: null,
    updatedAt: recycle.now, updatedBy: SYSTEM_ACTOR.id,
  };
  if (recycle.reset) {
    const before = valueOf(doc.values, recycle.reset.field);
    if (before !== recycle.reset.value) {
      changes.push({ field: recycle.reset.field, before: before ?? null, after: recycle.reset.value });
      set[`values.${recycle.reset.field}`] = recycle.reset.value;
    }
  }
  return {
    updateOne: {
      filter: { _id: doc._id, version: doc.version, ownerId: doc.ownerId, deletedAt: null, $and: [recycle.due] },
      update: withLogEntry({ $set: set, $inc: { version: 1 } }, recycleEntry(doc, recycle, changes)),
    },
  };
}
