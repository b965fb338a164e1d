/** JSON Schemas of the number list and do-not-call routes (input checked by Ajv, answers serialised and documented). */
import { errorResponses as errors, localTextJson } from '../http/schemas.js';
import { batchJson, reportRowsJson, REPORT_ROWS_MAX } from '../imports/route-schemas.js';

const tags = ['outbound'];
const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const cells = { type: 'array', items: { type: 'string' } } as const;
const taskParams = { type: 'object', properties: { task: key }, required: ['task'] } as const;
const taskBatchParams = { type: 'object', properties: { task: key, id }, required: ['task', 'id'] } as const;
const batchParams = { type: 'object', properties: { id }, required: ['id'] } as const;
const numberParams = { type: 'object', properties: { task: key, id }, required: ['task', 'id'] } as const;
// Column names become keys of the batch document: BSON cannot hold a NUL byte in a key.
const mapping = {
  type: 'object', additionalProperties: { type: 'string', maxLength: 100 }, maxProperties: 200,
  propertyNames: { maxLength: 200, pattern: '^[^\\u0000]*$' },
  description: "File column -> list column (the task's number column or one of its columns); unmapped columns are not imported",
} as const;
const listColumn = {
  type: 'object', properties: { column: { type: 'string' }, field: { type: ['string', 'null'] }, phone: { type: 'boolean' } },
} as const;

const listField = {
  type: 'object',
  properties: {
    key: { type: 'string' }, label: localTextJson, type: { type: 'string' }, required: { type: 'boolean' },
  },
} as const;

/** The routes of one list (a task's numbers or the DNC list), with the params of its path. */
export function listSchemas(kind: 'task' | 'dnc') {
  const params = kind === 'task' ? taskParams : undefined;
  const byId = kind === 'task' ? taskBatchParams : batchParams;
  const what = kind === 'task' ? "an outbound task's number list" : 'the do-not-call list';
  return {
    upload: {
      tags, summary: `Upload a CSV or XLSX file of ${what} (multipart, field "file"; managers of definitions)`,
      ...(params ? { params } : {}),
      querystring: { type: 'object', properties: { encoding: { type: 'string', minLength: 1, maxLength: 40 } }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: {
            fileId: { type: 'string' }, name: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string' },
            encodingUncertain: { type: 'boolean' }, encodings: { type: 'array', items: { type: 'string' } },
            columns: cells, rows: { type: 'integer' }, sample: { type: 'array', items: cells },
            listColumns: { type: 'array', items: listColumn },
            fields: { type: 'array', items: listField, description: 'The list columns as the records upload names its fields (key = list column)' },
            suggested: mapping,
          },
        },
        ...errors(400, 403, 404, 409, 413),
      },
    },
    preview: {
      tags, summary: `The first rows of ${what} as the import would judge them`,
      ...(params ? { params } : {}),
      body: { type: 'object', properties: { fileId: id, mapping }, required: ['fileId', 'mapping'], additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            rows: {
              type: 'array',
              items: { type: 'object', properties: { row: { type: 'integer' }, cells, issues: { type: 'array', items: { type: 'object', properties: { column: { type: ['string', 'null'] }, reason: { type: 'string' } } } } } },
            },
          },
        },
        ...errors(400, 403, 404, 409),
      },
    },
    run: {
      tags, summary: `Import ${what} (answers at once; poll the batch)`,
      ...(params ? { params } : {}),
      body: {
        type: 'object',
        properties: {
          fileId: id, mapping, source: { type: 'string', maxLength: 100 },
          matchCustomers: { type: 'boolean', description: 'Link each number to the existing record with that phone (within the importer\'s scope)' },
        },
        required: ['fileId', 'mapping'], additionalProperties: false,
      },
      response: { 202: { type: 'object', properties: { batchId: { type: 'string' } }, required: ['batchId'] }, ...errors(400, 403, 404, 409) },
    },
    batches: { tags, summary: `Imports of ${what}, newest first`, ...(params ? { params } : {}), response: { 200: { type: 'array', items: batchJson }, ...errors(403, 404) } },
    batch: { tags, summary: `One import of ${what}: status and counts`, params: byId, response: { 200: batchJson, ...errors(403, 404) } },
    report: { tags, summary: `Row report of an import of ${what}: row, column, list column, reason`, params: byId },
    reportRows: {
      tags, summary: `The first ${REPORT_ROWS_MAX} lines of the row report of an import of ${what}, for the import page`,
      params: byId, response: { 200: reportRowsJson, ...errors(403, 404) },
    },
  };
}

const dncEntry = {
  type: 'object',
  properties: {
    phone: { type: 'string', description: 'E.164, masked for readers who may not unmask' }, masked: { type: 'boolean' },
    reason: { enum: ['imported', 'requested', 'manual'] }, at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, task: { type: 'string' },
  },
} as const;
const phoneBody = { type: 'object', properties: { phone: { type: 'string', minLength: 1, maxLength: 40 } }, required: ['phone'], additionalProperties: false } as const;

export const dncListSchema = {
  tags, summary: 'The do-not-call list, newest first (numbers masked unless the reader may unmask)',
  querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, before: { type: 'string', format: 'date-time' } }, additionalProperties: false },
  response: { 200: { type: 'object', properties: { items: { type: 'array', items: dncEntry } } }, ...errors(403) },
} as const;

export const dncAddSchema = {
  tags, summary: 'Put a number on the do-not-call list (managers of definitions); marks it dnc in every task not done with it',
  body: phoneBody,
  response: { 201: { type: 'object', properties: { phone: { type: 'string' }, added: { type: 'boolean' }, marked: { type: 'integer' } } }, ...errors(400, 403, 409) },
} as const;

export const dncRemoveSchema = {
  tags, summary: 'Take a number off the do-not-call list (managers of definitions)',
  body: phoneBody,
  response: { 204: { type: 'null' }, ...errors(400, 403, 404) },
} as const;

const numberJson = {
  type: 'object',
  properties: {
    id: { type: 'string' }, task: { type: 'string' }, phone: { type: 'string' }, masked: { type: 'boolean' },
    values: { type: 'object', additionalProperties: true }, customerId: { type: 'string' }, state: { type: 'string' },
    attempts: { type: 'integer' }, lastAgent: { type: 'string' }, lastDialAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const numbersListSchema = {
  tags, summary: "A task's numbers (managers of definitions), as the reader may see them", params: taskParams,
  querystring: {
    type: 'object',
    properties: { state: { enum: ['fresh', 'scheduled', 'dialling', 'done', 'dnc'] }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, skip: { type: 'integer', minimum: 0, default: 0 } },
    additionalProperties: false,
  },
  response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: numberJson } } }, ...errors(403, 404) },
} as const;

export const numberSchema = {
  tags, summary: 'One number of a task (its last agent or a manager), masked like the customer phone', params: numberParams,
  response: { 200: numberJson, ...errors(403, 404) },
} as const;

export const convertSchema = {
  tags, summary: "Convert a number into a record of the task's entity (the agent of its call): list values mapped by the task, owner = the agent, caps hold",
  params: numberParams,
  body: { type: 'object', properties: { values: { type: 'object', additionalProperties: true, maxProperties: 200 } }, additionalProperties: false },
  response: { 201: { type: 'object', additionalProperties: true }, ...errors(400, 403, 404, 409) },
} as const;

export const requestDncSchema = {
  tags, summary: 'The callee asked not to be called again (the agent of the call): on the DNC list, out of every task',
  params: numberParams,
  response: { 200: { type: 'object', properties: { added: { type: 'boolean' }, marked: { type: 'integer' } } }, ...errors(403, 404) },
} as const;
