// TELEPHONY=simulated: the runtime's simulated carrier holds the calls; every control is an API call that
// answers with the call as it now is, and later changes come on the event stream like any other.
import { callAction, consultCall, consultStep, dial, sendDtmf, transferCall } from '$lib/api/calls';
import type { DriverEvents, PhoneDriver } from './driver';

export function simulatedDriver(events: DriverEvents): PhoneDriver {
	return {
		mode: 'simulated',
		async start() {
			events.onlink('ready');
		},
		async stop() {},
		answer: (call) => callAction(call.id, 'answer'),
		hangup: (call) => callAction(call.id, 'hangup'),
		hold: (call, on) => callAction(call.id, on ? 'hold' : 'unhold'),
		mute: (call, on) => callAction(call.id, on ? 'mute' : 'unmute'),
		dtmf: (call, digits) => sendDtmf(call.id, digits),
		transfer: (call, target) => transferCall(call.id, target),
		consult: (call, target) => consultCall(call.id, target),
		consultStep: (call, step) => consultStep(call.id, step),
		async dial(target) {
			const { callId, call } = await dial(target);
			return { callId, call };
		}
	};
}
