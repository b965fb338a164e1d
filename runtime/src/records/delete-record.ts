import { ApiError } from '../http/errors.js';
import { notFound, requireRestore, type RecordContext } from './context.js';
import { collectionOf } from './record-doc.js';
import { missedWrite } from './find-record.js';
import { text } from './messages.js';
import { logEntry, withLogEntry } from './oplog-entry.js';
import { recordJson, type RecordJson } from './record-json.js';

/** Soft delete: the record keeps its values (and its duplicate keys) until someone restores it. */
export async function deleteRecord(ctx: RecordContext, id: string, version: number): Promise<void> {
  const now = new Date();
  const deleted = await collectionOf(ctx).updateOne(
    { _id: id, version, deletedAt: null, ...ctx.scope },
    withLogEntry({ $set: { deletedAt: now, deletedBy: ctx.user.id }, $inc: { version: 1 } }, logEntry(ctx, id, version + 1, 'delete', now)),
  );
  if (!deleted.matchedCount) throw await missedWrite(ctx, id);
  ctx.app.logOutbox.schedule(ctx.entity.key);
}

export async function restoreRecord(ctx: RecordContext, id: string): Promise<RecordJson> {
  requireRestore(ctx);
  const now = new Date();
  // The entry names the version the restore creates, so the restore matches the version it read.
  const current = await collectionOf(ctx).findOne({ _id: id, deletedAt: { $ne: null }, ...ctx.scope }, { projection: { version: 1 } });
  const restored = current && await collectionOf(ctx).findOneAndUpdate(
    { _id: id, version: current.version, deletedAt: { $ne: null }, ...ctx.scope },
    withLogEntry({ $set: { deletedAt: null, deletedBy: null }, $inc: { version: 1 } }, logEntry(ctx, id, current.version + 1, 'restore', now)),
    { returnDocument: 'after', projection: { pendingLog: 0 } },
  );
  if (restored) {
    ctx.app.logOutbox.schedule(ctx.entity.key);
    return recordJson(ctx, restored);
  }
  const live = await collectionOf(ctx).findOne({ _id: id, ...ctx.scope }, { projection: { _id: 1 } });
  if (live) throw new ApiError(409, 'not_deleted', text('not_deleted', ctx.locale));
  throw notFound(ctx);
}
