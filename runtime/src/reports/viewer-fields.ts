import { DEFAULT_DATE_FIELD, metricSpec, type Locale, type ReportDefinition, type ValidationIssue } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';
import type { ViewerSource } from './viewer-source.js';

/** Every field a report names, with its JSON pointer: dimensions, the range, measures, metric parameters. */
function namedFields(def: ReportDefinition, defaultDate: string): Array<{ key: string; path: string }> {
  const out: Array<{ key: string; path: string }> = [];
  (def.dimensions ?? []).forEach((d, i) => {
    if (d.by === 'field' && d.field) out.push({ key: d.field, path: `/dimensions/${i}/field` });
    if (d.by === 'date') out.push({ key: d.field ?? defaultDate, path: `/dimensions/${i}/field` });
  });
  if (def.dateRange) out.push({ key: def.dateRange.field ?? defaultDate, path: '/dateRange/field' });
  def.measures.forEach((m, i) => {
    if (m.field) out.push({ key: m.field, path: `/measures/${i}/field` });
    for (const p of (m.op === 'metric' ? metricSpec(m.metric ?? '')?.params : undefined) ?? []) {
      const v = m.params?.[p.key];
      if (p.type === 'field' && typeof v === 'string') out.push({ key: v, path: `/measures/${i}/params/${p.key}` });
    }
  });
  return out;
}

/**
 * A report may name only fields this viewer sees unmasked: a hidden field is no dimension, measure or range for
 * them (400 with each path), whoever published the report. The filter is checked where it is translated.
 */
export function refuseHiddenFields(def: ReportDefinition, source: ViewerSource, locale: Locale): void {
  const issues: ValidationIssue[] = namedFields(def, DEFAULT_DATE_FIELD[source.kind])
    .filter((f) => !source.fields.has(f.key))
    .map((f) => ({ path: f.path, code: source.hidden.has(f.key) ? 'hidden_field' : 'unknown_field', message: text('hidden_field', locale, { field: f.key }) }));
  if (issues.length) throw new ApiError(400, 'hidden_field', issues[0]!.message, issues);
}
