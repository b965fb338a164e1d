/**
 * The filter language clients use to search records: conditions (field, operator, value) combined in
 * and/or groups. It is data, never a database query: the runtime translates it, so no client text can
 * become a MongoDB operator.
 */
export const FILTER_OPERATORS = [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'startsWith', 'between', 'isEmpty', 'isNotEmpty',
] as const;

export const FILTER_MAX_DEPTH = 5;
export const FILTER_MAX_CONDITIONS = 50;

const scalar = { type: ['string', 'number', 'boolean'] } as const;

export const filterSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/filter.schema.json',
  title: 'Record filter',
  $ref: '#/$defs/filter',
  $defs: {
    filter: {
      anyOf: [
        { $ref: '#/$defs/and' },
        { $ref: '#/$defs/or' },
        { $ref: '#/$defs/condition' },
      ],
    },
    and: {
      type: 'object',
      properties: { and: { type: 'array', items: { $ref: '#/$defs/filter' }, minItems: 1, maxItems: 50 } },
      required: ['and'],
      additionalProperties: false,
    },
    or: {
      type: 'object',
      properties: { or: { type: 'array', items: { $ref: '#/$defs/filter' }, minItems: 1, maxItems: 50 } },
      required: ['or'],
      additionalProperties: false,
    },
    condition: {
      type: 'object',
      properties: {
        field: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
        op: { enum: FILTER_OPERATORS },
        value: { anyOf: [scalar, { type: 'array', items: scalar, maxItems: 500 }] },
      },
      required: ['field', 'op'],
      additionalProperties: false,
    },
  },
} as const;
