/** JSON Schemas of the calls routes: input checks and the OpenAPI description. */
import { agentStateJsonSchema, callJsonSchema, callListSchema, dialResultSchema, todayFiguresSchema } from '@telesales/schemas';
import { errorResponses as errors } from '../http/schemas.js';

const tags = ['calls'];
const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const callParams = { type: 'object', properties: { id }, required: ['id'] } as const;
const time = { type: 'string', format: 'date-time' } as const;
/** A phone number as typed or stored (digits, +, spaces, dashes, brackets). */
const number = { type: 'string', minLength: 3, maxLength: 32, pattern: '^[+0-9 ()-]+$' } as const;

/** A call as this reader may see it: shared with the console (schemas/src/api/calls.ts). */
export const callResponse = callJsonSchema;

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
    200: callListSchema,
    ...errors(400, 403),
  },
} as const;

export const getSchema = { tags, summary: 'One call', params: callParams, response: { 200: callResponse, ...errors(404) } } as const;

export const dialSchema = {
  tags, summary: 'Click-to-call a record: an opaque single-use token to dial, never the number',
  body: { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'], additionalProperties: false },
  response: {
    201: dialResultSchema,
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

const stateResponse = agentStateJsonSchema;

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
    200: callListSchema,
    ...errors(400, 403, 404),
  },
} as const;

export const todaySchema = {
  tags, summary: 'Today\'s call figures (workspace time zone): mine, or with scope=team everyone in my data scope',
  querystring: {
    type: 'object', properties: { scope: { type: 'string', enum: ['mine', 'team'], default: 'mine' } }, additionalProperties: false,
  },
  response: {
    200: todayFiguresSchema,
    ...errors(400),
  },
} as const;
