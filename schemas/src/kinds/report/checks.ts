import { isNumericType, isTemporalType } from '../../field-types.js';
import { validateFilter } from '../../filter.js';
import { issue } from '../../messages.js';
import { metricSpec } from '../../metrics/catalogue.js';
import type { EntityDefinition, Locale, ReportDefinition, ValidationIssue } from '../../types.js';
import { BUILT_IN_PATHS, DEFAULT_DATE_FIELD, sourceKind, type ReportField } from './sources.js';

type Measure = ReportDefinition['measures'][number];
type Dimension = NonNullable<ReportDefinition['dimensions']>[number];

/** Field types no group makes sense of (free text, structured values, files). */
const NOT_GROUPABLE = new Set(['longtext', 'address', 'attachment']);
/** Measures whose values add up across rows (a share of a ratio's total means nothing). */
const ADDITIVE = new Set(['count', 'sum']);
const NEEDS_FIELD = new Set(['countDistinct', 'sum', 'avg', 'min', 'max']);

/**
 * What the JSON Schema cannot say about a report. `fields` are the source's fields: known here for calls, dials,
 * moves and agent states; for an entity's records the runtime passes them at publish (runtime/src/reports/
 * publish-checks.ts), since they come from the entity's definition. Without them, field checks wait for publish.
 */
export function checkReport(def: ReportDefinition, locale: Locale, fields: ReportField[] | null): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const kind = sourceKind(def.source);
  const byKey = fields ? new Map(fields.map((f) => [f.key, f])) : null;
  const dims = def.dimensions ?? [];

  const ids = new Set<string>();
  const unique = (id: string, path: string) => {
    if (ids.has(id)) out.push(issue(path, 'duplicate_key', locale, { key: id }));
    ids.add(id);
  };
  dims.forEach((d, i) => unique(d.id, `/dimensions/${i}/id`));
  def.measures.forEach((m, i) => unique(m.id, `/measures/${i}/id`));

  /** A field of the source, or an issue at `path`; true when there is nothing to check it against yet. */
  const known = (key: string | undefined, path: string): ReportField | true | null => {
    if (key === undefined) return out.push(issue(path, 'required', locale)), null;
    if (!byKey) return true;
    const field = byKey.get(key);
    if (!field) out.push(issue(path, 'report_unknown_field', locale, { field: key }));
    return field ?? null;
  };

  if (def.dateRange) checkRange(def.dateRange, known, locale, out, kind);
  dims.forEach((d, i) => checkDimension(d, `/dimensions/${i}`, kind, known, locale, out));
  def.measures.forEach((m, i) => checkMeasure(m, `/measures/${i}`, def, kind, known, locale, out));
  (def.sort ?? []).forEach((s, i) => {
    if (!ids.has(s.by)) out.push(issue(`/sort/${i}/by`, 'report_unknown_column', locale, { id: s.by }));
  });
  checkVisual(def, dims, locale, out);
  if (def.filter !== undefined && fields) {
    const entity = { fields: fields.map((f) => ({ key: f.key, type: f.type })) } as unknown as EntityDefinition;
    out.push(...validateFilter(def.filter, entity, locale, (k) => byKey!.has(k)));
  }
  return out;
}

function checkRange(
  range: NonNullable<ReportDefinition['dateRange']>, known: (k: string | undefined, p: string) => ReportField | true | null,
  locale: Locale, out: ValidationIssue[], kind: ReturnType<typeof sourceKind>,
) {
  if (range.range === 'custom') {
    if (!range.from) out.push(issue('/dateRange/from', 'required', locale));
    if (!range.to) out.push(issue('/dateRange/to', 'required', locale));
    if (range.from && range.to && range.to < range.from) out.push(issue('/dateRange/to', 'end_before_start', locale));
  } else if (range.from || range.to) {
    out.push(issue(range.from ? '/dateRange/from' : '/dateRange/to', 'report_dates_need_custom', locale));
  }
  const field = known(range.field ?? DEFAULT_DATE_FIELD[kind], '/dateRange/field');
  if (field && field !== true && !isTemporalType(field.type)) out.push(issue('/dateRange/field', 'report_not_a_date', locale, { field: field.key }));
}

function checkDimension(
  d: Dimension, at: string, kind: ReturnType<typeof sourceKind>,
  known: (k: string | undefined, p: string) => ReportField | true | null, locale: Locale, out: ValidationIssue[],
) {
  if (d.by === 'field') {
    const field = known(d.field, `${at}/field`);
    if (field && field !== true) {
      if (field.masked) out.push(issue(`${at}/field`, 'report_masked_dimension', locale, { field: field.key }));
      else if (NOT_GROUPABLE.has(field.type)) out.push(issue(`${at}/field`, 'report_not_groupable', locale, { field: field.key, type: field.type }));
    }
    if (d.bucket) out.push(issue(`${at}/bucket`, 'report_bucket_needs_date', locale));
  } else if (d.by === 'date') {
    if (!d.bucket) out.push(issue(`${at}/bucket`, 'required', locale));
    const field = known(d.field ?? DEFAULT_DATE_FIELD[kind], `${at}/field`);
    if (field && field !== true) {
      if (!isTemporalType(field.type)) out.push(issue(`${at}/field`, 'report_not_a_date', locale, { field: field.key }));
      else if (field.type === 'date' && d.bucket === 'hour') out.push(issue(`${at}/bucket`, 'report_hour_of_date', locale, { field: field.key }));
    }
  } else if (!BUILT_IN_PATHS[kind][d.by]) {
    out.push(issue(`${at}/by`, 'report_dimension_not_in_source', locale, { by: d.by }));
  }
}

