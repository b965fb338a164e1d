import { keySchema, labelSchema, uuidSchema } from '@telesales/schemas';

/** A throwaway kind for the registry test: a named list of things to check, each with a key and a label. */
export const checklistSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/checklist.schema.json',
  title: 'Checklist',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'checklist' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'object', properties: { key: keySchema, label: labelSchema }, required: ['key', 'label'], additionalProperties: false },
    },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'items'],
  additionalProperties: false,
} as const;
