import { valueOf, type FieldChange, type LoggedChange, type RecordFilter, type StoredRecord } from '../records/service.js';

export const SYSTEM_ACTOR = { id: 'system', name: 'System' } as const;

export interface Recycle {
  entity: string;
  ruleId: string;
  toPool: string;
  /** The rule's due condition, repeated in the update's filter. */
  due: RecordFilter;
  reset: { field: string; value: string } | null;
  now: Date;
}

/**
 * One record back to the pool, as one conditional single-document update carrying its log entry (written by
 * no person). The change matches what was read (version, owner) and the due condition: a record that was
 * edited, moved or recycled by another process meanwhile is not matched, so no record is ever recycled twice.
 */
export function recycleChange(doc: StoredRecord, recycle: Recycle): LoggedChange {
  const changes: FieldChange[] = [];
  if (recycle.reset) {
    const before = valueOf(doc.values, recycle.reset.field);
    if (before !== recycle.reset.value) changes.push({ field: recycle.reset.field, before: before ?? null, after: recycle.reset.value });
  }
  return {
    record: doc, action: 'recycle', by: SYSTEM_ACTOR, at: recycle.now, changes,
    set: { ownerId: null, poolKey: recycle.toPool, fromPool: null, ownedSince: null, followedUpAt: null, request: null },
    detail: { fromOwner: doc.ownerId, toOwner: null, toPool: recycle.toPool, rule: recycle.ruleId },
    match: { ownerId: doc.ownerId, $and: [recycle.due] },
  };
}
