import type { FromSchema } from 'json-schema-to-ts';
import { localTextJsonSchema } from './local-text.js';
import { recordJsonSchema } from './records.js';

/**
 * The outbound tasks API's answers (runtime/src/outbound/routes*.ts): the tasks with their live figures, a task
 * number as an agent may see it (masked like the customer's phone), the screen pop of a task's call, and the
 * compliance report. The routes serialise with these; the console reads their types.
 */

const time = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const percent = { type: ['number', 'null'], description: 'Percent, one decimal; null when nothing to divide by' } as const;
const bilingual = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'], additionalProperties: false } as const;

export const TASK_STATUS_VALUES = ['planned', 'running', 'paused', 'closed'] as const;

/** The pacing settings a supervisor may change while the task runs (a runtime override of the published ones). */
export const taskPacingSchema = {
  type: 'object',
  properties: {
    maxConcurrent: { type: 'integer', minimum: 1, maximum: 10000 },
    ratio: { type: 'number', minimum: 1, maximum: 5 },
    maxLinesPerAgent: { type: 'number', minimum: 1, maximum: 5 },
    abandonTarget: { type: 'number', minimum: 0, maximum: 10 },
  },
  additionalProperties: false,
} as const;

export const taskFiguresSchema = {
  type: 'object',
  properties: {
    dialLevel: { type: ['number', 'null'] },
    lastReason: {
      type: ['object', 'null'], properties: { zh: { type: 'string' }, en: { type: 'string' }, at: time, ageSec: count },
      required: ['zh', 'en', 'at', 'ageSec'], additionalProperties: false,
      description: "The pacing's reason for its last change of the dial level, and how long ago (the runtime's clock) it was given",
    },
    linesInUse: count,
    agents: { type: 'object', properties: { joined: count, ready: count, talking: count, wrapUp: count }, required: ['joined', 'ready', 'talking', 'wrapUp'], additionalProperties: false },
    today: {
      type: 'object',
      properties: { dialled: count, answered: count, abandoned: count, connected: count, answeredPct: percent, abandonPct: percent },
      required: ['dialled', 'answered', 'abandoned', 'connected', 'answeredPct', 'abandonPct'], additionalProperties: false,
    },
    abandonPct30Days: percent,
    numbers: {
      type: 'object',
      properties: { total: count, left: count, dialled: count, done: count, dnc: count },
      required: ['total', 'left', 'dialled', 'done', 'dnc'], additionalProperties: false,
      description: 'left: fresh or scheduled; dialled: dialled at least once',
    },
    outcomes: { type: 'object', additionalProperties: { type: 'integer' }, description: "Today's carrier outcomes and dispositions, by key" },
  },
  required: ['dialLevel', 'lastReason', 'linesInUse', 'agents', 'today', 'abandonPct30Days', 'numbers', 'outcomes'],
  additionalProperties: false,
} as const;

export const taskSummarySchema = {
  type: 'object',
  properties: {
    key: { type: 'string' }, label: localTextJsonSchema,
    dialMode: { enum: ['preview', 'progressive', 'predictive'] },
    status: { enum: TASK_STATUS_VALUES },
    pausedReason: { type: ['object', 'null'], properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
    startDate: { type: 'string' }, endDate: { type: 'string' },
    joined: { type: 'boolean', description: 'The reader has joined the task' },
    member: { type: 'boolean', description: "The reader is one of the task's agents (may join)" },
    manage: { type: 'boolean', description: 'The reader may start, pause, stop and pace the task' },
    wrapupSec: { type: 'integer' },
    pacing: { ...taskPacingSchema, description: 'The settings in force: the published ones with the live override on top' },
    overridden: { type: 'array', items: { type: 'string' }, description: 'Pacing settings changed live (not as published)' },
    progress: {
      type: 'object', properties: { total: count, left: count }, required: ['total', 'left'], additionalProperties: false,
      description: "The task's numbers: all, and those left to dial (fresh or scheduled)",
    },
    mine: {
      type: 'object',
      properties: { calls: count, talkSec: count },
      required: ['calls', 'talkSec'], additionalProperties: false,
      description: "The reader's own work in the task today (task's day): calls they talked on and their talk time. Members only",
    },
    figures: { ...taskFiguresSchema, description: "The supervisor's live figures (every agent's, the abandon rate, pacing): readers who manage the task only" },
  },
  required: ['key', 'label', 'dialMode', 'status', 'joined', 'member', 'manage', 'wrapupSec', 'pacing', 'overridden', 'progress'],
  additionalProperties: false,
} as const;

export const taskListSchema = {
  type: 'object', properties: { items: { type: 'array', items: taskSummarySchema } }, required: ['items'], additionalProperties: false,
} as const;

/** A task's number as the reader may see it: the phone and each list column masked like the entity's field. */
export const taskNumberJsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, task: { type: 'string' }, phone: { type: 'string' }, masked: { type: 'boolean' },
    values: { type: 'object', additionalProperties: true }, customerId: { type: 'string' }, state: { type: 'string' },
    attempts: { type: 'integer' }, lastAgent: { type: 'string' }, lastDialAt: time,
    entity: { type: 'string', description: "The task's entity, whose fields `fields` names" },
    fields: {
      type: 'object', additionalProperties: { type: 'string' },
      description: "Column -> the task entity's field it fills, for the columns mapped to one: shown with that field's label and display (an option's label, not its key)",
    },
  },
  required: ['id', 'task', 'phone', 'masked', 'values', 'state', 'attempts'],
  additionalProperties: false,
} as const;

