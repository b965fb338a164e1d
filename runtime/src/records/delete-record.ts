import { ApiError } from '../http/errors.js';
import { notFound, requireRestore, type RecordContext } from './context.js';
import { missedWrite } from './find-record.js';
import { text } from './messages.js';
import { logChange } from './oplog.js';
import { recordJson, type RecordJson } from './record-json.js';
import { writeStep } from './write-step.js';

/** Soft delete: the record keeps its values (and its duplicate keys) until someone restores it. */
export async function deleteRecord(ctx: RecordContext, id: string, version: number): Promise<void> {
  const now = new Date();
  const deleted = await writeStep(ctx, async (session) => {
    const doc = await ctx.collection.findOneAndUpdate(
      { _id: id, version, deletedAt: null, ...ctx.scope },
      { $set: { deletedAt: now, deletedBy: ctx.user.id }, $inc: { version: 1 } },
      { session, returnDocument: 'after' },
    );
    if (doc) await logChange(ctx, session, { recordId: id, version: doc.version, action: 'delete', at: now });
    return doc;
  });
  if (!deleted) throw await missedWrite(ctx, id);
}

export async function restoreRecord(ctx: RecordContext, id: string): Promise<RecordJson> {
  requireRestore(ctx);
  const now = new Date();
  const restored = await writeStep(ctx, async (session) => {
    const doc = await ctx.collection.findOneAndUpdate(
      { _id: id, deletedAt: { $ne: null }, ...ctx.scope },
      { $set: { deletedAt: null, deletedBy: null }, $inc: { version: 1 } },
      { session, returnDocument: 'after' },
    );
    if (doc) await logChange(ctx, session, { recordId: id, version: doc.version, action: 'restore', at: now });
    return doc;
  });
  if (restored) return recordJson(ctx, restored);
  const live = await ctx.collection.findOne({ _id: id, ...ctx.scope }, { projection: { _id: 1 } });
  if (live) throw new ApiError(409, 'not_deleted', text('not_deleted', ctx.locale));
  throw notFound(ctx);
}
