// Starts the phone for the signed-in agent: reads the registration (which mode), the definitions, the agent's
// state and the screen pops, sets up the driver, and follows the server's call events until stopped.
import { ApiError } from '$lib/api/client';
import { registration, type CallJson } from '$lib/api/calls';
import type { LinkState } from './driver';
import { openCallEvents } from './events';
import { adoptAgent, applyCall, loadDefinitions, loadPops, onRinging, onWithdrawn, refreshAgent, resumeCall } from './server-sync';
import { simulatedDriver } from './simulated';
import { phone, running } from './state.svelte';
import { endedHere } from './view';

const STATE_REFRESH_MS = 60_000;

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
			running.driver = sipDriver(events, reg);
			running.driver.setMicrophone?.(phone.microphone);
		} else {
			running.driver = simulatedDriver(events);
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
		const started = running.driver;
		cleanups.push(() => void started.stop());
		await running.driver.start();
	})();

	return () => {
		stopped = true;
		cleanups.forEach((c) => c());
		running.driver = null;
		phone.status = 'off';
	};
}
