import type { FromSchema } from 'json-schema-to-ts';
import type { DefinitionOf } from '../types.js';
import { localTextJsonSchema } from './local-text.js';
import { authorSchema } from './records.js';

/**
 * The definitions API's answers as JSON Schemas (the runtime serialises with them) and their types. A definition
 * itself travels as free JSON (its kind's own schema checks it); the types put the kind's definition type back.
 */

const nullableAuthor = { ...authorSchema, type: ['object', 'null'] } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
const anyDefinition = { type: ['object', 'null'], additionalProperties: true } as const;

/** GET /api/definitions?kind=: one line of the list. */
export const definitionSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, kind: { type: 'string' }, key: { type: 'string' }, label: localTextJsonSchema,
    version: { type: 'integer', description: 'Latest published version; 0 = never published' },
    hasDraft: { type: 'boolean' }, updatedAt: nullableTime,
  },
  required: ['id', 'kind', 'key', 'version', 'hasDraft', 'updatedAt'],
  additionalProperties: false,
} as const;

/** GET /api/definitions/:kind/:key: the published version and the draft of one definition. */
export const definitionHeadSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, kind: { type: 'string' }, key: { type: 'string' }, version: { type: 'integer' },
    published: anyDefinition, draft: anyDefinition,
    publishedAt: nullableTime, publishedBy: nullableAuthor,
    draftUpdatedAt: nullableTime, draftUpdatedBy: nullableAuthor,
  },
  required: ['id', 'kind', 'key', 'version', 'published', 'draft', 'publishedAt', 'publishedBy'],
  additionalProperties: false,
} as const;

/** GET /api/definitions/:kind/:key/versions: one published version, without its definition. */
export const versionSummarySchema = {
  type: 'object',
  properties: {
    version: { type: 'integer' }, message: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' }, publishedBy: nullableAuthor,
  },
  required: ['version', 'message', 'publishedAt', 'publishedBy'],
  additionalProperties: false,
} as const;

/** One difference between two versions; lists (fields, sections, options) are matched by stable id. */
export const definitionChangeSchema = {
  type: 'object',
  properties: {
    change: { enum: ['added', 'removed', 'changed'] },
    path: { type: 'string' },
    target: { enum: ['definition', 'field', 'option', 'section', 'property'] },
    id: { type: 'string' },
    label: { ...localTextJsonSchema, description: 'The label of the field, section or option the change is about' },
    before: {},
    after: {},
  },
  required: ['change', 'path', 'target'],
  additionalProperties: false,
} as const;

export type DefinitionSummary = FromSchema<typeof definitionSummarySchema>;
export type VersionSummary = FromSchema<typeof versionSummarySchema>;
export type DefinitionChange = FromSchema<typeof definitionChangeSchema>;
export type DefinitionHeadJson<K extends keyof DefinitionOf = keyof DefinitionOf> =
  Omit<FromSchema<typeof definitionHeadSchema>, 'kind' | 'published' | 'draft'>
  & { kind: K; published: DefinitionOf[K] | null; draft: DefinitionOf[K] | null };
