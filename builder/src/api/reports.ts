import type { DashboardJson, DashboardListJson, ReportDefinition, ReportParams, ReportResultJson } from '@telesales/schemas';
import { api } from './client';

/** The designer's live preview: the draft run on the real data, in the designer's own scope (POST /api/reports/preview). */
export const previewReport = (definition: ReportDefinition, params: ReportParams = {}) =>
  api<ReportResultJson>('POST', '/api/reports/preview', { definition, params });

/** A published report run with a dashboard's filters, as the console runs each tile. */
export const runReport = (key: string, params: ReportParams = {}) =>
  api<ReportResultJson>('POST', `/api/reports/${encodeURIComponent(key)}/run`, params);

export const listDashboards = () => api<DashboardListJson>('GET', '/api/dashboards');
export const getDashboard = (key: string) => api<DashboardJson>('GET', `/api/dashboards/${encodeURIComponent(key)}`);
