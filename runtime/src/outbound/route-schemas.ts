/** JSON Schemas of the outbound task routes: inputs checked by Ajv, answers (schemas/src/api/outbound.ts) serialised and documented. */
import {
  complianceReportSchema, previewNextSchema, taskCallPopSchema, taskListSchema, taskNumberPageSchema, taskPacingSchema, taskSummarySchema,
} from '@telesales/schemas';
import { errorResponses as errors } from '../http/schemas.js';

const tags = ['outbound'];
const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const taskParams = { type: 'object', properties: { task: key }, required: ['task'] } as const;
const numberParams = { type: 'object', properties: { task: key, id }, required: ['task', 'id'] } as const;

export const listTasksSchema = {
  tags, summary: 'Outbound tasks: an agent sees the tasks whose agents include them; supervisors and admins see all. With live figures',
  querystring: { type: 'object', properties: { view: { enum: ['open', 'closed'], default: 'open' } }, additionalProperties: false },
  response: { 200: taskListSchema, ...errors(401) },
} as const;

export const oneTaskSchema = { tags, summary: 'One outbound task with its live figures', params: taskParams, response: { 200: taskSummarySchema, ...errors(404) } } as const;

export const statusSchema = {
  tags, summary: 'Start or resume (running), pause (paused) or stop (closed, for good) a task: supervisors and admins',
  params: taskParams,
  body: { type: 'object', properties: { status: { enum: ['running', 'paused', 'closed'] } }, required: ['status'], additionalProperties: false },
  response: { 200: taskSummarySchema, ...errors(400, 403, 404, 409) },
} as const;

export const pacingSchema = {
  tags, summary: "Change a task's pacing while it runs (a runtime override of the published settings; null puts one back as published)",
  params: taskParams,
  body: {
    type: 'object',
    properties: Object.fromEntries(Object.entries(taskPacingSchema.properties).map(([k, v]) => [k, { ...v, type: [v.type, 'null'] }])),
    additionalProperties: false, minProperties: 1,
  },
  response: { 200: taskSummarySchema, ...errors(400, 403, 404, 409) },
} as const;

export const joinSchema = {
  tags, summary: "Join (POST) or leave (DELETE) a task: one of the task's agents; while joined and ready, its answered calls come to them",
  params: taskParams,
  response: { 200: taskSummarySchema, ...errors(403, 404, 409) },
} as const;

export const nextSchema = {
  tags, summary: 'Preview mode: the next number due, held for the reader for two minutes (masked like the customer phone)',
  params: taskParams,
  response: { 200: previewNextSchema, ...errors(403, 404, 409) },
} as const;

export const previewActionSchema = {
  tags, summary: 'Preview mode: call the held number (the dialer dials it for this agent at once, compliance checked at the dial) or skip it (offered again in an hour)',
  params: numberParams,
  response: { 204: { type: 'null' }, ...errors(403, 404, 409) },
} as const;

export const mineSchema = {
  tags, summary: 'Numbers I dialled (已拨号码): the numbers of the task whose last call I took, newest first, masked',
  params: taskParams,
  querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, skip: { type: 'integer', minimum: 0, default: 0 } }, additionalProperties: false },
  response: { 200: taskNumberPageSchema, ...errors(403, 404) },
} as const;

export const popSchema = {
  tags, summary: "A task call's screen pop for its agent: the number's list data or its customer's card, the filled script, the offered outcomes",
  params: { type: 'object', properties: { id }, required: ['id'] },
  response: { 200: taskCallPopSchema, ...errors(404) },
} as const;

export const complianceSchema = {
  tags, summary: "A task's compliance report from its dial log and call records: dials outside windows, over a limit, to DNC numbers, redials within 72 h of an abandoned call (each must be 0), with the evidence",
  params: taskParams,
  querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 90, default: 30 } }, additionalProperties: false },
  response: { 200: complianceReportSchema, ...errors(403, 404) },
} as const;
