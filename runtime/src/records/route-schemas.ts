/** JSON Schemas of the records routes: Ajv checks the input with them and the OpenAPI description comes from them. */
import { errorResponses } from '../http/schemas.js';

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;

/** The shared error body; `current` (version_conflict) passes through its additionalProperties. */
const errors = errorResponses;

const author = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

const nullableText = { type: ['string', 'null'] } as const;

/** Every action the operation log records: record changes and ownership moves. */
export const LOG_ACTIONS = [
  'create', 'update', 'delete', 'restore', 'claim', 'release', 'transfer', 'assign', 'move', 'recycle', 'distribute',
  'request', 'approve', 'reject', 'merge', 'import',
] as const;

export const recordResponse = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    version: { type: 'integer' },
    ownerId: { type: ['string', 'null'] },
    ownerName: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
    deletedAt: { type: 'string', format: 'date-time' },
    deletedBy: { type: 'string' },
    values: { type: 'object', additionalProperties: true, description: 'Visible fields; masked ones masked' },
    masked: { type: 'array', items: { type: 'string' }, description: 'Fields shown masked to this reader' },
    readOnly: { type: 'array', items: { type: 'string' }, description: 'Fields this reader may not change' },
    pool: { type: 'string', description: 'Owned entities: the pool the record waits in (absent when owned)' },
    request: {
      type: 'object', description: 'A pending lost/invalid request of the owner',
      properties: { type: { enum: ['lost', 'invalid'] }, reason: { type: 'string' }, by: author, at: { type: 'string', format: 'date-time' } },
    },
  },
  required: ['id', 'entity', 'version', 'ownerId', 'createdAt', 'updatedAt', 'values', 'masked', 'readOnly'],
} as const;

const pageResponse = {
  type: 'object',
  properties: {
    items: { type: 'array', items: recordResponse },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
  required: ['items', 'total', 'page', 'pageSize'],
} as const;

const paging = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
  sort: { type: 'string', maxLength: 60, description: '`field` or `-field` (sortable / list fields, createdAt, updatedAt)' },
  q: { type: 'string', maxLength: 200, description: 'Quick search over searchable fields' },
  deleted: { type: 'boolean', default: false, description: 'List deleted records instead (restoreRecords only)' },
} as const;

const entityParams = { type: 'object', properties: { entity: key }, required: ['entity'] } as const;
const recordParams = { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'] } as const;
const tags = ['records'];

export const listSchema = {
  tags, summary: 'List records (paged, sorted, searched, filtered)',
  params: entityParams,
  querystring: {
    type: 'object',
    properties: { ...paging, filter: { type: 'string', maxLength: 20000, description: 'A filter (JSON) in the filter language' } },
    additionalProperties: false,
  },
  response: { 200: pageResponse, ...errors(400, 403, 404) },
} as const;

export const querySchema = {
  tags, summary: 'Search records with a filter in the body',
  params: entityParams,
  body: {
    type: 'object',
    properties: { ...paging, filter: { type: 'object', description: 'Filter language: and / or / condition' } },
    additionalProperties: false,
  },
  response: { 200: pageResponse, ...errors(400, 403, 404) },
} as const;

export const createSchema = {
  tags, summary: 'Create a record',
  params: entityParams,
  body: {
    type: 'object',
    properties: { values: { type: 'object', additionalProperties: true }, ownerId: id },
    required: ['values'],
    additionalProperties: false,
  },
  response: { 201: recordResponse, ...errors(400, 403, 404, 409) },
} as const;

export const readSchema = {
  tags, summary: 'Read a record', params: recordParams,
  response: { 200: recordResponse, ...errors(403, 404) },
} as const;

export const updateSchema = {
  tags, summary: 'Change some values of a record (optimistic concurrency on version)',
  params: recordParams,
  body: {
    type: 'object',
    properties: {
      version: { type: 'integer', minimum: 1, description: 'The version the client edited' },
      values: { type: 'object', additionalProperties: true, description: 'Changed values; null clears one' },
    },
    required: ['version', 'values'],
    additionalProperties: false,
  },
  response: { 200: recordResponse, ...errors(400, 403, 404, 409) },
} as const;

export const deleteSchema = {
  tags, summary: 'Delete a record (soft: restorable)',
  params: recordParams,
  querystring: {
    type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, required: ['version'], additionalProperties: false,
  },
  response: { 204: { type: 'null', description: 'Deleted' }, ...errors(400, 403, 404, 409) },
} as const;

export const restoreSchema = {
  tags, summary: 'Restore a deleted record (restoreRecords)', params: recordParams,
  response: { 200: recordResponse, ...errors(403, 404, 409) },
} as const;

export const logSchema = {
  tags, summary: 'Operation log of a record, newest first', params: recordParams,
  response: {
    200: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          action: { type: 'string', enum: LOG_ACTIONS },
          at: { type: 'string', format: 'date-time' },
          by: author,
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: { field: { type: 'string' }, label: { type: 'string' }, before: {}, after: {} },
            },
          },
          detail: {
            type: 'object',
            description: 'Ownership moves: from/to owner (names) and pool (labels), the recycle rule, the reason',
            properties: {
              fromOwner: nullableText, toOwner: nullableText, fromPool: nullableText, toPool: nullableText,
              rule: { type: 'string' }, reason: { type: 'string' }, mergedFrom: { type: 'string' },
              mergedInto: { type: 'string' }, importBatch: { type: 'string' },
            },
          },
        },
      },
    },
    ...errors(403, 404),
  },
} as const;
