/** JSON Schemas of the import routes (input checked by Ajv, answers serialised and documented). */
import { errorResponses as errors, localTextJson } from '../http/schemas.js';

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const tags = ['imports'];
const entityParams = { type: 'object', properties: { entity: key }, required: ['entity'] } as const;
const batchParams = { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'] } as const;
const sourceParams = {
  type: 'object', properties: { entity: key, source: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['entity', 'source'],
} as const;
// Column names become keys of the saved mapping's document: BSON cannot hold a NUL byte in a key.
const mapping = {
  type: 'object', additionalProperties: { type: 'string', maxLength: 40 }, maxProperties: 500,
  propertyNames: { maxLength: 200, pattern: '^[^\\u0000]*$' },
  description: 'Column name -> field key; unmapped columns are not imported',
} as const;
const cells = { type: 'array', items: { type: 'string' } } as const;
const author = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

const target = {
  oneOf: [
    {
      type: 'object',
      properties: { type: { const: 'pool' }, pool: { type: 'string', minLength: 1, maxLength: 40, description: 'A pool key, or "auto"' } },
      required: ['type', 'pool'], additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        type: { const: 'agents' }, mode: { const: 'roundRobin' },
        ownerIds: { type: 'array', items: id, minItems: 1, maxItems: 500 },
      },
      required: ['type', 'ownerIds', 'mode'], additionalProperties: false,
    },
  ],
} as const;

export const batchJson = {
  type: 'object',
  properties: {
    id: { type: 'string' }, entity: { type: 'string' }, fileName: { type: 'string' }, source: { type: ['string', 'null'] },
    by: author, at: { type: 'string', format: 'date-time' }, finishedAt: { type: ['string', 'null'], format: 'date-time' },
    status: { enum: ['running', 'done', 'failed', 'interrupted'] },
    target: { type: 'object', additionalProperties: true }, onDuplicate: { enum: ['skip', 'update'] },
    total: { type: 'integer' }, processed: { type: 'integer' }, inserted: { type: 'integer' }, updated: { type: 'integer' },
    rejected: { type: 'integer' }, duplicatesInFile: { type: 'integer' }, duplicatesInDb: { type: 'integer' },
  },
  required: ['id', 'entity', 'fileName', 'status', 'total', 'processed', 'inserted', 'updated', 'rejected'],
} as const;

const fieldJson = {
  type: 'object',
  properties: { key: { type: 'string' }, label: localTextJson, type: { type: 'string' }, required: { type: 'boolean' } },
} as const;

export const uploadSchema = {
  tags, summary: 'Upload a CSV (UTF-8, GB18030 or another text encoding) or XLSX file to import (multipart, field "file")',
  params: entityParams,
  querystring: {
    type: 'object',
    properties: { encoding: { type: 'string', minLength: 1, maxLength: 40, description: 'The CSV\'s text encoding, picked from `encodings` when the guess was uncertain' } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        fileId: { type: 'string' }, name: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string' },
        encodingUncertain: { type: 'boolean', description: 'The encoding was guessed: show the sample and let the person pick from `encodings`' },
        encodings: { type: 'array', items: { type: 'string' }, description: 'Plausible encodings, the one used first (empty when certain)' },
        columns: cells, rows: { type: 'integer' }, sample: { type: 'array', items: cells },
        fields: { type: 'array', items: fieldJson, description: 'Fields this importer may fill' },
        suggested: mapping,
      },
    },
    ...errors(400, 403, 404, 413),
  },
} as const;

export const targetsSchema = {
  tags, summary: 'Where this person may import to: pools they administer, agents in their scope',
  params: entityParams,
  response: {
    200: {
      type: 'object',
      properties: {
        owned: { type: 'boolean' },
        pools: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: localTextJson, mode: { type: 'string' }, system: { type: 'string' }, condition: { type: 'boolean' } } } },
        auto: { type: 'boolean', description: 'May import with pool "auto" (by each pool\'s condition)' },
        agents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } },
      },
    },
    ...errors(403, 404),
  },
} as const;

