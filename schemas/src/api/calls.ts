import type { FromSchema } from 'json-schema-to-ts';
import { localTextJsonSchema } from './local-text.js';
import { callMonitorSchema } from './monitoring.js';
import { recordJsonSchema } from './records.js';

/**
 * The calls API's answers (runtime/src/calls) as JSON Schemas, which the routes serialise with, and their types,
 * which the runtime builds and the console reads. `from` and `to` are masked per reader exactly like the
 * customer's phone field: a role without unmask sees `138****5678` for the outside party's number.
 */

const time = { type: 'string', format: 'date-time' } as const;
const nullableText = { type: ['string', 'null'] } as const;

export const CALL_STATUSES = ['ringing', 'queued', 'talking', 'wrapup', 'ended'] as const;
/**
 * Why an outbound call failed: `busy` (SIP 486, 600), `emptyNumber` (404, 604, 484: no such number, 空号),
 * `noAnswer` (408, or rang out), `rejected` (403, 603), `noCodec` (488, 415: no common audio format),
 * `failed` (any other 4xx/5xx, or no way to place it). `noMedia`: answered (either direction), but one side sent
 * no audio for SIP_NO_MEDIA_SEC after it was connected: ended by the system, no talk time. The domain's carrier
 * outcomes too: `switchedOff` (关机, SIP 480, or Q.850 cause 20 "subscriber absent"), `suspended` (停机, SIP 410),
 * and `answeringMachine` (a machine answered, not a person). runtime/src/carriers/sip/sip-status.ts maps them.
 */
export const CALL_FAILURE_CAUSES = ['busy', 'emptyNumber', 'noAnswer', 'rejected', 'noCodec', 'failed', 'noMedia', 'switchedOff', 'suspended', 'answeringMachine', 'processLost'] as const;

export const callDispositionSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' }, note: { type: 'string' }, contactAt: time,
    invalidNumber: { type: 'boolean', description: 'The outcome marked the number invalid (an empty or wrong number)' },
    by: { type: 'string' }, at: time,
  },
  required: ['key', 'by', 'at'],
  additionalProperties: false,
} as const;

/** One step of the flow a call ran; other properties a step carries pass through as they are. */
export const callTraceStepSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' }, flow: { type: 'string' }, node: { type: 'string' }, type: { type: 'string' },
    event: { type: 'string' }, port: { type: 'string' }, note: { type: 'string' },
    vars: { type: 'object', additionalProperties: true, description: 'Only for people who design flows: the variables a step changed can hold customer values' },
  },
  required: ['at', 'node', 'type'],
  additionalProperties: true,
} as const;

/** An agent on a call: the one who answered, a consulted agent, a conference member (who joined and left when). */
export const callParticipantSchema = {
  type: 'object',
  properties: {
    agentId: { type: 'string' }, agentName: nullableText,
    role: { enum: ['agent', 'consult', 'conference'], description: '`agent`: talking with the caller; `consult`: consulted while the caller waits on hold; `conference`: a third party' },
    invitedAt: { ...time, description: 'When a consultation started ringing this agent' }, joinAt: time, leftAt: time,
    left: { enum: ['hangup', 'transferred', 'cancelled', 'declined', 'noAnswer', 'caller'] },
  },
  required: ['agentId', 'agentName', 'role'],
  additionalProperties: false,
} as const;

/** A consultation in progress (attended transfer): the caller is on hold while `by` talks to `agentId`. */
export const callConsultSchema = {
  type: 'object',
  properties: {
    agentId: { type: 'string' }, agentName: nullableText, by: { type: 'string' },
    target: { type: 'object', properties: { type: { enum: ['agent', 'group'] }, ref: { type: 'string' } }, required: ['type', 'ref'], additionalProperties: false },
    status: { enum: ['ringing', 'talking'] }, startAt: time, answerAt: time,
  },
  required: ['agentId', 'agentName', 'by', 'target', 'status', 'startAt'],
  additionalProperties: false,
} as const;

/** A hand-over of the caller from one agent to another (`to`: the agent who took the caller, or a group's key). */
export const callTransferSchema = {
  type: 'object',
  properties: { kind: { enum: ['blind', 'attended'] }, from: { type: 'string' }, to: { type: 'string' }, startAt: time, answerAt: time, at: time },
  required: ['kind', 'from', 'to', 'startAt', 'at'],
  additionalProperties: false,
} as const;

