import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';
import { FIELD_TYPES } from '../../field-types.js';

/** Values a field default may take; the semantic checks make sure it fits the field's type. */
const defaultValueSchema = {
  anyOf: [
    { type: 'string' }, { type: 'number' }, { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
  ],
} as const;

export const optionSchema = {
  type: 'object',
  properties: {
    id: uuidSchema,
    value: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_-]{0,59}$' },
    label: labelSchema,
    color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
    retired: { type: 'boolean' },
  },
  required: ['id', 'value', 'label'],
  additionalProperties: false,
} as const;

export const fieldSchema = {
  type: 'object',
  properties: {
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    type: { enum: FIELD_TYPES },
    required: { type: 'boolean' },
    default: defaultValueSchema,
    min: { type: ['number', 'string'] },
    max: { type: ['number', 'string'] },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 1, maximum: 100000 },
    pattern: { type: 'string', minLength: 1, maxLength: 500 },
    patternMessage: localTextSchema,
    help: localTextSchema,
    readOnly: { type: 'boolean' },
    unique: { type: 'boolean' },
    searchable: { type: 'boolean' },
    sortable: { type: 'boolean' },
    showInList: { type: 'boolean' },
    masked: { type: 'boolean' },
    section: keySchema,
    order: { type: 'number' },
    retired: { type: 'boolean' },
    access: {
      type: 'object',
      propertyNames: keySchema,
      additionalProperties: { enum: ['hidden', 'read'] },
    },
    options: { type: 'array', items: optionSchema, maxItems: 500 },
    decimals: { type: 'integer', minimum: 0, maximum: 8 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    defaultCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
    /** Phone fields: also accept numbers that are not valid for their country (extensions, internal lines). */
    lenient: { type: 'boolean' },
    reference: {
      type: 'object',
      properties: { entity: keySchema },
      required: ['entity'],
      additionalProperties: false,
    },
  },
  required: ['id', 'key', 'label', 'type'],
  additionalProperties: false,
} as const;

export const sectionSchema = {
  type: 'object',
  properties: { id: uuidSchema, key: keySchema, label: labelSchema, order: { type: 'number' } },
  required: ['id', 'key', 'label'],
  additionalProperties: false,
} as const;

export const entitySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/entity.schema.json',
  title: 'Entity definition',
  description: 'An object type (customer, lead, opportunity, work order...) and its fields.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'entity' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    titleField: keySchema,
    owned: { type: 'boolean' },
    sections: { type: 'array', items: sectionSchema, maxItems: 50 },
    fields: { type: 'array', items: fieldSchema, maxItems: 300 },
    duplicateKeys: {
      type: 'array',
      maxItems: 10,
      items: { type: 'array', items: keySchema, minItems: 1, maxItems: 5, uniqueItems: true },
    },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'fields'],
  additionalProperties: false,
} as const;
