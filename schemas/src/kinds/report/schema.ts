import { keySchema, labelSchema, uuidSchema } from '../../common.schema.js';

/** What a report counts: an entity's records, the call records, the dial log, the operation log's moves, agent-state intervals. */
export const REPORT_SOURCE_PATTERN = '^(?:records:[a-z][a-z0-9_]{0,39}|calls|dials|moves|agentStates)$';
export const RELATIVE_RANGES = ['today', 'yesterday', 'thisWeek', 'lastWeek', 'last7Days', 'last30Days', 'thisMonth', 'lastMonth', 'custom'] as const;
export const DATE_BUCKETS = ['hour', 'day', 'week', 'month'] as const;
/** Dimensions the platform knows besides a source's own fields (each source maps them to its documents: sources.ts). */
export const BUILT_IN_DIMENSIONS = ['owner', 'team', 'pool', 'task', 'disposition'] as const;
export const MEASURE_OPS = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max', 'shareOfTotal', 'ratio', 'metric'] as const;
export const VISUALS = ['table', 'pivot', 'bar', 'line', 'area', 'pie', 'funnel', 'kpi', 'gauge'] as const;

const idSchema = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,39}$' } as const;
const fieldKeySchema = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' } as const;

/** The period counted, read in the workspace's time zone (TIME_ZONE); `custom` takes local dates from and to (inclusive). */
export const reportDateRangeSchema = {
  type: 'object',
  properties: {
    /** The date field the range applies to; the source's own when absent (calls: ringAt, records: createdAt). */
    field: fieldKeySchema,
    range: { enum: RELATIVE_RANGES },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
  },
  required: ['range'],
  additionalProperties: false,
} as const;

/** One grouping of the rows: a field's values, a built-in dimension, or a date field cut into buckets. */
export const reportDimensionSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    label: labelSchema,
    by: { enum: ['field', 'date', ...BUILT_IN_DIMENSIONS] },
    /** `field`: the field grouped by; `date`: the date field bucketed (the range's field when absent). */
    field: fieldKeySchema,
    bucket: { enum: DATE_BUCKETS },
  },
  required: ['id', 'by'],
  additionalProperties: false,
} as const;

/**
 * One figure per row: an aggregate of a field, a share of another measure's total, the ratio of two measures, or a
 * metric of the catalogue (schemas/src/metrics/) by id with its parameters.
 */
export const reportMeasureSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    label: labelSchema,
    op: { enum: MEASURE_OPS },
    field: fieldKeySchema,
    /** shareOfTotal: the measure whose total the row's value is a share of. */
    of: idSchema,
    numerator: idSchema,
    denominator: idSchema,
    metric: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' },
    /** The metric's parameters (service level's seconds, the field and values that mean "won"...). */
    params: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: ['string', 'number'] }, { type: 'array', items: { type: 'string' }, maxItems: 50 }] },
      maxProperties: 10,
    },
  },
  required: ['id', 'op'],
  additionalProperties: false,
} as const;

export const reportSortSchema = {
  type: 'object',
  properties: { by: idSchema, dir: { enum: ['asc', 'desc'] } },
  required: ['by'],
  additionalProperties: false,
} as const;

/** How the rows are drawn; options the chart kinds share (the designer adds its own as it grows). */
export const reportVisualSchema = {
  type: 'object',
  properties: {
    type: { enum: VISUALS },
    options: {
      type: 'object',
      properties: {
        /** pivot: the dimension spread across the columns. */
        columns: idSchema,
        stacked: { type: 'boolean' },
        horizontal: { type: 'boolean' },
        showValues: { type: 'boolean' },
        /** gauge: the scale's end; kpi/gauge: the target line. */
        max: { type: 'number' },
        target: { type: 'number' },
        /** kpi: show the change against the previous period. */
        trend: { type: 'boolean' },
        format: { enum: ['number', 'percent', 'duration', 'money'] },
      },
      additionalProperties: false,
    },
  },
  required: ['type'],
  additionalProperties: false,
} as const;

export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/report.schema.json',
  title: 'Report',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'report' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    source: { type: 'string', pattern: REPORT_SOURCE_PATTERN },
    /** The filter language of the records list (schemas/src/filter.ts), over the source's fields. */
    filter: { type: 'object' },
    dateRange: reportDateRangeSchema,
    dimensions: { type: 'array', items: reportDimensionSchema, maxItems: 3 },
    measures: { type: 'array', items: reportMeasureSchema, minItems: 1, maxItems: 20 },
    sort: { type: 'array', items: reportSortSchema, maxItems: 4 },
    /** Most rows answered (after the sort). */
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    /** Also compute every measure over the period just before the range (same length). */
    compare: { type: 'boolean' },
    visual: reportVisualSchema,
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'source', 'measures', 'visual'],
  additionalProperties: false,
} as const;
