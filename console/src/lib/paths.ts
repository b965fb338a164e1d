// Every in-app link in one place (the base path /console is added by resolve()).
import { resolve } from '$app/paths';
import type { ImportHome } from '$lib/api/imports';

export const homePath = () => resolve('/(app)');
export const loginPath = () => resolve('/login');
export const listPath = (entity: string) => resolve('/(app)/e/[entity]', { entity });
export const newRecordPath = (entity: string) => resolve('/(app)/e/[entity]/new', { entity });
export const recordPath = (entity: string, id: string) => resolve('/(app)/e/[entity]/[id]', { entity, id });
export const reviewsPath = () => resolve('/(app)/reviews');
export const callsPath = () => resolve('/(app)/calls');
export const callPath = (id: string) => resolve('/(app)/calls/[id]', { id });
export const myTasksPath = () => resolve('/(app)/tasks');
export const manageTasksPath = () => resolve('/(app)/tasks/manage');
export const dncPath = () => resolve('/(app)/tasks/dnc');
export const monitoringPath = () => resolve('/(app)/monitoring');
/** The import wizard for a number list: an outbound task's, or the do-not-call list. */
export const importListPath = (list: Exclude<ImportHome, { type: 'entity' }>) =>
	`${resolve('/(app)/import')}?${list.type === 'task' ? `task=${encodeURIComponent(list.task)}` : 'list=dnc'}`;
export const reportsPath = () => resolve('/(app)/reports');
export const reportPath = (key: string) => resolve('/(app)/reports/[key]', { key });
export const dashboardsPath = () => resolve('/(app)/dashboards');
export const dashboardPath = (key: string) => resolve('/(app)/dashboards/[key]', { key });
