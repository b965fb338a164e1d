import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

const dataScopeSchema = { enum: ['own', 'team', 'all'] } as const;

export const entityPermissionSchema = {
  type: 'object',
  properties: {
    read: { type: 'boolean' },
    create: { type: 'boolean' },
    update: { type: 'boolean' },
    delete: { type: 'boolean' },
    export: { type: 'boolean' },
    unmask: { type: 'boolean' },
    dataScope: dataScopeSchema,
    /** Most records of this entity one person with the role may own (stops hoarding); absent = no cap. */
    cap: { type: 'integer', minimum: 1, maximum: 1000000 },
  },
  additionalProperties: false,
} as const;

export const roleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/role.schema.json',
  title: 'Role definition',
  description: 'What people with this role may do: permissions per entity, data scope, administration rights.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'role' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    dataScope: dataScopeSchema,
    manageDefinitions: { type: 'boolean' },
    manageUsers: { type: 'boolean' },
    restoreRecords: { type: 'boolean' },
    /** Call a number typed by hand (the phone bar's dial pad); without it, people call records only. */
    dialNumbers: { type: 'boolean' },
    entities: {
      type: 'object',
      propertyNames: { anyOf: [keySchema, { const: '*' }] },
      additionalProperties: entityPermissionSchema,
    },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'dataScope', 'entities'],
  additionalProperties: false,
} as const;
