import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

/** Who a pool rule names: one person (user id), everyone in a team (and below), or everyone with a role. */
const principalSchema = {
  type: 'object',
  properties: {
    type: { enum: ['user', 'team', 'role'] },
    ref: { type: 'string', minLength: 1, maxLength: 100 },
  },
  required: ['type', 'ref'],
  additionalProperties: false,
} as const;

const durationSchema = {
  type: 'object',
  properties: {
    value: { type: 'integer', minimum: 1, maximum: 100000 },
    unit: { enum: ['hours', 'days'] },
  },
  required: ['value', 'unit'],
  additionalProperties: false,
} as const;

export const recycleRuleSchema = {
  type: 'object',
  properties: {
    id: uuidSchema,
    /** noFollowUp: not followed up within `after`; noDeal: no deal within `after` since it was taken. */
    when: { enum: ['noFollowUp', 'noDeal'] },
    after: durationSchema,
    /** The pool it goes back to; this pool when absent. */
    toPool: keySchema,
    /** noDeal: the values of a field that mean a deal was made (e.g. status = won); required for noDeal. */
    dealWhen: {
      type: 'object',
      properties: {
        field: keySchema,
        values: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, minItems: 1, maxItems: 50 },
      },
      required: ['field', 'values'],
      additionalProperties: false,
    },
    /** Status the record is reset to ("pending follow-up" by default, as the domain says). */
    resetStatus: {
      type: 'object',
      properties: { field: keySchema, value: { type: 'string', minLength: 1, maxLength: 60 } },
      required: ['field', 'value'],
      additionalProperties: false,
    },
  },
  required: ['id', 'when', 'after'],
  additionalProperties: false,
} as const;

export const poolSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/pool.schema.json',
  title: 'Pool definition',
  description: 'A public pool (公海): which records it holds, who may take from it, how it hands them out and takes them back.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'pool' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    /** The owned entity whose records live in this pool. */
    entity: keySchema,
    /** The pools every workspace has: default (manual claim), lost and invalid (approved claims land there). */
    system: { enum: ['default', 'lost', 'invalid'] },
    members: { type: 'array', items: principalSchema, maxItems: 500 },
    admins: { type: 'array', items: principalSchema, maxItems: 100 },
    mode: { enum: ['manual', 'auto'] },
    /** Reward and penalty tickets apply to automatic distribution from this pool. */
    tickets: { type: 'boolean' },
    /** Most records one agent may own from this pool (the workspace-wide cap applies too). */
    cap: { type: 'integer', minimum: 1, maximum: 1000000 },
    recycle: { type: 'array', items: recycleRuleSchema, maxItems: 20 },
    /** JSONata over a new record (`values`, `source`...): true when the record lands in this pool. */
    condition: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'entity', 'mode'],
  additionalProperties: false,
} as const;
