import { ApiError } from '../http/errors.js';
import type { RecordContext, StoredRecord } from '../records/service.js';
import { text } from './messages.js';

/** Admins: workspace admins, or roles that may delete any record of the entity. */
const mayMerge = (ctx: RecordContext) => {
  const p = ctx.permissions.entity(ctx.entity.key);
  return ctx.permissions.manageDefinitions || (p.delete && p.dataScope === 'all');
};

/** Merges record `fromId` into `intoId` (both within the asker's scope): what merging does is the records service's. */
export async function mergeRecords(ctx: RecordContext, fromId: string, intoId: string): Promise<StoredRecord> {
  if (!mayMerge(ctx)) throw new ApiError(403, 'forbidden_merge', text('forbidden_merge', ctx.locale));
  if (fromId === intoId) throw new ApiError(400, 'merge_same', text('merge_same', ctx.locale), [{ path: '/into', code: 'merge_same', message: text('merge_same', ctx.locale) }]);
  return ctx.app.records.merge(ctx, fromId, intoId);
}
