// What the phone bar asks of a telephone, whichever carries the audio. `simulated`: the runtime's simulated
// carrier does everything and the controls are API calls. `sip`: sip.js in this browser holds the call and
// the runtime learns from SIP (hold, mute, transfers and conferences are API calls there too: the runtime
// bridges the audio). Both report the same link states so the bar speaks one language.
import type { CallJson, ConsultStep, ConsultTarget, DialTarget, TransferTarget } from '$lib/api/calls';

export type LinkState =
	| 'connecting'
	| 'ready'
	/** the SIP server (WebSocket) cannot be reached; retrying */
	| 'unreachable'
	/** the SIP server refused the agent's credentials */
	| 'refused'
	| 'error';

export interface DriverEvents {
	onlink(state: LinkState, detail?: string): void;
	/** the microphone could not be opened (blocked by the browser, or none attached) */
	onmic(state: 'blocked' | 'missing' | 'ok', detail?: string): void;
	/** sip mode: the browser's own view of a call changed (held, muted, ended before the server said so) */
	oncall?(callId: string, change: Partial<Pick<CallJson, 'held' | 'muted' | 'status'>>): void;
}

/** A control's result: the call as the server now has it, when the control went through the server. */
export type ControlResult = CallJson | void;

export interface PhoneDriver {
	readonly mode: 'simulated' | 'sip';
	start(): Promise<void>;
	stop(): Promise<void>;
	answer(call: CallJson): Promise<ControlResult>;
	hangup(call: CallJson): Promise<ControlResult>;
	hold(call: CallJson, on: boolean): Promise<ControlResult>;
	mute(call: CallJson, on: boolean): Promise<ControlResult>;
	dtmf(call: CallJson, digits: string): Promise<ControlResult>;
	/** blind transfer to an agent or a skill group */
	transfer(call: CallJson, target: TransferTarget): Promise<ControlResult>;
	/** attended transfer: consult an agent or a group while the caller waits */
	consult(call: CallJson, target: ConsultTarget): Promise<ControlResult>;
	/** during a consultation: complete the transfer, go back to the caller, or make it a three-way conference */
	consultStep(call: CallJson, step: ConsultStep): Promise<ControlResult>;
	/** click-to-call or the dial pad: the server turns the record (or typed number) into a token; no number comes back */
	dial(target: DialTarget): Promise<{ callId: string; call?: CallJson }>;
	/** sip mode: the microphone to use for the next call (deviceId, '' = the default) */
	setMicrophone?(deviceId: string): void;
	/** sip mode: the local microphone stream of the current call, for the level meter */
	localStream?(): MediaStream | null;
}
