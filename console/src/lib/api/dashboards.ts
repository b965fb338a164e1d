// Dashboards (runtime/src/dashboards, issue 17): a grid of published reports with dashboard-wide filters. The API
// lands with the dashboard kind on another branch; these types follow its schemas/src/api/dashboards.ts (to be
// imported from @telesales/schemas once merged). Until a runtime serves it, the fetches answer "none" (404), so the
// pages show their empty state instead of an error. Only this file knows the API's shape.
import type { ReportParams } from '@telesales/schemas';
import { ApiError, get } from './client';

type Range = NonNullable<ReportParams['range']>;

export interface DashboardSummaryJson {
	key: string;
	version: number;
	label: string;
	description?: string;
	tiles: number;
}

/** A tile: a report placed on the 12-column grid, or why this reader cannot run it. */
export interface DashboardTileJson {
	id: string;
	report: string;
	x: number;
	y: number;
	w: number;
	h: number;
	title: string;
	unavailable?: { code: string; message: string };
}

/** A filter that is present is offered to the viewer with its starting value; an absent one leaves each report's own. */
export interface DashboardFiltersJson {
	range?: { default: Range; options?: Range[] };
	team?: { default?: string };
	task?: { default?: string };
}

export interface DashboardJson {
	key: string;
	version: number;
	label: string;
	description?: string;
	filters: DashboardFiltersJson;
	tiles: DashboardTileJson[];
}

const absentAsNull = <T>(e: unknown): T | null => {
	if (e instanceof ApiError && e.status === 404) return null;
	throw e;
};

/** The dashboards my role sees; null when this runtime has no dashboards API yet. */
export const listDashboards = () =>
	get<{ items: DashboardSummaryJson[] }>('/dashboards').then((r) => r.items, (e) => absentAsNull<DashboardSummaryJson[]>(e));

/** One dashboard; null when it (or the dashboards API) does not exist. */
export const getDashboard = (key: string) => get<DashboardJson>(`/dashboards/${encodeURIComponent(key)}`).catch((e) => absentAsNull<DashboardJson>(e));

/** The run parameters every tile starts with: the offered filters' starting values. */
export function startingParams(d: DashboardJson): ReportParams {
	const f = d.filters ?? {};
	const out: ReportParams = {};
	if (f.range?.default) out.range = f.range.default;
	if (f.team?.default) out.team = f.team.default;
	if (f.task?.default) out.task = f.task.default;
	return out;
}
