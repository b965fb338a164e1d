// Dashboards (runtime/src/dashboards, issue 17): a grid of published reports with dashboard-wide filters. The API
// lands with the dashboard kind; until a runtime serves it, these answer "none" (404), so the page shows its empty
// state instead of an error. Only this file knows the API's shape.
import { localize, type Locale, type LocalText, type ReportParams } from '@telesales/schemas';
import { ApiError, get } from './client';

/** One tile: a report placed on the 12-column grid. */
export interface DashboardTileJson {
	report: string;
	x: number;
	y: number;
	w: number;
	h: number;
	title?: string | LocalText;
}

export interface DashboardSummaryJson {
	key: string;
	label: string | LocalText;
}

export const dashboardLabel = (d: DashboardSummaryJson, locale: Locale) => (typeof d.label === 'string' ? d.label : localize(d.label, locale)) || d.key;

export interface DashboardJson extends DashboardSummaryJson {
	tiles: DashboardTileJson[];
	/** The dashboard-wide filters (date range, team, task) as the API gives them; `startingParams` reads them. */
	filters: unknown;
}

/** The dashboard's own starting values for the run parameters every tile shares (its default range, a fixed team or task). */
export function startingParams(d: DashboardJson): ReportParams {
	const f = (d.filters ?? {}) as Record<string, unknown>;
	if (Array.isArray(f)) return {};
	const range = (f.range ?? (f.dateRange as { range?: unknown } | undefined)?.range) as ReportParams['range'] | undefined;
	const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
	const out: ReportParams = { range, team: text(f.team), task: text(f.task) };
	if (range === 'custom') Object.assign(out, { from: text(f.from ?? (f.dateRange as { from?: unknown } | undefined)?.from), to: text(f.to ?? (f.dateRange as { to?: unknown } | undefined)?.to) });
	return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

const absentAsNull = <T>(e: unknown): T | null => {
	if (e instanceof ApiError && e.status === 404) return null;
	throw e;
};

/** The dashboards I may see; null when this runtime has no dashboards yet. */
export const listDashboards = () =>
	get<{ items: DashboardSummaryJson[] }>('/dashboards').then((r) => r.items, (e) => absentAsNull<DashboardSummaryJson[]>(e));
/** The tile's report key, under either name the API may give it (`report`, or `reportKey` beside the definition). */
function tileOf(raw: Record<string, unknown>): DashboardTileJson {
	const report = String(raw.report ?? raw.reportKey ?? (raw.definition as { key?: string } | undefined)?.key ?? '');
	return { report, x: Number(raw.x ?? 0), y: Number(raw.y ?? 0), w: Number(raw.w ?? 6), h: Number(raw.h ?? 4), ...(raw.title ? { title: raw.title as LocalText } : {}) };
}

/** One dashboard; null when it (or the dashboards API) does not exist. */
export const getDashboard = (key: string) =>
	get<DashboardJson & { tiles: Array<Record<string, unknown>> }>(`/dashboards/${encodeURIComponent(key)}`).then(
		(d) => ({ ...d, filters: d.filters ?? {}, tiles: (d.tiles ?? []).map(tileOf).filter((t) => t.report) }),
		(e) => absentAsNull<DashboardJson>(e)
	);
