import { previousRange, resolveRange, type DateRangeInput, type Locale, type ReportDefinition, type ReportParams, type ResolvedRange } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';

/**
 * The period a run counts: the viewer's (or dashboard's) range when given, else the report's own; none for a
 * report without a range (everything). A custom range without both dates, or ending before it starts, is a 400.
 */
export function periodOf(def: ReportDefinition, params: ReportParams, now: number, timeZone: string, locale: Locale): {
  current: ResolvedRange | null; previous: ResolvedRange | null;
} {
  const input: DateRangeInput | null = params.range
    ? { range: params.range, ...(params.from ? { from: params.from } : {}), ...(params.to ? { to: params.to } : {}) }
    : def.dateRange ? (def.dateRange as DateRangeInput) : null;
  if (!input) return { current: null, previous: null };
  if (input.range === 'custom') {
    if (!input.from || !input.to) {
      throw new ApiError(400, 'invalid_params', text('custom_needs_dates', locale), [{ path: input.from ? '/to' : '/from', code: 'required', message: text('custom_needs_dates', locale) }]);
    }
    if (input.to < input.from) throw new ApiError(400, 'invalid_params', text('end_before_start', locale), [{ path: '/to', code: 'end_before_start', message: text('end_before_start', locale) }]);
  }
  return { current: resolveRange(input, now, timeZone), previous: def.compare ? previousRange(input, now, timeZone) : null };
}
