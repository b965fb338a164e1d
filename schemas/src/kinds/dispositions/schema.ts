import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

/** One outcome an agent tags a call with after it (busy, not interested, callback, deal...). */
export const dispositionOutcomeSchema = {
  type: 'object',
  properties: {
    key: keySchema,
    label: labelSchema,
    /** The agent must write a note with this outcome. */
    requiresNote: { type: 'boolean' },
    /** The agent must give the time of the next contact (a callback plan). */
    asksContactPlan: { type: 'boolean' },
    /**
     * The datetime field of the call's record (its customer) that receives the next contact's time, so the
     * plan shows on the record, not only on the call. Needs `asksContactPlan`.
     */
    setsField: keySchema,
    /** The number is recorded as invalid (an empty or wrong number). */
    marksInvalid: { type: 'boolean' },
  },
  required: ['key', 'label'],
  additionalProperties: false,
} as const;

export const dispositionsSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/dispositions.schema.json',
  title: 'Call dispositions',
  description: 'The outcomes an agent picks from in after-call work; each may require a note, a contact plan, or mark the number invalid.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'dispositions' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    outcomes: { type: 'array', items: dispositionOutcomeSchema, minItems: 1, maxItems: 100 },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'outcomes'],
  additionalProperties: false,
} as const;
