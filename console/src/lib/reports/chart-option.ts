// A run result + its visual -> one ECharts option, and the way back from a clicked bar, point or slice to the
// dimension values the drill-down asks for. Pure: the figures are the server's, this only lays them out.
import type { EChartsCoreOption } from 'echarts/core';
import type { ReportCellValue, ReportResultJson } from '@telesales/schemas';
import { dimensionText, dimensions, formatFigure, measures } from './format';

export type Cell = Record<string, ReportCellValue>;
export interface ChartWords {
	none: string;
	previous: string;
}
export interface ChartLayout {
	option: EChartsCoreOption;
	/** The cell behind a series' data point; null where a point stands for no single group (the previous period). */
	cellAt(seriesIndex: number, dataIndex: number): Cell | null;
}

interface VisualOptions {
	stacked?: boolean;
	horizontal?: boolean;
	showValues?: boolean;
	max?: number;
}

const distinct = <T>(values: T[]) => [...new Set(values)];

export function chartLayout(result: ReportResultJson, locale: 'zh' | 'en', words: ChartWords): ChartLayout {
	const type = String(result.visual.type);
	const opts = (result.visual.options ?? {}) as VisualOptions;
	const [d0, d1] = dimensions(result);
	const ms = measures(result);
	const m0 = ms[0]!;
	const fmt = (unit: (typeof ms)[number]['unit']) => (v: unknown) => formatFigure(v as number, unit, locale);
	const tooltip = { trigger: type === 'pie' || type === 'funnel' ? 'item' : 'axis', valueFormatter: fmt(m0.unit) };

	if (type === 'gauge') {
		const value = (result.totals?.[m0.id] as number | null) ?? 0;
		const ratio = m0.unit === 'ratio';
		return {
			option: {
				series: [{
					type: 'gauge', min: 0, max: opts.max ?? (ratio ? 1 : Math.max(1, value * 1.5)),
					detail: { formatter: fmt(m0.unit), fontSize: 22 }, data: [{ value, name: m0.label }],
				}],
			},
			cellAt: () => ({}),
		};
	}

	const keys = distinct(result.rows.map((r) => r[d0!.id] ?? null));
	const names = keys.map((k) => dimensionText(result, d0!.id, k, words.none));

	if (type === 'pie' || type === 'funnel') {
		const data = result.rows.map((r) => ({ name: dimensionText(result, d0!.id, r[d0!.id], words.none), value: r[m0.id] ?? 0 }));
		const series = type === 'pie'
			? { type: 'pie', radius: ['35%', '70%'], data, label: { formatter: '{b}: {d}%' } }
			: { type: 'funnel', sort: 'descending', data, label: { show: true, formatter: '{b}' } };
		return {
			option: { tooltip, legend: { type: 'scroll', bottom: 0 }, series: [series] },
			cellAt: (_s, i) => ({ [d0!.id]: result.rows[i]?.[d0!.id] ?? null }),
		};
	}

	// bar, line, area: one series per measure, or with a second dimension one series per its values (first measure)
	const kind = type === 'bar' ? 'bar' : 'line';
	const area = type === 'area' ? { areaStyle: {} } : {};
	const common = { type: kind, ...area, stack: opts.stacked ? 'all' : undefined, label: { show: !!opts.showValues, position: opts.horizontal ? 'right' : 'top', formatter: (p: { value: unknown }) => fmt(m0.unit)(p.value) } };
	const at = (key: ReportCellValue, m: string, other?: [string, ReportCellValue]) =>
		result.rows.find((r) => (r[d0!.id] ?? null) === key && (!other || (r[other[0]] ?? null) === other[1]))?.[m] ?? null;
	let series: Array<Record<string, unknown>>;
	let cellAt: ChartLayout['cellAt'];
	if (d1) {
		const splits = distinct(result.rows.map((r) => r[d1.id] ?? null));
		series = splits.map((s) => ({ ...common, name: dimensionText(result, d1.id, s, words.none), data: keys.map((k) => at(k, m0.id, [d1.id, s])) }));
		cellAt = (si, di) => ({ [d0!.id]: keys[di] ?? null, [d1.id]: splits[si] ?? null });
	} else {
		series = ms.map((m) => ({ ...common, name: m.label, data: keys.map((k) => at(k, m.id)) }));
		if (result.previous) {
			// the previous period beside the first measure, matched by the dimension's value (a day bucket differs: by position)
			const before = (k: ReportCellValue, i: number) =>
				(d0!.bucket ? result.previous!.rows[i] : result.previous!.rows.find((r) => (r[d0!.id] ?? null) === k))?.[m0.id] ?? null;
			series.push({ ...common, stack: undefined, name: `${m0.label} · ${words.previous}`, data: keys.map(before), itemStyle: { opacity: 0.45 }, lineStyle: { type: 'dashed' } });
		}
		cellAt = (si, di) => (si < ms.length ? { [d0!.id]: keys[di] ?? null } : null);
	}
	// every group named (a hidden label is a bar nobody can read); slanted when many would not fit side by side
	const slant = !opts.horizontal && (names.length > 6 || names.join('').length > 40);
	const category = { type: 'category', data: names, axisLabel: { interval: 0, rotate: slant ? 30 : 0, width: 120, overflow: 'truncate' } };
	// a count has no halves between its ticks
	const value = { type: 'value', minInterval: m0.unit === 'count' ? 1 : 0, axisLabel: { formatter: fmt(m0.unit) } };
	return {
		option: {
			tooltip, legend: { type: 'scroll', bottom: 0 },
			grid: { left: 12, right: 16, top: 24, bottom: 36, containLabel: true },
			xAxis: opts.horizontal ? value : category,
			yAxis: opts.horizontal ? { ...category, inverse: true } : value,
			series,
		},
		cellAt,
	};
}
