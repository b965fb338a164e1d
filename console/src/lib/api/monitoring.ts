// Live monitoring (runtime/src/monitoring, runtime/src/calls/monitor.ts): the wallboard of my team tree, pushed as
// Server-Sent Events on every change, and listening in on a team call. Numbers arrive masked per role.
import type { CallJson, MonitorMode, WallboardAgentJson, WallboardJson, WallboardQueueJson, WallboardTaskJson } from '@telesales/schemas';
import { get, post } from './client';

export type { MonitorMode, WallboardAgentJson, WallboardJson, WallboardQueueJson, WallboardTaskJson };

export const getWallboard = () => get<WallboardJson>('/monitoring/wallboard');
export const wallboardEventsUrl = () => '/api/monitoring/wallboard/events';
/** Listen (silent), whisper (only the agent hears me) or barge (everyone hears me) on a live call of my team. */
export const monitorCall = (callId: string, mode: MonitorMode) => post<CallJson>(`/calls/${encodeURIComponent(callId)}/monitor`, { mode });
export const stopMonitoring = (callId: string) => post<CallJson>(`/calls/${encodeURIComponent(callId)}/monitor/stop`);
