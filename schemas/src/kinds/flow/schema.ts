import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

/** A node's name: what transitions, traces and messages call it (letters first, so it never reads as a digit). */
export const flowNodeIdSchema = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,39}$' } as const;

/** A port is a DTMF key of a menu (0-9 * #) or a name (next, noInput, a condition case...). */
export const flowPortSchema = { type: 'string', pattern: '^([0-9*#]|[a-zA-Z][a-zA-Z0-9_]{0,39})$' } as const;

export const flowLanguageSchema = { enum: ['zh', 'en'] } as const;

const perLanguage = (maxLength: number) => ({
  type: 'object',
  properties: { zh: { type: 'string', maxLength }, en: { type: 'string', maxLength } },
  additionalProperties: false,
} as const);

/** What the caller hears: text-to-speech text or an audio file id, per language (audio wins when both are set). */
export const promptSchema = {
  type: 'object',
  properties: { text: perLanguage(1000), audio: perLanguage(200) },
  additionalProperties: false,
} as const;

/** A JSONata expression over `vars`, `call`, `customer` and `now`; parsed at publish time. */
const expressionSchema = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const dtmfKeySchema = { enum: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] } as const;
const timeoutSecSchema = { type: 'integer', minimum: 1, maximum: 60, default: 5 } as const;
const retriesSchema = { type: 'integer', minimum: 0, maximum: 5, default: 2 } as const;
const clockSchema = { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } as const;
const dayRangesSchema = {
  type: 'array',
  items: { type: 'object', properties: { from: clockSchema, to: clockSchema }, required: ['from', 'to'], additionalProperties: false },
  maxItems: 6,
} as const;
const assignmentSchema = {
  type: 'object',
  properties: { variable: keySchema, expression: expressionSchema },
  required: ['variable', 'expression'],
  additionalProperties: false,
} as const;

