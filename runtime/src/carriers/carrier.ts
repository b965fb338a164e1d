import type { CallFailure, MonitorMode } from '@telesales/schemas';
import type { CallDoc } from '../calls/call-doc.js';
import type { FlowToRun } from '../calls/flow-to-run.js';

/**
 * The wall between the call lifecycle (runtime/src/calls: queues, offers, agent states, consultations, outcomes)
 * and whatever carries the calls: the simulated network (carriers/simulated) or the SIP endpoint (carriers/sip).
 * The lifecycle asks a carrier through `Carrier`; what happens on the line comes back as `CarrierEvent`s, which
 * the carrier reports into the lifecycle's call table (calls/call-table.ts), one ordered stream per process.
 * An outbound dialer places its calls with `place` and follows them by these events (ringing, answered, busy,
 * noAnswer, failed, hangup). A carrier's state (scripted callers, SIP legs and bridges) belongs to the calls its
 * process owns (calls/call-owner.ts): requests for them are carried out there, so no other process needs it.
 */

/** Who ended a call: `caller` is the outside party (the customer, whichever side dialled). */
export type Party = 'caller' | 'agent' | 'system';

/**
 * What comes back from the line. Events name calls by the lifecycle's id and never carry a dialled number: the
 * number of an outbound call stays inside the carrier, as it would at a real trunk.
 */
export type CarrierEvent =
  | { type: 'incoming'; callId: string; from: string; to: string; at: string }
  | { type: 'ringing'; callId: string; at: string }
  | { type: 'answered'; callId: string; at: string }
  | { type: 'busy'; callId: string; at: string }
  | { type: 'noAnswer'; callId: string; at: string }
  | { type: 'failed'; callId: string; reason: 'unknown_destination' | 'empty_number'; at: string }
  /** The line refused an outbound dial with a cause beyond busy and no answer (switched off, suspended, an answering machine...); over SIP any cause, with the trunk's status. */
  | { type: 'refused'; callId: string; cause: CallFailure['cause']; sipStatus?: number; at: string }
  | { type: 'promptDone'; callId: string; at: string }
  | { type: 'dtmf'; callId: string; digits: string; from: 'caller' | 'agent'; at: string }
  | { type: 'timer'; callId: string; name: string; at: string }
  | { type: 'hangup'; callId: string; side: Party; talkSec: number; at: string };

export type CarrierListener = (event: CarrierEvent) => void;

/** A flow's prompt: an uploaded audio file, a text to speak, or both (the text when the file is missing). */
export interface Prompt {
  text?: string;
  audio?: string;
}

/** What the flow's queue node asks for while the caller waits (the enqueue command). */
export interface QueueWait {
  skillGroup: string;
  announcePositionSec?: number;
  holdMusic?: string;
}

/**
 * A number an outbound task's dialer calls (calls/ has the call record already, direction `outbound`, no agent
 * yet). The carrier reports it like any outbound call: answered through `CarrierHost.outboundAnswered`, a
 * refusal or ring-out through `outboundFailed` (busy, noAnswer, emptyNumber, switchedOff, suspended,
 * answeringMachine...), the end through `outboundEnded`. An answered dial is the call's caller leg from then
 * on: `ring` bridges it to an agent as it does an inbound caller, `prompt` plays to it (the 2-second rule's
 * message), a hang-up in the call table ends it.
 */
export interface OutboundDial {
  callId: string;
  /** The number to dial (E.164 or the national form the trunk takes); stays in the carrier and the dialer. */
  number: string;
  /** The number presented to the callee (the task's caller-number pool); absent: the trunk's own. */
  callerId?: string;
  /** Unanswered this long: `noAnswer`. */
  ringTimeoutSec: number;
  /** The outbound task it belongs to (the simulated carrier picks the task's outcome profile by it). */
  taskKey?: string;
}

export type TelephonyHealth =
  | { mode: 'simulated' }
  | { mode: 'sip'; registered: boolean; aor?: string; server?: string; since: string | null; lastError: string | null };

/**
 * What the lifecycle asks of a carrier. Hanging up, keys toward the far end, hold and mute and the lifecycle's
 * timers go through the call table (calls/call-table.ts), whose events every carrier hears: a `hangup` there is
 * the carrier's cue to end its legs.
 */
