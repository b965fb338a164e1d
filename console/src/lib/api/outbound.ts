// Outbound tasks (runtime/src/outbound/routes*.ts): the tasks with their live figures (polled: the server reads
// them from the database on each request), the supervisor's controls, an agent's join, preview and numbers, a task
// call's screen pop. Numbers arrive masked per role, like customer phones.
import type { ComplianceReportJson, PreviewNextJson, TaskCallPopJson, TaskNumberJson, TaskPacingJson, TaskSummaryJson } from '@telesales/schemas';
import { api, get, post, qs } from './client';

export type { ComplianceReportJson, PreviewNextJson, TaskCallPopJson, TaskNumberJson, TaskPacingJson, TaskSummaryJson };

const task = (key: string) => `/outbound/tasks/${encodeURIComponent(key)}`;

export const listTasks = (view: 'open' | 'closed') => get<{ items: TaskSummaryJson[] }>(`/outbound/tasks${qs({ view })}`);
export const setTaskStatus = (key: string, status: 'running' | 'paused' | 'closed') => post<TaskSummaryJson>(`${task(key)}/status`, { status });
/** A live override of the published pacing; null puts a setting back as published. */
export const setTaskPacing = (key: string, pacing: { [K in keyof TaskPacingJson]?: number | null }) => api<TaskSummaryJson>('PATCH', `${task(key)}/pacing`, pacing);
export const joinTask = (key: string, join: boolean) => api<TaskSummaryJson>(join ? 'POST' : 'DELETE', `${task(key)}/join`);
export const previewNext = (key: string) => get<PreviewNextJson>(`${task(key)}/next`);
export const previewAction = (key: string, id: string, action: 'call' | 'skip') => api<void>('POST', `${task(key)}/numbers/${encodeURIComponent(id)}/${action}`);
export const numbersIDialled = (key: string) => get<{ total: number; items: TaskNumberJson[] }>(`${task(key)}/mine`);
export const taskCallPop = (callId: string) => get<TaskCallPopJson>(`/outbound/calls/${encodeURIComponent(callId)}/pop`);
/** Converts the call's number into a record of the task's entity (owner: me); the record as created. */
export const convertNumber = (key: string, id: string) => post<{ id: string; entity?: string }>(`${task(key)}/numbers/${encodeURIComponent(id)}/convert`, {});
export const complianceReport = (key: string) => get<ComplianceReportJson>(`${task(key)}/compliance`);

/** The workspace's do-not-call list, newest first; numbers masked unless the reader may unmask them. */
export interface DncEntryJson {
	phone: string;
	masked: boolean;
	reason: 'imported' | 'requested' | 'manual';
	at: string;
	by: string;
	task?: string;
}
export const listDnc = (before?: string) => get<{ items: DncEntryJson[] }>(`/outbound/dnc${qs({ limit: 100, before })}`);
export const addDnc = (phone: string) => post<{ phone: string; added: boolean; marked: number }>('/outbound/dnc', { phone });
export const removeDnc = (phone: string) => api<void>('DELETE', '/outbound/dnc', { phone });
