import type { FromSchema } from 'json-schema-to-ts';

/**
 * The records API's answers, written once as JSON Schemas: the runtime's routes serialise with them (and the OpenAPI
 * description comes from them), and their TypeScript types, derived here, are what the runtime builds and the apps read.
 * `additionalProperties: false` on the objects is what serialisation does anyway (other properties are not sent); it
 * keeps the derived types exact.
 */

export const authorSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'name'],
  additionalProperties: false,
} as const;

const nullableText = { type: ['string', 'null'] } as const;

/** Every action the operation log records: record changes and ownership moves. */
export const LOG_ACTIONS = [
  'create', 'update', 'delete', 'restore', 'claim', 'release', 'transfer', 'assign', 'move', 'recycle', 'distribute',
  'request', 'approve', 'reject', 'merge', 'import',
] as const;

export const ownershipRequestSchema = {
  type: 'object', description: 'A pending lost/invalid request of the owner',
  properties: { type: { enum: ['lost', 'invalid'] }, reason: { type: 'string' }, by: authorSchema, at: { type: 'string', format: 'date-time' } },
  required: ['type', 'reason', 'by', 'at'],
  additionalProperties: false,
} as const;

/** A record as a reader may see it (hidden fields absent, masked values masked). */
export const recordJsonSchema = {
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
    request: ownershipRequestSchema,
  },
  required: ['id', 'entity', 'version', 'ownerId', 'ownerName', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'values', 'masked', 'readOnly'],
  additionalProperties: false,
} as const;

export const recordPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: recordJsonSchema },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
  required: ['items', 'total', 'page', 'pageSize'],
  additionalProperties: false,
} as const;

export const logDetailSchema = {
  type: 'object',
  description: 'Ownership moves: from/to owner (names) and pool (labels), the recycle rule, the reason',
  properties: {
    fromOwner: nullableText, toOwner: nullableText, fromPool: nullableText, toPool: nullableText,
    rule: { type: 'string' }, reason: { type: 'string' }, mergedFrom: { type: 'string' },
    mergedInto: { type: 'string' }, importBatch: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/** GET /api/records/:entity/:id/log: one entry, newest first. */
export const logEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    action: { type: 'string', enum: LOG_ACTIONS },
    at: { type: 'string', format: 'date-time' },
    by: authorSchema,
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, label: { type: 'string' }, before: {}, after: {} },
        required: ['field', 'label'],
        additionalProperties: false,
      },
    },
    detail: logDetailSchema,
  },
  required: ['id', 'action', 'at', 'by', 'changes'],
  additionalProperties: false,
} as const;

export type Author = FromSchema<typeof authorSchema>;
export type RecordJson = FromSchema<typeof recordJsonSchema>;
export type RecordPage = FromSchema<typeof recordPageSchema>;
export type OwnershipRequestJson = FromSchema<typeof ownershipRequestSchema>;
export type LogEntryJson = FromSchema<typeof logEntrySchema>;
export type LogChangeJson = LogEntryJson['changes'][number];
export type LogDetailJson = FromSchema<typeof logDetailSchema>;
/** The log's actions that move ownership (the others change the record's values). */
export type OwnershipAction = Exclude<(typeof LOG_ACTIONS)[number], 'create' | 'update' | 'delete' | 'restore'>;
