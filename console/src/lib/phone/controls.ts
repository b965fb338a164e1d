// What the agent does on the phone: answer, hang up, hold, mute, keys, transfer and consult (carried out by the
// driver, the server's answer applied at once), click-to-call and the dial pad, the agent state, the outcome,
// the microphone. Each control marks itself pending so buttons wait, and shows its refusal.
import { ApiError } from '$lib/api/client';
import {
	setAgentState,
	setDisposition,
	type CallDisposition,
	type CallJson,
	type ConsultStep,
	type ConsultTarget,
	type TransferTarget
} from '$lib/api/calls';
import { session } from '$lib/session.svelte';
import type { ControlResult } from './driver';
import { adoptAgent, applyCall, refreshAgent, resumeCall } from './server-sync';
import { phone, running } from './state.svelte';
import { endedHere } from './view';

async function control(name: string, work: () => Promise<ControlResult>): Promise<boolean> {
	if (!running.driver) return false;
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

export const answer = (call: CallJson) => control('answer', () => running.driver!.answer(call));

export async function hangup(call: CallJson): Promise<void> {
	const done = await control('hangup', () => running.driver!.hangup(call));
	// without an event yet (or a silent server), the call is over from this side
	const now = phone.calls.find((c) => c.id === call.id);
	if (done && now && phone.mode === 'sip' && endedHere(now))
		applyCall({ ...now, status: 'ended', endAt: new Date().toISOString(), hangupBy: 'agent' });
}

export async function toggleHold(call: CallJson): Promise<void> {
	const on = !call.held;
	if (await control('hold', () => running.driver!.hold(call, on))) applyCall({ ...call, held: on });
}

export async function toggleMute(call: CallJson): Promise<void> {
	const on = !call.muted;
	if (await control('mute', () => running.driver!.mute(call, on))) applyCall({ ...call, muted: on });
}

export const sendDigits = (call: CallJson, digits: string) => control('dtmf', () => running.driver!.dtmf(call, digits));

export const transfer = (call: CallJson, target: TransferTarget) => control('transfer', () => running.driver!.transfer(call, target));

export const consult = (call: CallJson, target: ConsultTarget) => control('consult', () => running.driver!.consult(call, target));

export const consultAction = (call: CallJson, step: ConsultStep) => control(step, () => running.driver!.consultStep(call, step));

export const dismissHandoff = () => (phone.handoff = null);

/** Closes the panel of a call recorded as "no outcome given" (the outcome can still be given on its page). */
export const dismissWrapup = () => (phone.wrapup = null);

/** Click-to-call: the record goes to the server, a call id comes back; the call shows at once as "calling". */
export async function callRecord(entity: string, id: string): Promise<boolean> {
	return control('dial', async () => {
		const { callId, call } = await running.driver!.dial({ entity, id });
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
	if (!running.driver) return null;
	phone.pending = 'dial';
	phone.actionError = null;
	try {
		const { call } = await running.driver.dial({ number });
		if (call) applyCall(call);
		return null;
	} catch (e) {
		outcomeOwedElsewhere(e);
		return (e as Error).message;
	} finally {
		phone.pending = null;
	}
}

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
	running.driver?.setMicrophone?.(deviceId);
}
