// Reports (runtime/src/reports): the published reports I may run, a run within my data scope (figures computed by the
// server from the metric catalogue, never here), the documents behind a cell, and the files of an export.
import type { ReportCellValue, ReportDrillPageJson, ReportListItemJson, ReportParams, ReportResultJson } from '@telesales/schemas';
import { get, post, qs } from './client';

export type { ReportCellValue, ReportDrillPageJson, ReportListItemJson, ReportParams, ReportResultJson };

const report = (key: string) => `/reports/${encodeURIComponent(key)}`;

export const listReports = () => get<{ items: ReportListItemJson[] }>('/reports');
export const runReport = (key: string, params: ReportParams) => post<ReportResultJson>(`${report(key)}/run`, params);
export const drillReport = (key: string, params: ReportParams, cell: Record<string, ReportCellValue>, page: number, pageSize: number) =>
	post<ReportDrillPageJson>(`${report(key)}/drill`, { params, cell, page, pageSize });
/** A plain link: the browser downloads the file with the session cookie (a GET needs no CSRF token). */
export const exportUrl = (key: string, type: 'csv' | 'xlsx', params: ReportParams) =>
	`/api${report(key)}/export.${type}${qs({ ...params })}`;
