import type { RecordJson } from './api/records.js';
import type { AgentStateKind, LocalText } from './types.js';

/**
 * The shapes of the calls API (runtime/src/calls), shared by the runtime and the console.
 * `from` and `to` are masked per reader exactly like the customer's phone field: a role without unmask
 * sees `138****5678` for the outside party's number.
 */
export type CallDirection = 'in' | 'out';
export type CallStatus = 'ringing' | 'queued' | 'talking' | 'wrapup' | 'ended';
/** Who ended the call: `caller` is the outside party (the customer, whichever side dialled). */
export type HangupSide = 'caller' | 'agent' | 'system';

export interface CallDispositionJson {
  key: string;
  note?: string;
  contactAt?: string;
  /** The outcome marked the number invalid (an empty or wrong number). */
  invalidNumber?: boolean;
  by: string;
  at: string;
}

export interface CallTraceStepJson {
  at: string;
  flow?: string;
  node: string;
  type: string;
  event?: string;
  port?: string;
  note?: string;
  /** Only for people who design flows: the variables a step changed can hold customer values. */
  vars?: Record<string, unknown>;
}

/** An agent on a call: the one who answered, a consulted agent, a conference member (who joined and left when). */
export interface CallParticipantJson {
  agentId: string;
  agentName: string | null;
  /** `agent`: talking with the caller; `consult`: consulted while the caller waits on hold; `conference`: a third party. */
  role: 'agent' | 'consult' | 'conference';
  /** When a consultation started ringing this agent. */
  invitedAt?: string;
  joinAt?: string;
  leftAt?: string;
  /** Why they left: hung up, handed the caller on, the consultation was cancelled, declined or not answered, the caller hung up. */
  left?: 'hangup' | 'transferred' | 'cancelled' | 'declined' | 'noAnswer' | 'caller';
}

/** A consultation in progress (attended transfer): the caller is on hold while `by` talks to `agentId`. */
export interface CallConsultJson {
  agentId: string;
  agentName: string | null;
  by: string;
  target: { type: 'agent' | 'group'; ref: string };
  status: 'ringing' | 'talking';
  startAt: string;
  answerAt?: string;
}

/** A hand-over of the caller from one agent to another. */
export interface CallTransferJson {
  kind: 'blind' | 'attended';
  from: string;
  /** The agent (user id) who took the caller, or for a blind transfer to a group the group's key. */
  to: string;
  startAt: string;
  answerAt?: string;
  at: string;
}

/**
 * Why an outbound call failed: `busy` (SIP 486, 600), `emptyNumber` (404, 604, 484: no such number, 空号),
 * `noAnswer` (480, 408, or rang out), `rejected` (403, 603), `noCodec` (488, 415: no common audio format),
 * `failed` (any other 4xx/5xx, or no way to place it). `noMedia`: answered (either direction), but one side sent
 * no audio for SIP_NO_MEDIA_SEC after it was connected: ended by the system, no talk time.
 */
export type CallFailureCause = 'busy' | 'emptyNumber' | 'noAnswer' | 'rejected' | 'noCodec' | 'failed' | 'noMedia';

export interface CallFailure {
  cause: CallFailureCause;
  /** The trunk's final SIP status (TELEPHONY=sip). */
  sipStatus?: number;
  /** `noMedia`: whose audio never came (the customer's line, the agent's softphone, or both). */
  missing?: 'customer' | 'agent' | 'both';
}

