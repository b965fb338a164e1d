/** JSON Schemas of the calls routes: input checks and the OpenAPI description. */
import { errorResponses as errors, localTextJson } from '../http/schemas.js';
import { FAILURE_CAUSES } from './call-failure.js';

const tags = ['calls'];
const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const callParams = { type: 'object', properties: { id }, required: ['id'] } as const;
const time = { type: 'string', format: 'date-time' } as const;
/** A phone number as typed or stored (digits, +, spaces, dashes, brackets). */
const number = { type: 'string', minLength: 3, maxLength: 32, pattern: '^[+0-9 ()-]+$' } as const;

export const callResponse = {
  type: 'object',
  description: 'CallJson (schemas/src/call-types.ts): from/to masked per reader like the customer\'s phone field',
  properties: {
    id: { type: 'string' }, direction: { enum: ['in', 'out'] }, from: { type: 'string' }, to: { type: 'string' },
    masked: { type: 'boolean' }, agentId: { type: ['string', 'null'] }, agentName: { type: ['string', 'null'] },
    customer: { type: ['object', 'null'], properties: { entity: { type: 'string' }, id: { type: 'string' } } },
    queue: { type: 'string' },
    flow: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' } } },
    trace: { type: 'array', items: { type: 'object', additionalProperties: true } },
    ringAt: time, answerAt: time, endAt: time, talkSec: { type: 'integer' },
    hangupBy: { enum: ['caller', 'agent', 'system'] }, held: { type: 'boolean' }, muted: { type: 'boolean' },
    recording: { type: 'object', properties: { file: { type: 'string' } } }, voicemailSec: { type: 'number' }, survey: { type: 'number' },
    disposition: {
      type: 'object',
      properties: { key: { type: 'string' }, note: { type: 'string' }, contactAt: time, invalidNumber: { type: 'boolean' }, by: { type: 'string' }, at: time },
    },
    outcome: { enum: ['busy', 'noAnswer', 'failed'] },
    outcomeMissing: { type: 'object', properties: { at: time } },
    failure: { type: 'object', properties: { cause: { enum: [...FAILURE_CAUSES] }, sipStatus: { type: 'integer' }, missing: { enum: ['customer', 'agent', 'both'] } } },
    status: { enum: ['ringing', 'queued', 'talking', 'wrapup', 'ended'] },
    participants: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          agentId: { type: 'string' }, agentName: { type: ['string', 'null'] }, role: { enum: ['agent', 'consult', 'conference'] },
          invitedAt: time, joinAt: time, leftAt: time, left: { enum: ['hangup', 'transferred', 'cancelled', 'declined', 'noAnswer', 'caller'] },
        },
      },
    },
    consult: {
      type: 'object',
      properties: {
        agentId: { type: 'string' }, agentName: { type: ['string', 'null'] }, by: { type: 'string' },
        target: { type: 'object', properties: { type: { enum: ['agent', 'group'] }, ref: { type: 'string' } } },
        status: { enum: ['ringing', 'talking'] }, startAt: time, answerAt: time,
      },
    },
    conference: { type: 'boolean' },
    transfers: {
      type: 'array',
      items: {
        type: 'object',
        properties: { kind: { enum: ['blind', 'attended'] }, from: { type: 'string' }, to: { type: 'string' }, startAt: time, answerAt: time, at: time },
      },
    },
  },
} as const;

