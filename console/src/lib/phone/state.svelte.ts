// The agent's telephone as one reactive state, shared by the phone bar, the screen pops, click-to-call buttons and
// the calls pages: which mode (from the registration answer), the link to the SIP server, the agent state and
// today's totals, the calls ringing or up, the call waiting for its disposition, and the screen pops.
// Server events (GET /api/calls/events) are the truth for calls (server-sync.ts applies them); the driver only
// carries out controls (controls.ts). view.ts reads this state for the components; start-phone.ts starts it.
import type { AgentStateJson, CallJson } from '$lib/api/calls';
import type { RecordJson } from '@telesales/schemas';
import type { AgentStateOption, DispositionOutcome } from './definitions';
import type { LinkState, PhoneDriver } from './driver';
import type { StreamState } from './events';

export const MAX_POPS = 20;

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

/** The running phone's driver (simulated, or sip.js in sip mode), set by startPhone; null while the phone is off. */
export const running: { driver: PhoneDriver | null } = { driver: null };