function checkMeasure(
  m: Measure, at: string, def: ReportDefinition, kind: ReturnType<typeof sourceKind>,
  known: (k: string | undefined, p: string) => ReportField | true | null, locale: Locale, out: ValidationIssue[],
) {
  const other = (id: string | undefined, path: string): Measure | null => {
    if (id === undefined) return out.push(issue(path, 'report_ratio_of_nothing', locale)), null;
    const found = def.measures.find((x) => x.id === id && x !== m);
    if (!found) out.push(issue(path, 'report_unknown_measure', locale, { id }));
    return found ?? null;
  };
  if (NEEDS_FIELD.has(m.op)) {
    const field = known(m.field, `${at}/field`);
    if (field && field !== true && m.op !== 'countDistinct') {
      if (!isNumericType(field.type)) out.push(issue(`${at}/field`, 'report_not_numeric', locale, { field: field.key, op: m.op }));
    }
    if (field && field !== true && m.op === 'countDistinct' && field.masked) out.push(issue(`${at}/field`, 'report_masked_dimension', locale, { field: field.key }));
  } else if (m.op === 'shareOfTotal') {
    const of = other(m.of, `${at}/of`);
    if (of && !ADDITIVE.has(of.op) && !(of.op === 'metric' && metricSpec(of.metric ?? '')?.unit !== 'ratio')) {
      out.push(issue(`${at}/of`, 'report_share_of_ratio', locale, { id: of.id }));
    }
  } else if (m.op === 'ratio') {
    other(m.numerator, `${at}/numerator`);
    other(m.denominator, `${at}/denominator`);
    if (m.numerator !== undefined && m.numerator === m.denominator) out.push(issue(`${at}/denominator`, 'report_ratio_of_itself', locale));
  } else if (m.op === 'metric') {
    checkMetric(m, at, kind, known, locale, out);
  }
}

function checkMetric(
  m: Measure, at: string, kind: ReturnType<typeof sourceKind>,
  known: (k: string | undefined, p: string) => ReportField | true | null, locale: Locale, out: ValidationIssue[],
) {
  if (!m.metric) return void out.push(issue(`${at}/metric`, 'required', locale));
  const spec = metricSpec(m.metric);
  if (!spec) return void out.push(issue(`${at}/metric`, 'report_unknown_metric', locale, { metric: m.metric }));
  if (spec.source !== kind) return void out.push(issue(`${at}/metric`, 'report_metric_source', locale, { metric: m.metric, source: spec.source }));
  for (const p of spec.params ?? []) {
    const v = m.params?.[p.key] ?? p.default;
    const path = `${at}/params/${p.key}`;
    if (v === undefined || (Array.isArray(v) && !v.length)) { out.push(issue(path, 'required', locale)); continue; }
    if (p.type === 'seconds' && !(typeof v === 'number' && v > 0)) out.push(issue(path, 'minimum', locale, { limit: 1 }));
    if (p.type === 'values' && !Array.isArray(v)) out.push(issue(path, 'type', locale, { type: 'array' }));
    if (p.type === 'field') {
      const field = typeof v === 'string' ? known(v, path) : (out.push(issue(path, 'type', locale, { type: 'string' })), null);
      if (field && field !== true && p.numeric && !isNumericType(field.type)) out.push(issue(path, 'report_not_numeric', locale, { field: field.key, op: 'sum' }));
    }
  }
}

function checkVisual(def: ReportDefinition, dims: Dimension[], locale: Locale, out: ValidationIssue[]) {
  const type = def.visual.type;
  const columns = def.visual.options?.columns;
  if (type === 'pivot') {
    if (dims.length !== 2) out.push(issue('/visual/type', 'report_pivot_dimensions', locale, { count: dims.length }));
    if (columns !== undefined && !dims.some((d) => d.id === columns)) out.push(issue('/visual/options/columns', 'report_unknown_column', locale, { id: columns }));
  } else if ((type === 'kpi' || type === 'gauge') && dims.length) {
    out.push(issue('/visual/type', 'report_single_figure', locale, { type }));
  } else if (['bar', 'line', 'area', 'pie', 'funnel'].includes(type) && !dims.length) {
    out.push(issue('/dimensions', 'report_chart_needs_dimension', locale, { type }));
  }
}
