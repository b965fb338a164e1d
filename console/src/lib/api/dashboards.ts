// Dashboards (runtime/src/dashboards, issue 17): a grid of published reports with dashboard-wide filters; the answer
// types are the API's own (schemas/src/api/dashboards.ts). A 404 (no such dashboard) answers null, so the pages show
// their empty state instead of an error.
import type { DashboardJson, DashboardListJson, DashboardSummaryJson, ReportParams } from '@telesales/schemas';
import { ApiError, get } from './client';

export type { DashboardJson, DashboardSummaryJson };

const absentAsNull = <T>(e: unknown): T | null => {
	if (e instanceof ApiError && e.status === 404) return null;
	throw e;
};

/** The dashboards my role sees. */
export const listDashboards = () =>
	get<DashboardListJson>('/dashboards').then((r) => r.items, (e) => absentAsNull<DashboardSummaryJson[]>(e));

/** One dashboard; null when it does not exist for my role. */
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