const savedMapping = {
  type: 'object',
  properties: {
    source: { type: 'string' }, mapping, updatedAt: { type: 'string' },
    shared: { type: 'boolean', description: "The workspace's mapping (saved by people who manage definitions), or the reader's own" },
  },
} as const;

export const mappingListSchema = {
  tags, summary: "Sources with a saved mapping: the reader's own, else the workspace's", params: entityParams,
  response: { 200: { type: 'array', items: savedMapping }, ...errors(403, 404) },
} as const;

export const mappingGetSchema = {
  tags, summary: "The mapping of a source: the reader's own, else the workspace's", params: sourceParams,
  response: { 200: savedMapping, ...errors(403, 404) },
} as const;

export const mappingPutSchema = {
  tags, summary: "Save the mapping of a source: the workspace's for people who manage definitions, else the saver's own", params: sourceParams,
  body: { type: 'object', properties: { mapping }, required: ['mapping'], additionalProperties: false },
  response: { 200: mappingGetSchema.response[200], ...errors(400, 403, 404) },
} as const;

export const previewSchema = {
  tags, summary: 'The first rows as the import would judge them',
  params: entityParams,
  body: { type: 'object', properties: { fileId: id, mapping, source: { type: 'string', maxLength: 100 } }, required: ['fileId', 'mapping'], additionalProperties: true },
  response: {
    200: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              row: { type: 'integer' }, cells,
              issues: { type: 'array', items: { type: 'object', properties: { column: { type: ['string', 'null'] }, field: { type: ['string', 'null'] }, reason: { type: 'string' } } } },
              duplicate: { type: ['object', 'null'], properties: { kind: { type: 'string' }, row: { type: 'integer' }, reason: { type: 'string' } } },
            },
          },
        },
      },
    },
    ...errors(400, 403, 404),
  },
} as const;

export const runSchema = {
  tags, summary: 'Import the file (answers at once; the rows are imported in the background)',
  params: entityParams,
  body: {
    type: 'object',
    properties: {
      fileId: id, mapping, source: { type: 'string', maxLength: 100 }, target,
      onDuplicate: { enum: ['skip', 'update'], default: 'skip' },
    },
    required: ['fileId', 'mapping'],
    additionalProperties: false,
  },
  response: { 202: { type: 'object', properties: { batchId: { type: 'string' } }, required: ['batchId'] }, ...errors(400, 403, 404) },
} as const;

export const batchListSchema = {
  tags, summary: 'Import batches, newest first', params: entityParams,
  response: { 200: { type: 'array', items: batchJson }, ...errors(403, 404) },
} as const;

export const batchSchema = {
  tags, summary: 'One import batch: status and counts (poll it for progress)', params: batchParams,
  response: { 200: batchJson, ...errors(403, 404) },
} as const;

export const resumeSchema = {
  tags, summary: 'Resume an interrupted batch from the chunk it reached', params: batchParams,
  response: { 202: batchJson, ...errors(403, 404, 409) },
} as const;

export const reportSchema = {
  tags, summary: 'Row report of a batch: row, column, field, reason for every rejected row', params: batchParams,
} as const;

/** The first lines of a batch's row report as JSON, for the import page's table (the same lines as the download). */
export const REPORT_ROWS_MAX = 100;
const reportRow = {
  type: 'object',
  properties: { row: { type: 'integer' }, column: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
  required: ['row', 'column', 'field', 'reason'], additionalProperties: false,
} as const;
export const reportRowsJson = {
  type: 'object',
  properties: { rows: { type: 'array', items: reportRow, maxItems: REPORT_ROWS_MAX }, more: { type: 'boolean' } },
  required: ['rows', 'more'], additionalProperties: false,
} as const;

export const reportRowsSchema = {
  tags, summary: `The first ${REPORT_ROWS_MAX} lines of a batch's row report (row, column, field, reason in the reader's language), for the import page`,
  params: batchParams, response: { 200: reportRowsJson, ...errors(403, 404) },
} as const;
