// The agent's telephone, shared by the phone bar, the screen pops, click-to-call buttons and the calls
// pages: which mode (from the registration answer), the link to the SIP server, the agent state and
// today's totals, the calls ringing or up, the call waiting for its disposition, and the screen pops.
// Server events (GET /api/calls/events) are the truth for calls; the driver only carries out controls.
import { goto } from '$app/navigation';
import { ApiError } from '$lib/api/client';
import {
	agentState,
	getCall,
	registration,
	setAgentState,
	screenPops,
	setDisposition,
	type AgentStateJson,
	type CallDisposition,
	type CallJson,
	type ConsultStep,
	type ConsultTarget,
	type ScreenPopJson,
	type TransferTarget
} from '$lib/api/calls';
import type { RecordJson } from '@telesales/schemas';
import { session } from '$lib/session.svelte';
import { callerCardPath } from './caller-card';
import { loadDispositions, type AgentStateOption, type DispositionOutcome } from './definitions';
import type { ControlResult, LinkState, PhoneDriver } from './driver';
import { openCallEvents, type StreamState } from './events';
import { simulatedDriver } from './simulated';

export const MAX_POPS = 20;
const STATE_REFRESH_MS = 60_000;

export interface ScreenPop {
	call: CallJson;
	customer: RecordJson | null;
	/** the entity an unknown caller's new-customer form is of */
	entity: string;
	at: number;
}

export interface Handoff {
	call: CallJson;
	/** transferred: I handed the caller on; left: I left a conference; ended: the call ended with another owner */
	kind: 'transferred' | 'left' | 'ended';
	/** the agent who has the call now (its owner, who gives the outcome) */
	to: string | null;
}

export const phone = $state({
	status: 'off' as 'off' | 'loading' | 'on' | 'unavailable',
	error: null as string | null,
	mode: null as 'simulated' | 'sip' | null,
	link: 'connecting' as LinkState,
	linkDetail: null as string | null,
	mic: 'unknown' as 'unknown' | 'ok' | 'blocked' | 'missing',
	micDetail: null as string | null,
	stream: 'connecting' as StreamState,
	states: [] as AgentStateOption[],
	outcomes: [] as DispositionOutcome[],
	definitionsError: null as string | null,
	agent: null as AgentStateJson | null,
	/** when `agent` was read (the totals tick on from there) */
	agentAt: 0,
	/** ringing and connected calls of this agent, newest first */
	calls: [] as CallJson[],
	/**
	 * the finished call waiting for its disposition (after-call work); when its time ran out the server marks it
	 * `outcomeMissing` and the panel stays, saying so, until the agent gives the outcome or closes it
	 */
	wrapup: null as CallJson | null,
	/**
	 * A call this agent is no longer on while it goes on (handed to another agent, left a conference) or that
	 * ended with another agent as its owner: no outcome to give here, the agent picks a state (or waits out wrap-up).
	 */
	handoff: null as Handoff | null,
	pops: [] as ScreenPop[],
	/** the control being carried out ("answer", "hold"…), so buttons wait */
	pending: null as string | null,
	actionError: null as string | null,
	microphone: '',
	now: Date.now()
});

let driver: PhoneDriver | null = null;

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
export const localStream = () => driver?.localStream?.() ?? null;

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

function adoptAgent(state: AgentStateJson) {
	phone.agent = state;
	phone.agentAt = Date.now();
	// the state answer carries the published `agent-states` list
	if (state.states?.length) phone.states = state.states;
}

const me = () => session.me?.user.id ?? null;

/** On the call now as a consulted agent or a conference member (not its owner). */
function joinedOther(call: CallJson, id: string | null): boolean {
	return !!id && (call.participants ?? []).some((p) => p.agentId === id && !!p.joinAt && !p.leftAt && p.role === 'conference');
}

