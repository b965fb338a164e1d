import { anyObject, errorResponses } from '../http/schemas.js';

const iso = { type: 'string', format: 'date-time' } as const;
const digits = { type: 'string', pattern: '^[0-9*#]{1,32}$' } as const;
const phone = { type: 'string', minLength: 1, maxLength: 40 } as const;

const EVENT_TYPES = [
  'start', 'promptDone', 'digits', 'timeout', 'lookupResult', 'httpResult', 'agentAnswered',
  'agentLegEnded', 'queueTimeout', 'recordingDone', 'transferFailed', 'hangup',
] as const;

/** One event of the interpreter's vocabulary; which fields each type needs is checked by the route. */
const eventSchema = {
  type: 'object',
  properties: {
    type: { enum: EVENT_TYPES }, at: iso, caller: phone, callee: { type: 'string', maxLength: 40 }, digits,
    found: { type: 'boolean' }, values: anyObject, ok: { type: 'boolean' }, status: { type: 'integer' }, body: {},
    agentId: { type: 'string', maxLength: 100 }, file: { type: 'string', maxLength: 200 },
  },
  required: ['type', 'at'],
  additionalProperties: false,
  allOf: ([['start', 'caller'], ['digits', 'digits'], ['lookupResult', 'found'], ['httpResult', 'ok'], ['agentAnswered', 'agentId']] as const).map(
    ([type, field]) => ({ if: { properties: { type: { const: type } } }, then: { required: [field] } }),
  ),
} as const;

const flowRef = { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer', minimum: 0 } }, required: ['key', 'version'] } as const;

/** A stored call state as the interpreter left it (plain JSON); its trace is capped like the call's steps. */
const stateSchema = {
  type: 'object',
  properties: {
    flow: flowRef,
    stack: { type: 'array', maxItems: 20, items: { type: 'object', properties: { flow: flowRef, node: { type: 'string' } }, required: ['flow', 'node'] } },
    node: { type: 'string' }, waiting: { type: ['object', 'null'] }, vars: anyObject, customer: { type: ['object', 'null'] },
    language: { enum: ['zh', 'en'] }, caller: { type: 'string' }, callee: { type: 'string' }, startedAt: iso, now: iso,
    retries: { type: 'integer', minimum: 0 }, steps: { type: 'integer', minimum: 0 }, ended: { type: 'boolean' },
    endReason: { type: 'string' }, trace: { type: 'array', maxItems: 5000, items: anyObject },
  },
  required: ['flow', 'stack', 'node', 'waiting', 'vars', 'language', 'caller', 'callee', 'startedAt', 'now', 'retries', 'steps', 'ended', 'trace'],
} as const;

const scriptSchema = {
  type: 'object',
  properties: {
    caller: phone, callee: { type: 'string', maxLength: 40 }, startAt: iso,
    digits: {
      type: 'array', maxItems: 200,
      items: { type: 'object', properties: { afterMs: { type: 'integer', minimum: 0, maximum: 14_400_000 }, digits }, required: ['afterMs', 'digits'], additionalProperties: false },
    },
    freeAgents: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    customers: { type: 'object', additionalProperties: anyObject },
    http: { type: 'object', additionalProperties: { type: 'object', properties: { ok: { type: 'boolean' }, status: { type: 'integer' }, body: {} } } },
    answerAfterSec: { type: 'integer', minimum: 0, maximum: 3600 },
    talkSec: { type: 'integer', minimum: 0, maximum: 14_400 },
    hangupAfterMs: { type: 'integer', minimum: 0, maximum: 14_400_000 },
  },
  required: ['caller', 'startAt', 'digits', 'freeAgents'],
  additionalProperties: false,
} as const;

const commandsJson = { type: 'array', items: anyObject } as const;
const stateJson = { ...anyObject, properties: { trace: { type: 'array', items: anyObject } } } as const;

export const simulateSchema = {
  tags: ['flows'],
  summary: 'Run a flow (its draft, or the published one) against a scripted caller in simulated time',
  params: { type: 'object', properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } }, required: ['key'] },
  body: { type: 'object', properties: { script: scriptSchema, draft: anyObject }, required: ['script'], additionalProperties: false },
  response: {
    200: {
      type: 'object',
      properties: {
        trace: { type: 'array', items: anyObject },
        commands: { type: 'array', items: { type: 'object', properties: { at: iso, command: anyObject } } },
        events: { type: 'array', items: anyObject },
        state: stateJson,
      },
    },
    ...errorResponses(400, 403, 404),
  },
} as const;

export const simulateStepSchema = {
  tags: ['flows'],
  summary: "Feed one event to a call of a flow (the builder's test panel keeps the state between events)",
  body: {
    type: 'object',
    properties: {
      flow: anyObject,
      key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
      state: { anyOf: [stateSchema, { type: 'null' }] },
      event: eventSchema,
    },
    required: ['state', 'event'],
    additionalProperties: false,
  },
  response: { 200: { type: 'object', properties: { state: stateJson, commands: commandsJson } }, ...errorResponses(400, 403, 404) },
} as const;
