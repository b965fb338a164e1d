import type { FromSchema } from 'json-schema-to-ts';
import { LOCALES } from '../common.schema.js';
import { localTextJsonSchema } from './local-text.js';

/** The answers of /api/users and /api/teams as JSON Schemas (the runtime serialises with them) and their types. */

/** GET /api/users: what any signed-in person may know of a colleague (no password data). */
export const publicUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
    teamId: { type: ['string', 'null'] }, locale: { type: 'string', enum: LOCALES }, disabled: { type: 'boolean' },
  },
  required: ['id', 'login', 'name', 'role', 'teamId', 'locale', 'disabled'],
  additionalProperties: false,
} as const;

/** GET /api/teams: a tree through parentId. */
export const teamJsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, key: { type: 'string' }, name: localTextJsonSchema, parentId: { type: ['string', 'null'] },
  },
  required: ['id', 'key', 'name', 'parentId'],
  additionalProperties: false,
} as const;

export type PublicUser = FromSchema<typeof publicUserSchema>;
export type TeamJson = FromSchema<typeof teamJsonSchema>;
