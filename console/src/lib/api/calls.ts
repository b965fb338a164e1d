// Calls, agent state and the softphone's registration (runtime/src/calls, runtime/src/sip). The
// wire shapes are the console's reading of the telephony contract; numbers arrive masked per role and the
// console never asks for a raw one (click-to-call sends the record, not a number; the dial pad sends what was typed).
import type {
	AgentStateJson, CallDispositionJson, CallJson, CallListJson, CallStatus, CallTraceStepJson, DialResultJson, ScreenPopJson, SkillGroupJson
} from '@telesales/schemas';
import { get, post, api, qs } from './client';

export type { AgentStateJson, CallJson, CallListJson, CallStatus, CallTraceStepJson, ScreenPopJson, SkillGroupJson };
/** What the console sends with an outcome (the server adds who and when). */
export type CallDisposition = Pick<CallDispositionJson, 'key' | 'note' | 'contactAt'>;

export type CallView = 'incoming' | 'mine' | 'all';

export interface Registration {
	mode: 'simulated' | 'sip';
	wsUrl?: string;
	domain?: string;
	aor?: string;
	username?: string;
	password?: string;
	expiresAt?: string;
}

export type CallAction = 'answer' | 'hangup' | 'hold' | 'unhold' | 'mute' | 'unmute';

const calls = (id: string) => `/calls/${encodeURIComponent(id)}`;

/** `noOutcome`: only calls an agent took part in that have no outcome (in after-call work, or "no outcome given"). */
export const listCalls = (view: CallView, q: string, page: number, pageSize = 50, noOutcome = false) =>
	get<CallListJson>(`/calls${qs({ view, q: q || undefined, page, pageSize, noOutcome: noOutcome || undefined })}`);
export const getCall = (id: string) => get<CallJson>(calls(id));
/** My screen pops as the call records keep them (the latest inbound calls offered to or taken by me). */
export const screenPops = () => get<{ items: ScreenPopJson[] }>('/calls/pops');
/** A record's calls (its contact history), newest first; for whoever may read the record. */
export const recordCalls = (entity: string, id: string, page = 1, pageSize = 50) =>
	get<CallListJson>(`/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/calls${qs({ page, pageSize })}`);
/**
 * What to call: a record (click-to-call; the server reads its number), or a number typed in the dial pad (only for
 * roles with the dialNumbers right; the server checks it and logs the call).
 */
export type DialTarget = { entity: string; id: string } | { number: string };
export const dial = (target: DialTarget) =>
	'number' in target
		? post<DialResultJson & { call?: CallJson }>('/calls/dial-number', { number: target.number })
		: post<DialResultJson & { call?: CallJson }>('/calls/dial', { entity: target.entity, id: target.id });
export const callAction = (id: string, action: CallAction) => post<CallJson>(`${calls(id)}/${action}`);
export const sendDtmf = (id: string, digits: string) => post<CallJson>(`${calls(id)}/dtmf`, { digits });
/** Blind transfer to an agent (user id) or a skill group (key). */
export interface TransferTarget {
	type: 'agent' | 'group';
	to: string;
}
export const transferCall = (id: string, target: TransferTarget) => post<CallJson>(`${calls(id)}/transfer`, target);
/** Attended transfer: whom to consult while the caller waits on hold (a user id or a skill group's key). */
export interface ConsultTarget {
	type: 'agent' | 'group';
	ref: string;
}
export type ConsultStep = 'complete-transfer' | 'cancel-consult' | 'conference';
/** Consult another agent (sip mode: not for click-to-call calls yet, 409 consult_outbound_sip). */
export const consultCall = (id: string, to: ConsultTarget) => post<CallJson>(`${calls(id)}/consult`, { to });
/** Hand the caller to the consulted agent, take the caller back, or join all three. */
export const consultStep = (id: string, step: ConsultStep) => post<CallJson>(`${calls(id)}/${step}`);
export const setDisposition = (id: string, disposition: CallDisposition) => post<CallJson>(`${calls(id)}/disposition`, disposition);

export const registration = () => get<Registration>('/telephony/registration');
export const agentState = () => get<AgentStateJson>('/telephony/state');
export const setAgentState = (state: string) => api<AgentStateJson>('PUT', '/telephony/state', { state });
export const skillGroups = () => get<SkillGroupJson[]>('/skill-groups');

/** Where a call's recording plays from (the runtime streams it to roles that may listen). */
export const recordingUrl = (id: string) => `/api${calls(id)}/recording`;
export const eventsUrl = () => '/api/calls/events';