export const callFailureSchema = {
  type: 'object',
  properties: {
    cause: { enum: CALL_FAILURE_CAUSES },
    sipStatus: { type: 'integer', description: "The trunk's final SIP status (TELEPHONY=sip)" },
    missing: { enum: ['customer', 'agent', 'both'], description: '`noMedia`: whose audio never came' },
  },
  required: ['cause'],
  additionalProperties: false,
} as const;

export const callJsonSchema = {
  type: 'object',
  description: "A call as this reader may see it: from/to masked per reader like the customer's phone field",
  properties: {
    id: { type: 'string' }, direction: { enum: ['in', 'out'] }, from: { type: 'string' }, to: { type: 'string' },
    masked: { type: 'boolean', description: 'True when from/to are shown masked to this reader' },
    agentId: nullableText, agentName: nullableText,
    customer: { type: ['object', 'null'], properties: { entity: { type: 'string' }, id: { type: 'string' } }, required: ['entity', 'id'], additionalProperties: false },
    queue: { type: 'string' },
    task: {
      type: 'object', properties: { key: { type: 'string' }, numberId: { type: 'string' } }, required: ['key', 'numberId'], additionalProperties: false,
      description: "An outbound task's dial: the task's key and its number's id (the console asks /api/outbound/calls/:id/pop for the card and script)",
    },
    flow: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' } }, required: ['key', 'version'], additionalProperties: false },
    trace: { type: 'array', items: callTraceStepSchema },
    ringAt: time, answerAt: time, endAt: time, talkSec: { type: 'integer' },
    hangupBy: { enum: ['caller', 'agent', 'system'], description: 'Who ended the call: `caller` is the outside party, whichever side dialled' },
    held: { type: 'boolean' }, muted: { type: 'boolean' },
    recording: { type: 'object', properties: { file: { type: 'string' } }, required: ['file'], additionalProperties: false },
    voicemailSec: { type: 'number', description: "A voicemail message's length (the recording is then the message, not a conversation)" },
    survey: { type: 'number' },
    disposition: callDispositionSchema,
    outcome: { enum: ['busy', 'noAnswer', 'failed'], description: 'Outbound outcome from the carrier when nobody answered' },
    outcomeMissing: {
      type: 'object', properties: { at: time }, required: ['at'], additionalProperties: false,
      description: "The agent's after-call work ran out before they gave an outcome (shown as \"No outcome given\" until they give it)",
    },
    failure: { ...callFailureSchema, description: 'Why a call never became a conversation (absent: answered and carried audio)' },
    status: { enum: CALL_STATUSES },
    participants: { type: 'array', items: callParticipantSchema, description: 'Every agent who was on the call, in order' },
    consult: callConsultSchema,
    conference: { type: 'boolean', description: "Three-way: the caller, the call's agent and the conference participants without leftAt hear each other" },
    transfers: { type: 'array', items: callTransferSchema },
    monitors: { type: 'array', items: callMonitorSchema, description: 'Supervisors who listened, whispered or barged in, each stretch in one mode (`to` absent: still on)' },
  },
  required: ['id', 'direction', 'from', 'to', 'masked', 'agentId', 'agentName', 'customer', 'ringAt', 'talkSec', 'status'],
  additionalProperties: false,
} as const;

export const callListSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: callJsonSchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  required: ['items', 'total', 'page', 'pageSize'],
  additionalProperties: false,
} as const;

/** POST /api/calls/dial: the browser gets an opaque token to dial, never the number (single use, two minutes). */
export const dialResultSchema = {
  type: 'object',
  properties: { callId: { type: 'string' }, token: { type: 'string' }, expiresAt: time, call: callJsonSchema },
  required: ['callId', 'token', 'expiresAt'],
  additionalProperties: false,
} as const;

/** The screen-pop card: the call, and the caller's customer as this agent may see it (null: unknown or out of sight). */
export const screenPopSchema = {
  type: 'object',
  properties: {
    call: callJsonSchema,
    customer: { ...recordJsonSchema, type: ['object', 'null'] },
    entity: { type: 'string', description: "The entity callers are looked up in: an unknown caller's new-customer form is of this entity" },
  },
  required: ['call', 'customer', 'entity'],
  additionalProperties: false,
} as const;

