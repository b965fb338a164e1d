// Keeps the phone's state in step with the server: its call events (a call ringing, changing, withdrawn), the
// agent's state, the screen pops read back after a reload, and the call a reload comes back to.
import { goto } from '$app/navigation';
import { agentState, getCall, screenPops, type AgentStateJson, type CallJson, type ScreenPopJson } from '$lib/api/calls';
import { session } from '$lib/session.svelte';
import { callerCardPath } from './caller-card';
import { loadDispositions } from './definitions';
import { MAX_POPS, phone } from './state.svelte';
import { me, mine, roleOn } from './view';

export function adoptAgent(state: AgentStateJson) {
	phone.agent = state;
	phone.agentAt = Date.now();
	// the state answer carries the published `agent-states` list
	if (state.states?.length) phone.states = state.states;
}

function nameOf(call: CallJson, agentId: string | null): string | null {
	if (!agentId) return null;
	if (call.agentId === agentId && call.agentName) return call.agentName;
	return [...(call.participants ?? [])].reverse().find((p) => p.agentId === agentId)?.agentName ?? null;
}

/** The call went away from this console while another agent keeps it: say so instead of asking for an outcome. */
function noteHandoff(before: CallJson, after: CallJson) {
	const id = me();
	if (!id || after.agentId === id) return;
	// a consultation that ended without a hand-over leaves nothing to note
	if (before.agentId !== id && roleOn(before) !== 'conference') return;
	if (!before.answerAt && before.status !== 'talking') return;
	const last = after.transfers?.at(-1);
	const over = after.status === 'wrapup' || after.status === 'ended';
	const kind = !over && last?.from === id ? 'transferred' : !over ? 'left' : 'ended';
	const to = nameOf(after, after.agentId) ?? (last?.from === id ? (nameOf(before, last.to) ?? before.consult?.agentName ?? null) : null);
	if (over && !after.agentId) return;
	phone.handoff = { call: after, kind, to };
}

/** Applies what the server (or the driver) says about a call. */
export function applyCall(call: CallJson): void {
	const index = phone.calls.findIndex((c) => c.id === call.id);
	const before = index >= 0 ? phone.calls[index] : null;
	// the server's call is whole (a field it leaves out is gone: a consultation over, a conference ended); in sip
	// mode the flags the server does not track stay as the driver set them
	const keep = phone.mode === 'sip';
	const merged: CallJson = {
		...call,
		held: keep ? (call.held ?? before?.held) : call.held,
		muted: keep ? (call.muted ?? before?.muted) : call.muted
	};
	if (merged.status === 'ringing' || merged.status === 'talking' || (merged.status === 'queued' && before)) {
		if (!mine(merged)) {
			if (index >= 0) phone.calls.splice(index, 1);
			if (before) noteHandoff(before, merged);
			return;
		}
		if (index >= 0) phone.calls[index] = merged;
		else phone.calls.unshift(merged);
		// answered here: the caller's card (or the new-customer form) opens
		if (before?.status === 'ringing' && merged.status === 'talking' && merged.agentId === me()) openCallerCard(merged);
	} else {
		if (index >= 0) phone.calls.splice(index, 1);
		if (before && !mine(merged)) noteHandoff(before, merged);
		// the call is over: after-call work when this agent took part and no outcome is recorded yet
		const tookPart = mine(merged) && (merged.status === 'wrapup' || !!merged.answerAt || merged.direction === 'out' || !!before?.answerAt);
		if (!merged.disposition && tookPart && (before || merged.status === 'wrapup') && phone.wrapup?.id !== merged.id && !merged.outcomeMissing) {
			phone.wrapup = merged;
		}
	}
	// the same call again: the panel follows it (after-call work ran out: "no outcome given")
	if (phone.wrapup?.id === merged.id) phone.wrapup = merged;
	if (merged.disposition && phone.wrapup?.id === merged.id) phone.wrapup = null;
	const pop = phone.pops.find((p) => p.call.id === merged.id);
	if (pop) pop.call = merged;
}

/** The offer went away before this agent answered (caller hung up, someone else took it, timeout). */
export function onWithdrawn(callId: string) {
	const index = phone.calls.findIndex((c) => c.id === callId);
	if (index >= 0 && phone.calls[index]!.status === 'ringing') phone.calls.splice(index, 1);
}

function openCallerCard(call: CallJson) {
	const path = callerCardPath(call, phone.pops.find((p) => p.call.id === call.id));
	if (path) void goto(path);
}

// Screen pops outlive a reload, another tab or another machine: the server reads them back from the call records.
export async function loadPops() {
	try {
		const { items } = await screenPops();
		const saved = items.map((p) => ({ ...p, at: Date.parse(p.call.ringAt) }));
		// a call that rang while the list was loading stays on top
		const live = phone.pops.filter((p) => !saved.some((s) => s.call.id === p.call.id));
		phone.pops = [...live, ...saved].slice(0, MAX_POPS);
	} catch {
		// the drawer keeps what rang since the page opened
	}
}

export function onRinging(event: ScreenPopJson) {
	phone.handoff = null;
	applyCall(event.call);
	phone.pops = [{ ...event, at: Date.now() }, ...phone.pops.filter((p) => p.call.id !== event.call.id)].slice(0, MAX_POPS);
}

/** After a reload: the call the agent is on, or still owes an outcome for, comes back from the server. */
export async function resumeCall(state: AgentStateJson | null) {
	if (!state?.callId || phone.calls.some((c) => c.id === state.callId) || phone.wrapup?.id === state.callId) return;
	try {
		const call = await getCall(state.callId);
		if (call.status === 'ringing' || call.status === 'talking') applyCall(call);
		else if (!call.disposition && !call.outcomeMissing && call.agentId === session.me?.user.id && (call.status === 'wrapup' || state.kind === 'wrapup')) {
			phone.wrapup = call;
		}
	} catch {
		// gone or out of sight: nothing to resume
	}
}

export async function refreshAgent() {
	try {
		adoptAgent(await agentState());
	} catch {
		// the bar keeps the last figures; the next event or refresh corrects them
	}
}

export async function loadDefinitions() {
	try {
		const outcomes = await loadDispositions();
		phone.outcomes = outcomes?.outcomes ?? [];
		phone.definitionsError = null;
	} catch (e) {
		phone.definitionsError = (e as Error).message;
	}
}
