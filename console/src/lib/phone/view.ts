// What the components show of the phone, read from its state and changing nothing: the current call and this
// agent's part in it, the time left of after-call work, today's totals, and whether a call may be placed now.
import type { CallJson } from '$lib/api/calls';
import { session } from '$lib/session.svelte';
import { phone, running } from './state.svelte';

export const currentCall = () => phone.calls[0] ?? null;

export const stateOption = (key: string | null | undefined) => phone.states.find((s) => s.key === key) ?? null;

/**
 * Seconds left of after-call work, counted from the server's figure when the state was read (so a reload keeps
 * the time already spent and a browser clock set wrong changes nothing); null: not in it, or no maximum time.
 */
export function wrapupLeftSec(): number | null {
	const left = phone.agent?.kind === 'wrapup' ? phone.agent.wrapupLeftSec : null;
	if (left === null || left === undefined) return null;
	return Math.max(0, left - Math.floor((phone.now - phone.agentAt) / 1000));
}

/**
 * The call whose outcome this agent still owes: the runtime refuses dialling and state changes until it is
 * given (runtime/src/calls/outcome.ts), so Call buttons and the state menu wait for it too.
 */
export const owedOutcome = (): CallJson | null =>
	phone.wrapup && !phone.wrapup.disposition && !phone.wrapup.outcomeMissing && phone.outcomes.length ? phone.wrapup : null;

export const localStream = () => running.driver?.localStream?.() ?? null;

/** Today's totals as of now: the server's figures plus the time since they were read. */
export function todayTotals(): { onlineSec: number; busySec: number } {
	const agent = phone.agent;
	if (!agent) return { onlineSec: 0, busySec: 0 };
	const elapsed = Math.max(0, Math.floor((phone.now - phone.agentAt) / 1000));
	const kind = agent.kind ?? stateOption(agent.state)?.kind;
	const online = agent.state ? elapsed : 0;
	const busy = kind === 'busy' || kind === 'wrapup' || phone.calls.some((c) => c.status === 'talking') ? elapsed : 0;
	return { onlineSec: agent.onlineSec + online, busySec: agent.busySec + busy };
}

export const me = () => session.me?.user.id ?? null;

/** On the call now as a consulted agent or a conference member (not its owner). */
function joinedOther(call: CallJson, id: string | null): boolean {
	return !!id && (call.participants ?? []).some((p) => p.agentId === id && !!p.joinAt && !p.leftAt && p.role === 'conference');
}

/** Whether the call is this agent's: unassigned yet, their own, consulted with them, or a conference they are in. */
export function mine(call: CallJson): boolean {
	const id = me();
	return !call.agentId || call.agentId === id || (!!id && call.consult?.agentId === id) || joinedOther(call, id);
}

/** My part in a call: its owner (`agent`), consulted while the caller waits (`consult`), or a conference member. */
export function roleOn(call: CallJson): 'agent' | 'consult' | 'conference' {
	const id = me();
	if (id && call.consult?.agentId === id) return 'consult';
	if (call.agentId !== id && joinedOther(call, id)) return 'conference';
	return 'agent';
}

/** The call's status as this agent sees it: a consultation offered to me rings while the call itself is talking. */
export function statusOn(call: CallJson): CallJson['status'] {
	return roleOn(call) === 'consult' && call.consult?.status === 'ringing' ? 'ringing' : call.status;
}

/** Names of the agents on the call now (joined, not left), the owner first. */
export function agentsOn(call: CallJson): string[] {
	const names = (call.participants ?? []).filter((p) => p.joinAt && !p.leftAt && p.role !== 'consult').map((p) => p.agentName ?? p.agentId);
	return [...new Set(names)];
}

/**
 * sip mode: this agent's SIP leg ended. That ends the call for them when it was theirs alone; in a consultation
 * or a conference the runtime carries on without them (hand-over, the others stay) and its event says so.
 */
export function endedHere(call: CallJson): boolean {
	return call.agentId === me() && !call.consult && !call.conference;
}

/** Whether the signed-in role may call numbers typed by hand (the dial pad shows only then). */
export const mayDialNumbers = () => !!session.me?.permissions.dialNumbers;

/** Whether click-to-call can be offered now (a phone is up, no call is in progress, no outcome is owed). */
export const canDial = () => phone.status === 'on' && phone.link === 'ready' && phone.calls.length === 0 && !phone.pending && !owedOutcome();