const agentStateKind = { enum: ['ready', 'busy', 'wrapup', 'break'] } as const;

export const agentStateOptionSchema = {
  type: 'object',
  properties: { key: { type: 'string' }, label: localTextJsonSchema, kind: agentStateKind, maxSec: { type: 'integer' } },
  required: ['key', 'label', 'kind'],
  additionalProperties: false,
} as const;

/** GET/PUT /api/telephony/state. `state` null: offline (no state chosen yet today or signed off the phone). */
export const agentStateJsonSchema = {
  type: 'object',
  properties: {
    state: nullableText, kind: { enum: [...agentStateKind.enum, null] }, since: { type: ['string', 'null'], format: 'date-time' },
    onlineSec: { type: 'integer', description: "Seconds today (the workspace's time zone) in any state" },
    busySec: { type: 'integer', description: 'Seconds today on calls or in after-call work' },
    callId: { ...nullableText, description: 'The call the agent is on or in after-call work for' },
    wrapupEndsAt: { type: ['string', 'null'], format: 'date-time', description: "After-call work with a maximum time: when it ends (the server's clock)" },
    wrapupLeftSec: { type: ['integer', 'null'], description: 'The seconds left when this answer was made (a console counts down from it)' },
    states: { type: 'array', items: agentStateOptionSchema },
  },
  required: ['state', 'kind', 'since', 'onlineSec', 'busySec', 'states', 'callId', 'wrapupEndsAt', 'wrapupLeftSec'],
  additionalProperties: false,
} as const;

/** GET /api/calls/today: the workbench's daily figures since midnight in the workspace's time zone (runtime/src/calls/today-figures.ts). */
export const todayFiguresSchema = {
  type: 'object',
  properties: {
    day: { type: 'string', description: 'The local calendar day counted (YYYY-MM-DD in timeZone)' }, timeZone: { type: 'string' },
    outbound: { type: 'integer', description: 'Outbound calls placed' }, connected: { type: 'integer', description: 'Outbound calls answered' },
    inbound: { type: 'integer', description: 'Inbound calls answered' }, talkSec: { type: 'integer', description: 'Talk time in seconds, both directions' },
  },
  required: ['day', 'timeZone', 'outbound', 'connected', 'inbound', 'talkSec'],
  additionalProperties: false,
} as const;

export type CallJson = FromSchema<typeof callJsonSchema>;
export type CallDirection = CallJson['direction'];
export type CallStatus = (typeof CALL_STATUSES)[number];
/** Who ended the call: `caller` is the outside party (the customer, whichever side dialled). */
export type HangupSide = NonNullable<CallJson['hangupBy']>;
export type CallDispositionJson = FromSchema<typeof callDispositionSchema>;
export type CallTraceStepJson = FromSchema<typeof callTraceStepSchema>;
export type CallParticipantJson = FromSchema<typeof callParticipantSchema>;
export type CallConsultJson = FromSchema<typeof callConsultSchema>;
export type CallTransferJson = FromSchema<typeof callTransferSchema>;
export type CallFailureCause = (typeof CALL_FAILURE_CAUSES)[number];
export type CallFailure = FromSchema<typeof callFailureSchema>;
export type CallListJson = FromSchema<typeof callListSchema>;
export type DialResultJson = FromSchema<typeof dialResultSchema>;
export type ScreenPopJson = FromSchema<typeof screenPopSchema>;
export type AgentStateOption = FromSchema<typeof agentStateOptionSchema>;
export type AgentStateJson = FromSchema<typeof agentStateJsonSchema>;
export type TodayFiguresJson = FromSchema<typeof todayFiguresSchema>;

/** Server-Sent Events on GET /api/calls/events, by event name (not a route's answer: written here beside them). */
export interface CallEventMap {
  /** A call is offered to this agent (inbound) with its screen-pop card. */
  ringing: ScreenPopJson;
  /** A call of this agent changed (answered, ended, wrap-up...). */
  call: { call: CallJson };
  /** The offer was taken back (the caller hung up, another agent took it, nobody answered in time). */
  offerWithdrawn: { callId: string };
  state: AgentStateJson;
}
