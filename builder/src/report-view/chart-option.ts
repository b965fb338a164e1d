import type { ReportColumnJson, ReportResultJson } from '@telesales/schemas';
import { dimensionText, formatFigure } from './format';

type Option = Record<string, unknown>;
/** Short enough that a preview follows each edit without lag. */
const ANIMATION_MS = 300;
interface Options { stacked?: boolean; horizontal?: boolean; showValues?: boolean; max?: number; target?: number; columns?: string }

/**
 * A run's rows as an ECharts option. Bars, lines and areas put the first dimension on the category axis and draw
 * one series per measure, or, with a second dimension, one series per value of it (the first measure); pies and
 * funnels take the first dimension and measure; a gauge the first measure's total.
 */
export function chartOption(result: ReportResultJson, locale: string, none: string): Option | null {
  const type = String(result.visual.type);
  const options = (result.visual.options ?? {}) as Options;
  const dims = result.columns.filter((c) => c.kind === 'dimension');
  const measures = result.columns.filter((c) => c.kind === 'measure');
  const first = measures[0];
  if (!first) return null;
  const fmt = (c: ReportColumnJson) => (v: unknown) => formatFigure((v ?? null) as number | null, c.unit, locale);

  if (type === 'gauge') {
    const value = Number(result.totals?.[first.id] ?? 0);
    const ratio = first.unit === 'ratio';
    return {
      series: [{
        type: 'gauge', min: 0, max: options.max ?? (ratio ? 1 : Math.max(10, Math.ceil(value * 1.25))),
        detail: { formatter: fmt(first) }, axisLabel: { formatter: fmt(first) }, data: [{ value, name: first.label }],
      }],
    };
  }
  const [catDim, seriesDim] = dims;
  if (!catDim) return null;
  const categories = [...new Set(result.rows.map((r) => r[catDim.id] ?? null))];
  const catText = (v: unknown) => dimensionText(result, catDim.id, (v ?? null) as string | null, none);

  if (type === 'pie' || type === 'funnel') {
    const data = result.rows.map((r) => ({ name: catText(r[catDim.id]), value: Number(r[first.id] ?? 0) }));
    return {
      animationDuration: ANIMATION_MS,
      tooltip: { trigger: 'item', valueFormatter: fmt(first) },
      legend: { type: 'scroll', bottom: 0 },
      series: [{
        type, name: first.label, data: type === 'funnel' ? data.sort((a, b) => b.value - a.value) : data,
        ...(type === 'pie' ? { radius: ['35%', '65%'] } : { left: '10%', width: '80%', bottom: 30 }),
        label: { show: true, formatter: (p: { name: string; value: number }) => `${p.name}: ${fmt(first)(p.value)}` },
      }],
    };
  }

  const chart = type === 'area' ? 'line' : type === 'line' ? 'line' : 'bar';
  const common = { type: chart, ...(chart === 'bar' ? { barMaxWidth: 56 } : {}), ...(type === 'area' ? { areaStyle: {} } : {}), ...(options.stacked ? { stack: 'all' } : {}),
    label: { show: !!options.showValues, position: chart === 'bar' ? 'top' : 'top', formatter: (p: { value: unknown }) => fmt(first)(p.value) } };
  const series = seriesDim && (!options.columns || options.columns === seriesDim.id)
    ? [...new Set(result.rows.map((r) => r[seriesDim.id] ?? null))].map((s) => ({
      ...common, name: dimensionText(result, seriesDim.id, s, none),
      data: categories.map((c) => Number(result.rows.find((r) => (r[catDim.id] ?? null) === c && (r[seriesDim.id] ?? null) === s)?.[first.id] ?? 0)),
    }))
    : measures.map((m) => ({ ...common, name: m.label, label: { ...common.label, formatter: (p: { value: unknown }) => fmt(m)(p.value) },
      data: categories.map((c) => result.rows.find((r) => (r[catDim.id] ?? null) === c)?.[m.id] ?? null) }));
  const catAxis = { type: 'category', data: categories.map(catText), axisLabel: { interval: 0, hideOverlap: true } };
  const valAxis = { type: 'value', axisLabel: { formatter: fmt(first) } };
  return {
    animationDuration: ANIMATION_MS,
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    xAxis: options.horizontal ? valAxis : catAxis,
    yAxis: options.horizontal ? catAxis : valAxis,
    series,
  };
}
