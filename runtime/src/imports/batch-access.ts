import type { ImportBatchJson } from '@telesales/schemas';
import type { Filter } from 'mongodb';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from '../records/service.js';
import { batchesCollection, type ImportBatchDoc } from './collections.js';
import { text } from './messages.js';

/** Batches this person may see: their own, and those of people in their data scope (all for admins). */
export async function batchScope(ctx: RecordContext): Promise<Filter<ImportBatchDoc>> {
  if (ctx.permissions.manageDefinitions) return { entity: ctx.entity.key };
  const scope = await ctx.permissions.ownerScope(ctx.entity.key);
  return { entity: ctx.entity.key, ...(scope === null ? {} : { 'by.id': { $in: scope } }) };
}

export async function findBatch(ctx: RecordContext, id: string): Promise<ImportBatchDoc> {
  const batch = await batchesCollection(ctx.app.db).findOne({ _id: id, ...(await batchScope(ctx)) });
  if (!batch) throw new ApiError(404, 'not_found', text('batch_not_found', ctx.locale));
  return batch;
}

export function batchJson(b: ImportBatchDoc): ImportBatchJson {
  return {
    id: b._id, entity: b.entity, fileName: b.fileName, source: b.source, by: b.by, at: b.at.toISOString(),
    finishedAt: b.finishedAt ? b.finishedAt.toISOString() : null, status: b.status, target: b.target, onDuplicate: b.onDuplicate,
    total: b.total, processed: b.processed, inserted: b.inserted, updated: b.updated, rejected: b.rejected,
    duplicatesInFile: b.duplicatesInFile, duplicatesInDb: b.duplicatesInDb,
  };
}
