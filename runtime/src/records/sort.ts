import type { Sort } from 'mongodb';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { SYSTEM_DATE_FIELDS } from './record-doc.js';

export const DEFAULT_SORT = '-updatedAt';

/**
 * `field` or `-field`: system dates, or a field the definition lists or marks sortable and the reader
 * sees unmasked (ordering by a masked number would let a reader narrow it down). Ties are broken by _id in
 * the same direction, so paging is stable and one index ({ updatedAt: -1, _id: -1 }) serves both orders.
 */
export function sortFor(ctx: RecordContext, sort: string | undefined): Sort {
  const spec = sort?.trim() || DEFAULT_SORT;
  const desc = spec.startsWith('-');
  const key = desc ? spec.slice(1) : spec;
  const dir = desc ? -1 : 1;
  if (SYSTEM_DATE_FIELDS.has(key)) return { [key]: dir, _id: dir };
  const field = ctx.view.field(key);
  if (!field || field.retired || !(field.sortable || field.showInList) || !ctx.view.visible(field) || ctx.view.masked(field)) {
    throw new ApiError(400, 'invalid_sort', text('invalid_sort', ctx.locale), [
      { path: '/sort', code: 'not_sortable', message: text('not_sortable', ctx.locale) },
    ]);
  }
  return { [`values.${field.key}`]: dir, _id: dir };
}
