import { randomUUID } from 'node:crypto';
import type { UpdateFilter } from 'mongodb';
import type { RecordContext } from './context.js';
import type { RecordDoc } from './record-doc.js';
import type { OplogAction, OplogDoc } from './oplog.js';
import type { FieldChange } from './write-values.js';

/**
 * The log entry of a change, to be written with the change itself:
 * `{ ...doc, pendingLog: [entry], logPending: true }` on insert, or `withLogEntry(update, entry)` on update.
 */
export function logEntry(
  ctx: RecordContext, recordId: string, version: number, action: OplogAction, at: Date, changes: FieldChange[] = [],
): OplogDoc {
  return { _id: randomUUID(), entity: ctx.entity.key, recordId, version, action, at, by: { id: ctx.user.id, name: ctx.user.name }, changes };
}

/** Adds the entry to an update so the change and its log entry are one atomic single-document write. */
export function withLogEntry(update: UpdateFilter<RecordDoc>, entry: OplogDoc): UpdateFilter<RecordDoc> {
  return { ...update, $set: { ...update.$set, logPending: true as const }, $push: { pendingLog: entry } };
}