export const taskNumberPageSchema = {
  type: 'object', properties: { total: count, items: { type: 'array', items: taskNumberJsonSchema } }, required: ['total', 'items'], additionalProperties: false,
} as const;

/** Preview mode: the next number held for the reader (null when none is due), with its card. */
export const previewNextSchema = {
  type: 'object',
  properties: {
    number: { ...taskNumberJsonSchema, type: ['object', 'null'] },
    customer: { ...recordJsonSchema, type: ['object', 'null'] },
    heldUntil: time,
  },
  required: ['number', 'customer'],
  additionalProperties: false,
} as const;

/** What an agent's console shows for a task's call: the number's list data or its customer's card, and the script. */
export const taskCallPopSchema = {
  type: 'object',
  properties: {
    task: { type: 'object', properties: { key: { type: 'string' }, label: localTextJsonSchema }, required: ['key', 'label'], additionalProperties: false },
    number: taskNumberJsonSchema,
    customer: { ...recordJsonSchema, type: ['object', 'null'] },
    entity: { type: 'string' },
    script: { ...bilingual, description: "The task's script (Markdown) with {{field}}, {{agent}}, {{task}}, {{phone}} filled as this agent may see them" },
    offered: { type: 'array', items: { type: 'string' }, description: 'The disposition keys the task offers (all of its definition when empty)' },
    wrapupSec: { type: 'integer' },
  },
  required: ['task', 'number', 'customer', 'entity', 'script', 'offered', 'wrapupSec'],
  additionalProperties: false,
} as const;

export const COMPLIANCE_CHECKS = ['outsideWindow', 'overLimit', 'doNotCall', 'abandonRedial'] as const;

export const complianceReportSchema = {
  type: 'object',
  properties: {
    task: { type: 'string' },
    from: time, to: time,
    dials: { ...count, description: "Dials in the task's dial log over the period" },
    calls: { ...count, description: 'Call records of the task over the period (one per dial)' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          check: { enum: COMPLIANCE_CHECKS }, count,
          evidence: {
            type: 'array',
            items: {
              type: 'object',
              properties: { callId: { type: 'string' }, at: time, phone: { type: 'string' }, reason: bilingual },
              required: ['callId', 'at', 'phone', 'reason'], additionalProperties: false,
            },
          },
        },
        required: ['check', 'count', 'evidence'], additionalProperties: false,
      },
    },
    unversionedDials: { ...count, description: "Dials logged without their task version (before versions were logged): judged by the current version's rules" },
  },
  required: ['task', 'from', 'to', 'dials', 'calls', 'checks', 'unversionedDials'],
  additionalProperties: false,
} as const;

export type TaskPacingJson = FromSchema<typeof taskPacingSchema>;
export type TaskFiguresJson = FromSchema<typeof taskFiguresSchema>;
export type TaskSummaryJson = FromSchema<typeof taskSummarySchema>;
export type TaskNumberJson = FromSchema<typeof taskNumberJsonSchema>;
export type PreviewNextJson = FromSchema<typeof previewNextSchema>;
export type TaskCallPopJson = FromSchema<typeof taskCallPopSchema>;
export type ComplianceReportJson = FromSchema<typeof complianceReportSchema>;
export type ComplianceCheck = (typeof COMPLIANCE_CHECKS)[number];
