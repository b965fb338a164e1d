/** JSON Schemas of the records routes: Ajv checks the input with them and the OpenAPI description comes from them. */
import { logEntrySchema, recordJsonSchema, recordPageSchema } from '@telesales/schemas';
import { errorResponses } from '../http/schemas.js';

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;

/** The shared error body; `current` (version_conflict) passes through its additionalProperties. */
const errors = errorResponses;

/** A record as a reader may see it, and a page of them: shared with the apps (schemas/src/api/records.ts). */
export const recordResponse = recordJsonSchema;
const pageResponse = recordPageSchema;

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
    200: { type: 'array', items: logEntrySchema },
    ...errors(403, 404),
  },
} as const;
