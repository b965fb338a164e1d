import { localize } from '@telesales/schemas';
import type { MongoServerError } from 'mongodb';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { collectionOf, valueOf } from './record-doc.js';

export { isDuplicateKeyError };

/** The record fields an index covers, from the error's key pattern or else from our index name. */
function fieldsOf(error: MongoServerError): string[] {
  const pattern = error.keyPattern as Record<string, unknown> | undefined;
  if (pattern) return Object.keys(pattern).filter((k) => k.startsWith('values.')).map((k) => k.slice('values.'.length));
  const name = /index: (\S+)/.exec(error.message)?.[1] ?? '';
  return /^(?:uniq|dup):/.test(name) ? name.slice(name.indexOf(':') + 1).split('+') : [];
}

/**
 * A unique index refused the write. The answer names the field(s) and says whose record holds the value —
 * the asker's own, "another agent", or a public pool — and nothing else: never the value (it may be masked for the asker)
 * nor who the other owner is. The driver's own message echoes the value, so it is dropped here.
 */
export async function duplicateError(
  ctx: RecordContext, error: MongoServerError, values: Record<string, unknown>, exceptId?: string,
): Promise<ApiError> {
  const fields = fieldsOf(error);
  const holder = fields.length
    ? await collectionOf(ctx).findOne(
      { ...Object.fromEntries(fields.map((k) => [`values.${k}`, { $eq: valueOf(values, k) }])), ...(exceptId ? { _id: { $ne: exceptId } } : {}) },
      { projection: { ownerId: 1, poolKey: 1 } },
    )
    : null;
  const whose = holder?.poolKey ? 'duplicate_pool' : !holder?.ownerId ? 'duplicate_any' : holder.ownerId === ctx.user.id ? 'duplicate_own' : 'duplicate_other';
  const labels = fields.map((k) => localize(ctx.view.field(k)?.label, ctx.locale) || k).join(ctx.locale === 'zh' ? '、' : ' + ');
  const message = text(whose, ctx.locale, { fields: labels });
  return new ApiError(409, 'duplicate', text('duplicate', ctx.locale), fields.map((k) => ({ path: `/values/${k}`, code: 'duplicate', message })));
}
