import type { FromSchema } from 'json-schema-to-ts';
import { localTextJsonSchema } from './local-text.js';

/**
 * Live monitoring (runtime/src/monitoring): the wallboard of a supervisor's team tree, and a supervisor's leg on a
 * live call (listen, whisper, barge). Numbers are masked per reader exactly as in the calls API.
 */

const time = { type: 'string', format: 'date-time' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** One stretch of a supervisor on a call in one mode (a change of mode ends it and opens the next). */
export const callMonitorSchema = {
  type: 'object',
  properties: {
    supervisorId: { type: 'string' }, supervisorName: nullableText, mode: { enum: MONITOR_MODES },
    from: time, to: time,
  },
  required: ['supervisorId', 'supervisorName', 'mode', 'from'],
  additionalProperties: false,
} as const;

const wallboardCallSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, direction: { enum: ['in', 'out'] }, status: { type: 'string' },
    customer: { type: 'string', description: 'The outside number as this viewer may see it (masked for roles without unmask)' },
    answerAt: time, durationSec: { type: 'integer' },
    monitoredBy: { type: 'array', items: { type: 'object', properties: { supervisorId: { type: 'string' }, mode: { enum: MONITOR_MODES } }, required: ['supervisorId', 'mode'], additionalProperties: false } },
  },
  required: ['id', 'direction', 'status', 'customer', 'durationSec', 'monitoredBy'],
  additionalProperties: false,
} as const;

export const wallboardAgentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' },
    state: nullableText, stateLabel: { ...localTextJsonSchema, type: ['object', 'null'] },
    kind: { enum: ['ready', 'busy', 'wrapup', 'break', null], description: 'null: signed out of the phone (no state)' },
    since: { type: ['string', 'null'], format: 'date-time' }, inStateSec: { type: 'integer' },
    call: { ...wallboardCallSchema, type: ['object', 'null'] },
  },
  required: ['id', 'name', 'state', 'stateLabel', 'kind', 'since', 'inStateSec', 'call'],
  additionalProperties: false,
} as const;

export const wallboardQueueSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' }, name: localTextJsonSchema,
    waiting: { type: 'integer' }, longestWaitSec: { type: 'integer' },
    serviceLevel: {
      type: 'object',
      properties: { thresholdSec: { type: 'integer' }, answeredWithin: { type: 'integer' }, offered: { type: 'integer' }, pct: nullableNumber },
      required: ['thresholdSec', 'answeredWithin', 'offered', 'pct'],
      additionalProperties: false,
    },
  },
  required: ['key', 'name', 'waiting', 'longestWaitSec', 'serviceLevel'],
  additionalProperties: false,
} as const;

export const wallboardTaskSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' }, label: localTextJsonSchema, dialMode: { type: 'string' },
    dialLevel: nullableNumber, reason: { ...localTextJsonSchema, type: ['object', 'null'] },
    linesInUse: { type: 'integer' }, abandonPctToday: nullableNumber, answeredToday: { type: 'integer' }, abandonedToday: { type: 'integer' },
  },
  required: ['key', 'label', 'dialMode', 'dialLevel', 'reason', 'linesInUse', 'abandonPctToday', 'answeredToday', 'abandonedToday'],
  additionalProperties: false,
} as const;

/** GET /api/monitoring/wallboard, and each `wallboard` frame of GET /api/monitoring/wallboard/events. */
export const wallboardSchema = {
  type: 'object',
  properties: {
    at: time,
    agents: { type: 'array', items: wallboardAgentSchema },
    queues: { type: 'array', items: wallboardQueueSchema },
    tasks: { type: 'array', items: wallboardTaskSchema },
  },
  required: ['at', 'agents', 'queues', 'tasks'],
  additionalProperties: false,
} as const;

export type CallMonitorJson = FromSchema<typeof callMonitorSchema>;
export type WallboardJson = FromSchema<typeof wallboardSchema>;
export type WallboardAgentJson = FromSchema<typeof wallboardAgentSchema>;
export type WallboardQueueJson = FromSchema<typeof wallboardQueueSchema>;
export type WallboardTaskJson = FromSchema<typeof wallboardTaskSchema>;
