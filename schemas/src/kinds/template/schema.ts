import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

const relativePath = { type: 'string', pattern: '^[A-Za-z0-9_\\-./]+\\.json$', not: { pattern: '\\.\\.' } } as const;

export const templateSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/template.schema.json',
  title: 'Template manifest',
  description: 'An industry pack: the definitions it installs, its teams, demo users, skill groups and demo data.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'template' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    label: labelSchema,
    description: localTextSchema,
    definitions: { type: 'array', items: relativePath, minItems: 1 },
    teams: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: uuidSchema,
          key: keySchema,
          name: labelSchema,
          parent: { anyOf: [keySchema, { type: 'null' }] },
        },
        required: ['id', 'key', 'name'],
        additionalProperties: false,
      },
    },
    users: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: uuidSchema,
          login: { type: 'string', pattern: '^[a-z][a-z0-9_.-]{1,39}$' },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          password: { type: 'string', minLength: 6, maxLength: 200 },
          role: keySchema,
          team: { anyOf: [keySchema, { type: 'null' }] },
          locale: { enum: ['zh', 'en'] },
        },
        required: ['id', 'login', 'name', 'password', 'role'],
        additionalProperties: false,
      },
    },
    /** Skill groups flows queue callers to; members by login (the template's users or existing ones). */
    skillGroups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: uuidSchema,
          key: keySchema,
          name: labelSchema,
          members: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_.-]{1,39}$' }, uniqueItems: true, maxItems: 1000 },
        },
        required: ['id', 'key', 'name'],
        additionalProperties: false,
      },
      maxItems: 200,
    },
    demoData: {
      type: 'array',
      items: {
        type: 'object',
        properties: { entity: keySchema, file: relativePath },
        required: ['entity', 'file'],
        additionalProperties: false,
      },
    },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'version', 'label', 'definitions'],
  additionalProperties: false,
} as const;
