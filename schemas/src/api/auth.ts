import type { FromSchema } from 'json-schema-to-ts';
import { LOCALES } from '../common.schema.js';
import { localTextJsonSchema } from './local-text.js';

/** The answers of /api/auth (sign-in, me) as JSON Schemas (the runtime serialises with them) and their types. */

export const sessionUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' },
    role: { type: 'string', description: 'Role key' },
    teamId: { type: ['string', 'null'] }, locale: { type: 'string', enum: LOCALES },
  },
  required: ['id', 'login', 'name', 'role', 'teamId', 'locale'],
  additionalProperties: false,
} as const;

/** What the signed-in person may do with one entity (the role's cap on owned records is not sent). */
export const meEntityPermissionSchema = {
  type: 'object',
  properties: {
    read: { type: 'boolean' }, create: { type: 'boolean' }, update: { type: 'boolean' }, delete: { type: 'boolean' },
    export: { type: 'boolean' }, unmask: { type: 'boolean' }, dataScope: { type: 'string', enum: ['own', 'team', 'all'] },
  },
  required: ['read', 'create', 'update', 'delete', 'export', 'unmask', 'dataScope'],
  additionalProperties: false,
} as const;

export const mePermissionsSchema = {
  type: 'object',
  properties: {
    manageDefinitions: { type: 'boolean' }, manageUsers: { type: 'boolean' }, restoreRecords: { type: 'boolean' },
    dialNumbers: { type: 'boolean', description: 'May call a number typed by hand (POST /api/calls/dial-number): the console shows the dial pad' },
    monitor: { type: 'boolean', description: 'May open live monitoring (the wallboard) and listen in on team calls: supervisors and admins' },
    entities: { type: 'object', additionalProperties: meEntityPermissionSchema },
  },
  required: ['manageDefinitions', 'manageUsers', 'restoreRecords', 'dialNumbers', 'entities'],
  additionalProperties: false,
} as const;

/** GET /api/auth/me and POST /api/auth/login. */
export const meSchema = {
  type: 'object',
  properties: {
    user: sessionUserSchema,
    roleLabel: { ...localTextJsonSchema, description: "The role's name from its published definition; absent for an unknown role" },
    csrfToken: { type: 'string' },
    permissions: mePermissionsSchema,
  },
  required: ['user', 'csrfToken', 'permissions'],
  additionalProperties: false,
} as const;

export type SessionUser = FromSchema<typeof sessionUserSchema>;
export type MeEntityPermission = FromSchema<typeof meEntityPermissionSchema>;
export type MePermissions = FromSchema<typeof mePermissionsSchema>;
export type Me = FromSchema<typeof meSchema>;
