/** JSON Schemas of the saved-filter routes (input checks and the OpenAPI description). */
import { errorResponses } from '../http/schemas.js';

const entityKey = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const tags = ['saved filters'];

const savedFilter = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    name: { type: 'string' },
    filter: { type: ['object', 'null'], additionalProperties: true },
    q: { type: ['string', 'null'] },
    sort: { type: ['string', 'null'] },
  },
  required: ['id', 'entity', 'name', 'filter', 'q', 'sort'],
} as const;

export const listSchema = {
  tags, summary: 'My saved quick filters (optionally for one entity)',
  querystring: { type: 'object', properties: { entity: entityKey }, additionalProperties: false },
  response: { 200: { type: 'array', items: savedFilter }, ...errorResponses(400) },
} as const;

export const createSchema = {
  tags, summary: 'Save a quick filter for myself',
  body: {
    type: 'object',
    properties: {
      entity: entityKey,
      name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
      filter: { type: 'object', description: 'Filter language: and / or / condition' },
      q: { type: 'string', maxLength: 200 },
      sort: { type: 'string', maxLength: 60 },
    },
    required: ['entity', 'name'],
    additionalProperties: false,
  },
  response: { 201: savedFilter, ...errorResponses(400, 403, 404, 409) },
} as const;

export const deleteSchema = {
  tags, summary: 'Delete one of my saved filters',
  params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] },
  response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(404) },
} as const;
