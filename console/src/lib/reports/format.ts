// How a report's figures and dimension values read: by the column's unit (the catalogue says what a figure is), the
// dimension's labels from the server (people's names, options' labels), in the UI language's number style.
import type { Locale, ReportColumnJson, ReportResultJson } from '@telesales/schemas';
import { formatDuration } from '$lib/calls/format';

type Cell = string | number | boolean | null | undefined;

export function formatFigure(value: Cell, unit: ReportColumnJson['unit'], locale: Locale): string {
	if (value === null || value === undefined || value === '') return '—';
	if (typeof value !== 'number') return String(value);
	const tag = locale === 'zh' ? 'zh-CN' : 'en-US';
	if (unit === 'ratio') return `${(value * 100).toLocaleString(tag, { maximumFractionDigits: 1 })}%`;
	if (unit === 'seconds') return formatDuration(value);
	if (unit === 'money') return value.toLocaleString(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	return value.toLocaleString(tag, { maximumFractionDigits: 2 });
}

/** A dimension value as people read it; `none` for a group without a value (no owner, no status). */
export function dimensionText(result: ReportResultJson, id: string, value: Cell, none: string): string {
	if (value === null || value === undefined || value === '') return none;
	return result.labels[id]?.[String(value)] ?? String(value);
}

export const dimensions = (r: ReportResultJson) => r.columns.filter((c) => c.kind === 'dimension');
export const measures = (r: ReportResultJson) => r.columns.filter((c) => c.kind === 'measure');

/** The change against the previous period, as a share (0.25 = +25 %); null when there is nothing to compare with. */
export function change(now: Cell, before: Cell): number | null {
	if (typeof now !== 'number' || typeof before !== 'number' || before === 0) return null;
	return (now - before) / Math.abs(before);
}
