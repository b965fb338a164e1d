import { ApiError } from '../http/errors.js';
import { notFound, type RecordContext } from './context.js';
import { text } from './messages.js';
import { collectionOf, type RecordDoc } from './record-doc.js';

/**
 * A record within the reader's scope. Outside the scope is answered exactly like a missing record (404),
 * so nobody learns that a record exists that they may not see. Deleted records only for restorers.
 */
export async function findRecord(ctx: RecordContext, id: string, opts: { deleted?: boolean } = {}): Promise<RecordDoc> {
  const doc = await collectionOf(ctx).findOne({ _id: id, ...ctx.scope });
  if (!doc) throw notFound(ctx);
  if (doc.deletedAt && !(opts.deleted && ctx.permissions.restoreRecords)) throw notFound(ctx);
  return doc;
}

/** A write matched nothing: the record left the scope or was deleted (404), or its version moved on (409). */
export async function missedWrite(ctx: RecordContext, id: string): Promise<ApiError> {
  const now = await collectionOf(ctx).findOne({ _id: id, deletedAt: null, ...ctx.scope }, { projection: { version: 1 } });
  if (!now) return notFound(ctx);
  return versionConflict(ctx, now.version);
}

export function versionConflict(ctx: RecordContext, current: number): ApiError {
  return new ApiError(409, 'version_conflict', text('version_conflict', ctx.locale, { current }), undefined, { current });
}