function mine(call: CallJson): boolean {
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
function onWithdrawn(callId: string) {
	const index = phone.calls.findIndex((c) => c.id === callId);
	if (index >= 0 && phone.calls[index]!.status === 'ringing') phone.calls.splice(index, 1);
}

function openCallerCard(call: CallJson) {
	const path = callerCardPath(call, phone.pops.find((p) => p.call.id === call.id));
	if (path) void goto(path);
}

// Screen pops outlive a reload, another tab or another machine: the server reads them back from the call records.
async function loadPops() {
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

function onRinging(event: ScreenPopJson) {
	phone.handoff = null;
	applyCall(event.call);
	phone.pops = [{ ...event, at: Date.now() }, ...phone.pops.filter((p) => p.call.id !== event.call.id)].slice(0, MAX_POPS);
}

/** After a reload: the call the agent is on, or still owes an outcome for, comes back from the server. */
async function resumeCall(state: AgentStateJson | null) {
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

async function refreshAgent() {
	try {
		adoptAgent(await agentState());
	} catch {
		// the bar keeps the last figures; the next event or refresh corrects them
	}
}

async function loadDefinitions() {
	try {
		const outcomes = await loadDispositions();
		phone.outcomes = outcomes?.outcomes ?? [];
		phone.definitionsError = null;
	} catch (e) {
		phone.definitionsError = (e as Error).message;
	}
}

/** Starts the phone for the signed-in agent; returns the stop function. */
export function startPhone(): () => void {
	let stopped = false;
	const cleanups: Array<() => void> = [];
	Object.assign(phone, { status: 'loading', error: null, mode: null, calls: [], wrapup: null, handoff: null, pops: [], agent: null, pending: null, actionError: null });

	const tick = setInterval(() => (phone.now = Date.now()), 1000);
	cleanups.push(() => clearInterval(tick));

	void (async () => {
		let reg;
		try {
			reg = await registration();
		} catch (e) {
			if (stopped) return;
			phone.status = 'unavailable';
			phone.error = e instanceof ApiError && e.status === 403 ? 'forbidden' : (e as Error).message;
			return;
		}
		if (stopped) return;
		phone.mode = reg.mode;
		await Promise.all([loadDefinitions(), refreshAgent(), loadPops()]);
		if (stopped) return;
		void resumeCall(phone.agent);
		const events = {
			onlink(state: LinkState, detail?: string) {
				phone.link = state;
				phone.linkDetail = detail ?? null;
			},
			onmic(state: 'blocked' | 'missing' | 'ok', detail?: string) {
				phone.mic = state;
				phone.micDetail = detail ?? null;
			},
			oncall(callId: string, change: Partial<CallJson>) {
				const call = phone.calls.find((c) => c.id === callId);
				if (!call) return;
				// the SIP side ended before the server said so (when the runtime ended this leg on purpose, its
				// event says what happened next: handed over, consultation over, transferred away)
				if (change.status === 'ended' && !endedHere(call)) return;
				applyCall({ ...call, ...change, ...(change.status === 'ended' ? { endAt: new Date().toISOString() } : {}) });
			}
		};
		if (reg.mode === 'sip') {
			const { sipDriver } = await import('./sip');
			if (stopped) return;
			driver = sipDriver(events, reg);
			driver.setMicrophone?.(phone.microphone);
		} else {
			driver = simulatedDriver(events);
		}
		phone.status = 'on';
		cleanups.push(
			openCallEvents({
				onringing: onRinging,
				oncall: applyCall,
				onwithdrawn: onWithdrawn,
				onstate: adoptAgent,
				onstream(state) {
					const reopened = state === 'open' && phone.stream === 'reconnecting';
					phone.stream = state;
					if (reopened) void refreshAgent();
				}
			})
		);
		const refresh = setInterval(() => void refreshAgent(), STATE_REFRESH_MS);
		cleanups.push(() => clearInterval(refresh));
		const started = driver;
		cleanups.push(() => void started.stop());
		await driver.start();
	})();

	return () => {
		stopped = true;
		cleanups.forEach((c) => c());
		driver = null;
		phone.status = 'off';
	};
}

async function control(name: string, work: () => Promise<ControlResult>): Promise<boolean> {
	if (!driver) return false;
	phone.pending = name;
	phone.actionError = null;
	try {
		const result = await work();
		// the server's answer is the call as it is now (the event stream says the same a moment later)
		if (result && typeof result === 'object' && 'id' in result) applyCall(result);
		return true;
	} catch (e) {
		phone.actionError = (e as Error).message;
		outcomeOwedElsewhere(e);
		return false;
	} finally {
		phone.pending = null;
	}
}

/** The runtime says an outcome is owed that this console does not show (given in another tab, say): bring it up. */
function outcomeOwedElsewhere(e: unknown) {
	if (e instanceof ApiError && e.code === 'outcome_required' && !phone.wrapup) void refreshAgent().then(() => resumeCall(phone.agent));
}

export const answer = (call: CallJson) => control('answer', () => driver!.answer(call));

/**
 * sip mode: this agent's SIP leg ended. That ends the call for them when it was theirs alone; in a consultation
 * or a conference the runtime carries on without them (hand-over, the others stay) and its event says so.
 */
function endedHere(call: CallJson): boolean {
	return call.agentId === me() && !call.consult && !call.conference;
}

export async function hangup(call: CallJson): Promise<void> {
	const done = await control('hangup', () => driver!.hangup(call));
	// without an event yet (or a silent server), the call is over from this side
	const now = phone.calls.find((c) => c.id === call.id);
	if (done && now && phone.mode === 'sip' && endedHere(now))
		applyCall({ ...now, status: 'ended', endAt: new Date().toISOString(), hangupBy: 'agent' });
}

export async function toggleHold(call: CallJson): Promise<void> {
	const on = !call.held;
	if (await control('hold', () => driver!.hold(call, on))) applyCall({ ...call, held: on });
}

export async function toggleMute(call: CallJson): Promise<void> {
	const on = !call.muted;
	if (await control('mute', () => driver!.mute(call, on))) applyCall({ ...call, muted: on });
}

export const sendDigits = (call: CallJson, digits: string) => control('dtmf', () => driver!.dtmf(call, digits));
export const transfer = (call: CallJson, target: TransferTarget) => control('transfer', () => driver!.transfer(call, target));

export const consult = (call: CallJson, target: ConsultTarget) => control('consult', () => driver!.consult(call, target));
export const consultAction = (call: CallJson, step: ConsultStep) => control(step, () => driver!.consultStep(call, step));
export const dismissHandoff = () => (phone.handoff = null);
/** Closes the panel of a call recorded as "no outcome given" (the outcome can still be given on its page). */
export const dismissWrapup = () => (phone.wrapup = null);

/** Click-to-call: the record goes to the server, a call id comes back; the call shows at once as "calling". */
export async function callRecord(entity: string, id: string): Promise<boolean> {
	return control('dial', async () => {
		const { callId, call } = await driver!.dial({ entity, id });
		if (call) return applyCall(call);
		if (!phone.calls.some((c) => c.id === callId)) {
			phone.calls.unshift({
				id: callId,
				direction: 'out',
				from: '',
				to: '',
				masked: true,
				agentId: session.me?.user.id ?? null,
				agentName: session.me?.user.name ?? null,
				customer: { entity, id },
				status: 'ringing',
				ringAt: new Date().toISOString(),
				talkSec: 0
			});
		}
	});
}

/**
 * The dial pad: the typed number goes to the server, which checks the role's right and the number and logs the
 * call; the answer is the call, shown at once. Returns the refusal to show beside the pad (null: calling).
 */
export async function callNumber(number: string): Promise<string | null> {
	if (!driver) return null;
	phone.pending = 'dial';
	phone.actionError = null;
	try {
		const { call } = await driver.dial({ number });
		if (call) applyCall(call);
		return null;
	} catch (e) {
		outcomeOwedElsewhere(e);
		return (e as Error).message;
	} finally {
		phone.pending = null;
	}
}

/** Whether the signed-in role may call numbers typed by hand (the dial pad shows only then). */
export const mayDialNumbers = () => !!session.me?.permissions.dialNumbers;

export async function chooseState(key: string): Promise<void> {
	phone.actionError = null;
	phone.handoff = null;
	try {
		adoptAgent(await setAgentState(key));
	} catch (e) {
		phone.actionError = (e as Error).message;
		outcomeOwedElsewhere(e);
	}
}

export async function submitDisposition(call: CallJson, disposition: CallDisposition): Promise<CallJson> {
	const saved = await setDisposition(call.id, disposition);
	if (phone.wrapup?.id === call.id) phone.wrapup = null;
	// what was refused for want of this outcome can be done now
	phone.actionError = null;
	if (saved) applyCall(saved);
	void refreshAgent();
	return saved;
}

export function chooseMicrophone(deviceId: string): void {
	phone.microphone = deviceId;
	driver?.setMicrophone?.(deviceId);
}

/** Whether click-to-call can be offered now (a phone is up, no call is in progress, no outcome is owed). */
export const canDial = () => phone.status === 'on' && phone.link === 'ready' && phone.calls.length === 0 && !phone.pending && !owedOutcome();