export interface CallJson {
  id: string;
  direction: CallDirection;
  from: string;
  to: string;
  /** True when from/to are shown masked to this reader. */
  masked: boolean;
  agentId: string | null;
  agentName: string | null;
  customer: { entity: string; id: string } | null;
  queue?: string;
  flow?: { key: string; version: number };
  trace?: CallTraceStepJson[];
  ringAt: string;
  answerAt?: string;
  endAt?: string;
  talkSec: number;
  hangupBy?: HangupSide;
  held?: boolean;
  muted?: boolean;
  recording?: { file: string };
  /** A voicemail message's length (the recording is then the message, not a conversation). */
  voicemailSec?: number;
  survey?: number;
  disposition?: CallDispositionJson;
  /** Outbound outcome from the carrier when nobody answered. */
  outcome?: 'busy' | 'noAnswer' | 'failed';
  /**
   * Recorded by rule: the agent's after-call work ran out (the wrap-up state's maxSec) before they gave an
   * outcome. Shown as "No outcome given"; the agent can still give it, which removes this mark.
   */
  outcomeMissing?: { at: string };
  /**
   * Why a call never became a conversation: an outbound call's far end said so, or (`noMedia`) a call answered
   * either way carried no audio from one side. Absent: it was answered and carried audio.
   */
  failure?: CallFailure;
  status: CallStatus;
  /** Every agent who was on the call, in order (absent on calls no agent answered). */
  participants?: CallParticipantJson[];
  /** A consultation in progress: the consulted agent's console rings (`ringing` event) or talks with `by`. */
  consult?: CallConsultJson;
  /** Three-way: the caller, the call's agent and the `conference` participants without `leftAt` hear each other. */
  conference?: boolean;
  transfers?: CallTransferJson[];
}

export interface CallListJson {
  items: CallJson[];
  total: number;
  page: number;
  pageSize: number;
}

/** POST /api/calls/dial: the browser gets an opaque token to dial, never the number. */
export interface DialResultJson {
  callId: string;
  token: string;
  /** When the token stops working (single use, two minutes). */
  expiresAt: string;
}

/** The screen-pop card: the call, and the caller's customer as this agent may see it (null: unknown or out of sight). */
export interface ScreenPopJson {
  call: CallJson;
  customer: RecordJson | null;
  /** The entity callers are looked up in: an unknown caller's new-customer form is of this entity. */
  entity: string;
}

export interface AgentStateOption {
  key: string;
  label: LocalText;
  kind: AgentStateKind;
  maxSec?: number;
}

/** GET/PUT /api/telephony/state. `state` null: offline (no state chosen yet today or signed off the phone). */
export interface AgentStateJson {
  state: string | null;
  kind: AgentStateKind | null;
  since: string | null;
  /** Seconds today (from midnight in the workspace's time zone, TIME_ZONE) spent in any state, and on calls or after-call work. */
  onlineSec: number;
  busySec: number;
  states: AgentStateOption[];
  /** The call the agent is on or in after-call work for. */
  callId: string | null;
  /**
   * In after-call work with a maximum time: when it ends (the server's clock), and the seconds left when this
   * answer was made (a console counts down from it, so a reload or a browser clock set wrong changes nothing).
   */
  wrapupEndsAt: string | null;
  wrapupLeftSec: number | null;
}

/**
 * GET /api/calls/today: the workbench's daily figures since midnight in the workspace's time zone (defined in
 * runtime/src/calls/today-figures.ts, the same definitions the reports use).
 */
export interface TodayFiguresJson {
  /** The local calendar day counted (YYYY-MM-DD in `timeZone`). */
  day: string;
  timeZone: string;
  /** Outbound calls placed. */
  outbound: number;
  /** Outbound calls answered. */
  connected: number;
  /** Inbound calls answered. */
  inbound: number;
  /** Talk time in seconds, both directions. */
  talkSec: number;
}

/** Server-Sent Events on GET /api/calls/events, by event name. */
export interface CallEventMap {
  /** A call is offered to this agent (inbound) with its screen-pop card. */
  ringing: ScreenPopJson;
  /** A call of this agent changed (answered, ended, wrap-up...). */
  call: { call: CallJson };
  /** The offer was taken back (the caller hung up, another agent took it, nobody answered in time). */
  offerWithdrawn: { callId: string };
  state: AgentStateJson;
}