/** Each node type's settings. */
export const flowNodeConfigSchemas = {
  entry: {
    type: 'object',
    properties: {
      /** E.164 numbers (+862160000000) or short codes (4008001234); empty for a flow only called as a sub-flow. */
      numbers: { type: 'array', items: { type: 'string', pattern: '^\\+?[0-9]{3,20}$' }, uniqueItems: true, maxItems: 50 },
      queues: { type: 'array', items: keySchema, uniqueItems: true, maxItems: 50 },
    },
    required: ['numbers'],
    additionalProperties: false,
  },
  play: {
    type: 'object',
    properties: { prompt: promptSchema, bargeIn: { type: 'boolean', default: false } },
    required: ['prompt'],
    additionalProperties: false,
  },
  menu: {
    type: 'object',
    properties: {
      prompt: promptSchema,
      options: { type: 'array', items: dtmfKeySchema, minItems: 1, maxItems: 12, uniqueItems: true },
      timeoutSec: timeoutSecSchema,
      retries: retriesSchema,
      retryPrompt: promptSchema,
    },
    required: ['prompt', 'options'],
    additionalProperties: false,
  },
  gather: {
    type: 'object',
    properties: {
      prompt: promptSchema,
      minDigits: { type: 'integer', minimum: 1, maximum: 32, default: 1 },
      maxDigits: { type: 'integer', minimum: 1, maximum: 32 },
      finishOnKey: { enum: ['#', '*'] },
      timeoutSec: timeoutSecSchema,
      retries: retriesSchema,
      retryPrompt: promptSchema,
      /** The variable the digits are stored in. */
      variable: keySchema,
    },
    required: ['prompt', 'maxDigits', 'variable'],
    additionalProperties: false,
  },
  condition: {
    type: 'object',
    properties: {
      /** Tried in order; the first true one names the port taken, `else` when none is. */
      cases: {
        type: 'array',
        items: { type: 'object', properties: { port: keySchema, expression: expressionSchema }, required: ['port', 'expression'], additionalProperties: false },
        minItems: 1,
        maxItems: 10,
      },
    },
    required: ['cases'],
    additionalProperties: false,
  },
  hours: {
    type: 'object',
    properties: {
      /** IANA time zone, e.g. Asia/Shanghai. */
      timeZone: { type: 'string', minLength: 1, maxLength: 60 },
      /** Opening hours per weekday; a day left out (or empty) is closed. */
      week: {
        type: 'object',
        properties: {
          mon: dayRangesSchema, tue: dayRangesSchema, wed: dayRangesSchema, thu: dayRangesSchema,
          fri: dayRangesSchema, sat: dayRangesSchema, sun: dayRangesSchema,
        },
        additionalProperties: false,
      },
      /** Days closed all day (YYYY-MM-DD, in the node's time zone). */
      holidays: { type: 'array', items: { type: 'string', format: 'date' }, uniqueItems: true, maxItems: 366 },
    },
    required: ['timeZone', 'week'],
    additionalProperties: false,
  },
  setVariable: {
    type: 'object',
    properties: { assignments: { type: 'array', items: assignmentSchema, minItems: 1, maxItems: 20 } },
    required: ['assignments'],
    additionalProperties: false,
  },
  lookup: {
    type: 'object',
    properties: {
      /** The entity whose records are searched by the caller's number (through the permission layer, masked). */
      entity: keySchema,
      variable: { ...keySchema, default: 'customer' },
    },
    required: ['entity'],
    additionalProperties: false,
  },
  http: {
    type: 'object',
    properties: {
      method: { enum: ['GET', 'POST'] },
      /** Its host must be on the workspace's approved list (checked at publish time). */
      url: { type: 'string', pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$', maxLength: 2000 },
      /** JSONata producing the JSON body (POST). */
      body: expressionSchema,
      timeoutMs: { type: 'integer', minimum: 100, maximum: 10000 },
      /** Each variable set from JSONata over `response` ({ status, body }). */
      mapping: { type: 'array', items: assignmentSchema, maxItems: 20 },
    },
    required: ['method', 'url', 'timeoutMs', 'mapping'],
    additionalProperties: false,
  },
  queue: {
    type: 'object',
    properties: {
      skillGroup: keySchema,
      maxWaitSec: { type: 'integer', minimum: 5, maximum: 3600 },
      /** Announce the caller's position every so many seconds. */
      announcePositionSec: { type: 'integer', minimum: 10, maximum: 600 },
      /** Audio file id played while waiting. */
      holdMusic: { type: 'string', minLength: 1, maxLength: 200 },
      /** Played once when the caller joins the queue. */
      prompt: promptSchema,
    },
    required: ['skillGroup', 'maxWaitSec'],
    additionalProperties: false,
  },
  transfer: {
    type: 'object',
    properties: {
      target: {
        type: 'object',
        properties: {
          type: { enum: ['agent', 'group', 'external'] },
          /** agent: a user login; group: a skill group key; external: a phone number. */
          ref: { type: 'string', minLength: 1, maxLength: 100 },
        },
        required: ['type', 'ref'],
        additionalProperties: false,
      },
    },
    required: ['target'],
    additionalProperties: false,
  },
  voicemail: {
    type: 'object',
    properties: {
      prompt: promptSchema,
      maxSec: { type: 'integer', minimum: 5, maximum: 300 },
      /** The variable the recording's file id is stored in. */
      variable: keySchema,
    },
    required: ['prompt', 'maxSec'],
    additionalProperties: false,
  },
  survey: {
    type: 'object',
    properties: {
      prompt: promptSchema,
      min: { const: 1 },
      max: { enum: [5, 10] },
      variable: { ...keySchema, default: 'satisfaction' },
    },
    required: ['prompt', 'min', 'max'],
    additionalProperties: false,
  },
  language: {
    type: 'object',
    properties: {
      prompt: promptSchema,
      options: {
        type: 'array',
        items: { type: 'object', properties: { digit: dtmfKeySchema, language: flowLanguageSchema }, required: ['digit', 'language'], additionalProperties: false },
        minItems: 1,
        maxItems: 2,
      },
    },
    required: ['prompt', 'options'],
    additionalProperties: false,
  },
  subflow: {
    type: 'object',
    properties: {
      flow: keySchema,
      /** A published version, or the latest published one when the call reaches this node. */
      version: { anyOf: [{ type: 'integer', minimum: 1 }, { const: 'latest' }] },
    },
    required: ['flow', 'version'],
    additionalProperties: false,
  },
  return: { type: 'object', properties: {}, additionalProperties: false },
  hangup: { type: 'object', properties: { prompt: promptSchema }, additionalProperties: false },
} as const;

export const FLOW_NODE_TYPES = [
  'entry', 'play', 'menu', 'gather', 'condition', 'hours', 'setVariable', 'lookup', 'http',
  'queue', 'transfer', 'voicemail', 'survey', 'language', 'subflow', 'return', 'hangup',
] as const satisfies readonly (keyof typeof flowNodeConfigSchemas)[];

export const flowTransitionSchema = {
  type: 'object',
  properties: { port: flowPortSchema, to: flowNodeIdSchema },
  required: ['port', 'to'],
  additionalProperties: false,
} as const;

function nodeSchema<T extends string, C>(type: T, config: C) {
  return {
    type: 'object',
    properties: {
      id: flowNodeIdSchema,
      /** Shown on the canvas instead of the id. */
      label: { type: 'string', maxLength: 100 },
      type: { const: type },
      position: {
        type: 'object',
        properties: { x: { type: 'number' }, y: { type: 'number' } },
        required: ['x', 'y'],
        additionalProperties: false,
      },
      config,
      next: { type: 'array', items: flowTransitionSchema, maxItems: 20 },
    },
    required: ['id', 'type', 'position', 'config', 'next'],
    additionalProperties: false,
  } as const;
}

const c = flowNodeConfigSchemas;
/**
 * One node; `type` picks the branch (Ajv's discriminator), so a bad setting is reported at its own path
 * (/nodes/3/config/maxDigits) rather than as "matches none of 17 schemas".
 */
export const flowNodeSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    nodeSchema('entry', c.entry), nodeSchema('play', c.play), nodeSchema('menu', c.menu), nodeSchema('gather', c.gather),
    nodeSchema('condition', c.condition), nodeSchema('hours', c.hours), nodeSchema('setVariable', c.setVariable),
    nodeSchema('lookup', c.lookup), nodeSchema('http', c.http), nodeSchema('queue', c.queue), nodeSchema('transfer', c.transfer),
    nodeSchema('voicemail', c.voicemail), nodeSchema('survey', c.survey), nodeSchema('language', c.language),
    nodeSchema('subflow', c.subflow), nodeSchema('return', c.return), nodeSchema('hangup', c.hangup),
  ],
} as const;

export const flowSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/flow.schema.json',
  title: 'Call flow definition',
  description: 'An IVR / call flow: named, typed nodes with their settings, canvas positions and transitions (port -> node).',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'flow' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    /** The languages callers may use; every prompt needs each of them. */
    languages: { type: 'array', items: flowLanguageSchema, minItems: 1, maxItems: 2, uniqueItems: true },
    defaultLanguage: flowLanguageSchema,
    /** The entry node the call starts at. */
    start: flowNodeIdSchema,
    nodes: { type: 'array', items: flowNodeSchema, minItems: 1, maxItems: 300 },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'languages', 'defaultLanguage', 'start', 'nodes'],
  additionalProperties: false,
} as const;
