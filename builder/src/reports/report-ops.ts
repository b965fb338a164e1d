import {
  isNumericType, isTemporalType, metricSpec, type ReportDefinition, type ReportDimension, type ReportField, type ReportMeasure,
} from '@telesales/schemas';

/** What the palette offers to drag: a built-in dimension, a field of the source, or a catalogue metric. */
export type PaletteItem =
  | { kind: 'builtIn'; by: 'owner' | 'team' | 'pool' | 'task' | 'disposition' }
  | { kind: 'field'; field: ReportField }
  | { kind: 'metric'; metric: string };

export type Zone = 'rows' | 'columns' | 'measures';
export const MAX_DIMENSIONS = 3;

/** An id not yet used by a dimension or measure of the report, from a readable stem (`agent`, `agent2`). */
export function freeId(def: ReportDefinition, stem: string): string {
  const used = new Set([...(def.dimensions ?? []).map((d) => d.id), ...def.measures.map((m) => m.id)]);
  const base = stem.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-zA-Z]+/, '').slice(0, 30) || 'x';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/** The dimension a dropped item becomes: a date field is bucketed by day; a metric is no dimension. */
function dimensionOf(def: ReportDefinition, item: PaletteItem): ReportDimension | null {
  if (item.kind === 'builtIn') return { id: freeId(def, item.by === 'owner' ? 'agent' : item.by), by: item.by };
  if (item.kind === 'field') {
    const f = item.field;
    if (isTemporalType(f.type)) return { id: freeId(def, f.key), by: 'date', field: f.key, bucket: 'day' };
    return { id: freeId(def, f.key), by: 'field', field: f.key };
  }
  return null;
}

/** The measure a dropped item becomes: a metric as itself, a number field summed, any other field counted distinct. */
function measureOf(def: ReportDefinition, item: PaletteItem): ReportMeasure | null {
  if (item.kind === 'metric') return { id: freeId(def, item.metric), op: 'metric', metric: item.metric };
  if (item.kind === 'field') {
    return isNumericType(item.field.type)
      ? { id: freeId(def, item.field.key), op: 'sum', field: item.field.key }
      : { id: freeId(def, item.field.key), op: 'countDistinct', field: item.field.key };
  }
  return null;
}

/**
 * An item dropped on a zone. Rows and columns are the report's dimensions; the one in `columns` is the pivot's (and a
 * chart's series), so dropping there names it in visual.options.columns and a table becomes a pivot.
 */
export function dropItem(def: ReportDefinition, item: PaletteItem, zone: Zone): ReportDefinition {
  if (zone === 'measures') {
    const m = measureOf(def, item);
    return m && def.measures.length < 20 ? { ...def, measures: [...def.measures, m] } : def;
  }
  const dims = def.dimensions ?? [];
  const d = dimensionOf(def, item);
  if (!d || dims.length >= MAX_DIMENSIONS) return def;
  const next = { ...def, dimensions: [...dims, d] };
  if (zone === 'rows') return next;
  const type = def.visual.type === 'table' ? 'pivot' : def.visual.type;
  return { ...next, visual: { ...def.visual, type, options: { ...def.visual.options, columns: d.id } } };
}

export function removeDimension(def: ReportDefinition, id: string): ReportDefinition {
  const dimensions = (def.dimensions ?? []).filter((d) => d.id !== id);
  const { columns, ...options } = def.visual.options ?? {};
  const visual = columns === id ? { ...def.visual, options } : def.visual;
  return { ...def, dimensions, visual, sort: def.sort?.filter((s) => s.by !== id) };
}

export function removeMeasure(def: ReportDefinition, id: string): ReportDefinition {
  return { ...def, measures: def.measures.filter((m) => m.id !== id), sort: def.sort?.filter((s) => s.by !== id) };
}

export function updateDimension(def: ReportDefinition, id: string, change: Partial<ReportDimension>): ReportDefinition {
  return { ...def, dimensions: (def.dimensions ?? []).map((d) => (d.id === id ? { ...d, ...change } : d)) };
}

/** A measure's operation changed: keep what the new operation reads, drop the rest (a count has no field). */
export function setMeasureOp(def: ReportDefinition, id: string, op: ReportMeasure['op'], fields: readonly ReportField[]): ReportDefinition {
  return {
    ...def,
    measures: def.measures.map((m) => {
      if (m.id !== id) return m;
      const base = { id: m.id, op, ...(m.label ? { label: m.label } : {}) } as ReportMeasure;
      if (['sum', 'avg', 'min', 'max'].includes(op)) return { ...base, field: m.field && fields.some((f) => f.key === m.field && isNumericType(f.type)) ? m.field : fields.find((f) => isNumericType(f.type))?.key };
      if (op === 'countDistinct') return { ...base, field: m.field ?? fields[0]?.key };
      if (op === 'shareOfTotal') return { ...base, of: def.measures.find((x) => x.id !== id)?.id };
      if (op === 'ratio') {
        const others = def.measures.filter((x) => x.id !== id);
        return { ...base, numerator: others[0]?.id, denominator: others[1]?.id };
      }
      if (op === 'metric') return { ...base, metric: m.metric ?? 'calls' };
      return base;
    }),
  };
}

export function updateMeasure(def: ReportDefinition, id: string, change: Partial<ReportMeasure>): ReportDefinition {
  return { ...def, measures: def.measures.map((m) => (m.id === id ? ({ ...m, ...change } as ReportMeasure) : m)) };
}

/** A new source: its fields differ, so what named the old ones goes (a count per nothing stays valid to build on). */
export function setSource(def: ReportDefinition, source: string): ReportDefinition {
  const { columns: _c, ...options } = def.visual.options ?? {};
  const type = ['bar', 'line', 'area', 'pie', 'funnel', 'pivot'].includes(def.visual.type) ? 'table' : def.visual.type;
  const { filter: _f, sort: _s, ...rest } = def;
  return { ...rest, source, dateRange: def.dateRange ? { range: def.dateRange.range, ...(def.dateRange.range === 'custom' ? { from: def.dateRange.from, to: def.dateRange.to } : {}) } : undefined, dimensions: [], measures: [{ id: 'n', op: 'count' }], visual: { type, options } };
}

/** The metrics of the catalogue a source may use (records sources share the records metrics). */
export const metricsFor = <M extends { source: string }>(kind: string, all: readonly M[]): M[] => all.filter((m) => m.source === kind);
export const metricLabel = (id: string | undefined) => metricSpec(id ?? '')?.label;