export const listSchema = {
  tags, summary: 'Calls: mine, incoming (within my data scope), or all (supervisors and admins)',
  querystring: {
    type: 'object',
    properties: {
      view: { enum: ['mine', 'incoming', 'all'], default: 'mine' },
      q: { type: 'string', maxLength: 100 },
      status: { enum: ['ringing', 'queued', 'talking', 'wrapup', 'ended'] },
      noOutcome: { type: 'boolean', description: 'Only calls an agent took part in that have no outcome (in after-call work, or "no outcome given" by rule)' },
      page: { type: 'integer', minimum: 1, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    },
    additionalProperties: false,
  },
  response: {
    200: { type: 'object', properties: { items: { type: 'array', items: callResponse }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } },
    ...errors(400, 403),
  },
} as const;

export const getSchema = { tags, summary: 'One call', params: callParams, response: { 200: callResponse, ...errors(404) } } as const;

export const dialSchema = {
  tags, summary: 'Click-to-call a record: an opaque single-use token to dial, never the number',
  body: { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'], additionalProperties: false },
  response: {
    201: { type: 'object', properties: { callId: { type: 'string' }, token: { type: 'string' }, expiresAt: time, call: callResponse } },
    // 409 outcome_required: the agent owes the outcome of their last call first (its id in `callId`).
    ...errors(400, 403, 404, 409),
  },
} as const;

export const simulateInboundSchema = {
  tags, summary: 'A simulated caller dials an entry number (TELEPHONY=simulated; admins)',
  body: {
    type: 'object',
    properties: {
      from: number, to: number,
      digits: {
        type: 'array', maxItems: 50,
        items: { type: 'object', properties: { afterMs: { type: 'integer', minimum: 0, maximum: 3600000 }, digits: { type: 'string', pattern: '^[0-9*#]{1,32}$' } }, required: ['afterMs', 'digits'], additionalProperties: false },
      },
      hangupAfterMs: { type: 'integer', minimum: 0, maximum: 14400000 },
      talkSec: { type: 'integer', minimum: 0, maximum: 14400 },
      at: {
        type: 'string', format: 'date-time',
        description: 'The time the flow\'s clock reads when the call arrives (business hours, $now()); it runs on from there. The call\'s own times stay real.',
      },
    },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  response: { 201: callResponse, ...errors(400, 403, 404, 409) },
} as const;

export const controlSchema = (summary: string) => ({
  tags, summary, params: callParams, response: { 200: callResponse, ...errors(404, 409) },
} as const);

export const dtmfSchema = {
  tags, summary: 'Send keys (DTMF) from the agent\'s keypad', params: callParams,
  body: { type: 'object', properties: { digits: { type: 'string', pattern: '^[0-9*#]{1,32}$' } }, required: ['digits'], additionalProperties: false },
  response: { 200: callResponse, ...errors(400, 404, 409) },
} as const;

export const transferSchema = {
  tags, summary: 'Blind transfer of an inbound call to an agent (user id) or a skill group (key)', params: callParams,
  body: {
    type: 'object',
    properties: { to: id, type: { enum: ['agent', 'group'], default: 'agent' } },
    required: ['to'], additionalProperties: false,
  },
  response: { 200: callResponse, ...errors(400, 404, 409) },
} as const;

export const consultSchema = {
  tags, summary: 'Attended transfer, step 1: put the caller on hold and ring another agent (user id) or a ready agent of a skill group (key)',
  params: callParams,
  body: {
    type: 'object',
    properties: {
      to: {
        type: 'object',
        properties: { type: { enum: ['agent', 'group'] }, ref: id },
        required: ['type', 'ref'], additionalProperties: false,
      },
    },
    required: ['to'], additionalProperties: false,
  },
  response: { 200: callResponse, ...errors(400, 403, 404, 409) },
} as const;

export const consultStepSchema = (summary: string) => ({
  tags, summary, params: callParams, response: { 200: callResponse, ...errors(403, 404, 409) },
} as const);

export const dispositionSchema = {
  tags, summary: 'Tag the call with an outcome of the published dispositions (after-call work)', params: callParams,
  body: {
    type: 'object',
    properties: { key, note: { type: 'string', maxLength: 2000 }, contactAt: time },
    required: ['key'], additionalProperties: false,
  },
  response: { 200: callResponse, ...errors(400, 404, 409) },
} as const;

export const eventsSchema = {
  tags, summary: 'Server-Sent Events for the signed-in agent: ringing (screen pop), call, offerWithdrawn, state',
  produces: ['text/event-stream'],
} as const;

const stateResponse = {
  type: 'object',
  properties: {
    state: { type: ['string', 'null'] }, kind: { type: ['string', 'null'] }, since: { type: ['string', 'null'], format: 'date-time' },
    onlineSec: { type: 'integer' }, busySec: { type: 'integer' }, callId: { type: ['string', 'null'] },
    wrapupEndsAt: { type: ['string', 'null'], format: 'date-time' }, wrapupLeftSec: { type: ['integer', 'null'] },
    states: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: 'string' }, label: localTextJson, kind: { type: 'string' }, maxSec: { type: 'integer' } } },
    },
  },
} as const;

export const getStateSchema = { tags: ['telephony'], summary: 'My phone state and today\'s online/busy seconds', response: { 200: stateResponse } } as const;

export const putStateSchema = {
  tags: ['telephony'], summary: 'Change my phone state (a key of the agent-states definition; null: offline)',
  body: { type: 'object', properties: { state: { anyOf: [key, { type: 'null' }] } }, required: ['state'], additionalProperties: false },
  response: { 200: stateResponse, ...errors(400, 409) },
} as const;

export const recordCallsSchema = {
  tags, summary: 'The calls of a record (its contact history), newest first; for whoever may read the record',
  params: { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'] },
  querystring: {
    type: 'object',
    properties: { page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
    additionalProperties: false,
  },
  response: {
    200: { type: 'object', properties: { items: { type: 'array', items: callResponse }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } },
    ...errors(400, 403, 404),
  },
} as const;

export const todaySchema = {
  tags, summary: 'Today\'s call figures (workspace time zone): mine, or with scope=team everyone in my data scope',
  querystring: {
    type: 'object', properties: { scope: { type: 'string', enum: ['mine', 'team'], default: 'mine' } }, additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        day: { type: 'string' }, timeZone: { type: 'string' },
        outbound: { type: 'integer' }, connected: { type: 'integer' }, inbound: { type: 'integer' }, talkSec: { type: 'integer' },
      },
      required: ['day', 'timeZone', 'outbound', 'connected', 'inbound', 'talkSec'],
    },
    ...errors(400),
  },
} as const;