export interface Carrier {
  /**
   * Places an outbound call: `dialled` is a single-use click-to-call token, never the number (the carrier
   * resolves it, as a trunk would). Simulated: the network dials it; SIP: the agent's phone dials the token.
   */
  place(callId: string, dialled: string): void;
  /** Dials a number for an outbound task, with no agent on the line yet (simulated: the task's outcome profile; SIP: the trunk over plain RTP). */
  dialOut(dial: OutboundDial): void;
  /** Plays a flow's prompt to the caller; the carrier reports `promptDone` through the call table. */
  prompt(callId: string, prompt: Prompt, language: 'zh' | 'en', bargeIn: boolean): void;
  /** Records the caller's message (the flow's voicemail); false: no audio here, the lifecycle times a simulated one. */
  record(callId: string, maxSec: number): boolean;
  /** The queue (or a consultation) rings an agent: the carrier answers on the caller's side and bridges them when the agent answers. */
  ring(callId: string, agentId: string): void;
  /** The offer to that agent was taken back: their phone stops ringing. */
  stopRinging(callId: string, agentId: string): void;
  /** The caller waits in a queue (hold music, position announcements); null: waiting is over. */
  queueWait(callId: string, wait: QueueWait | null): void;
  /**
   * A call record changed: the carrier's bridge follows it (the agents on the call, consulting apart from the
   * caller, on hold, muted).
   */
  legsChanged(doc: CallDoc): void;
  /**
   * A supervisor joins a live call (or changes mode; null: leaves): `listen` hears the caller and the agents and is
   * heard by nobody, `whisper` is heard by the call's agents only, `barge` by everyone (a conference).
   * Simulated: the supervisor's leg is recorded (who hears whom); SIP: their phone is INVITEd onto the call's bridge.
   */
  monitor(doc: CallDoc, supervisorId: string, mode: MonitorMode | null): void;
  /** What GET /api/health and the start banner say of telephony. */
  health(): TelephonyHealth;
  stop(): Promise<void> | void;
}

/**
 * What the lifecycle hears from a carrier that has more to say than the call table's events: a SIP carrier's
 * agents answer and hang up on their own phones, a trunk refuses a call with a status, a line carries no audio,
 * a message is recorded. The lifecycle's side is calls/carrier-host.ts; each report runs in its call's work queue.
 */
export interface CarrierHost {
  /** The flow a call to this number runs; null: none (the carrier may still know the number: a click-to-call token). */
  flowFor(number: string): Promise<FlowToRun | null>;
  /** The carrier answered a call to that flow: the lifecycle's call, driven by the flow from now on (its id). */
  arrived(run: FlowToRun, from: string, to: string): Promise<string>;
  /** An agent's phone answered the offer or the consultation; false: the lifecycle would not have it (hang the leg up). */
  agentAnswered(callId: string, agentId: string): Promise<boolean>;
  /** An agent hung up on their phone, or their phone refused the offer: as their console's hang-up. */
  agentHungUp(callId: string, agentId: string): Promise<void>;
  /** A consultation's phone rang out; true: that ended the consultation (the agent has the caller back). */
  consultUnanswered(callId: string, agentId: string): Promise<boolean>;
  /** An outbound call placed by the agent's own phone was answered by the far end: talking. */
  outboundAnswered(callId: string): Promise<void>;
  /** An outbound call that never became a conversation: why (the trunk's SIP status as a cause). */
  outboundFailed(callId: string, failure: CallFailure): Promise<void>;
  /** An outbound call ended (`answeredAt` null: nothing was said: no talk time). */
  outboundEnded(callId: string, side: Party, answeredAt: number | null): Promise<void>;
  /** A connected call carried no audio from one side: it ends as `noMedia` (the carrier hangs it up). */
  mediaMissing(callId: string, missing: 'customer' | 'agent' | 'both'): Promise<void>;
  /** A supervisor's phone hung up, or never answered: they are off the call (its record says so). */
  monitorEnded(callId: string, supervisorId: string): Promise<void>;
  /** The caller's message is recorded (the flow's voicemail goes on; `file` absent: nothing could be kept). */
  recordingDone(callId: string, file?: string): void;
}
