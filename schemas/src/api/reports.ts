import type { FromSchema } from 'json-schema-to-ts';
import { RELATIVE_RANGES } from '../kinds/report/schema.js';

/**
 * The reports API (runtime/src/reports/): what a run, a preview, a drill-down and an export take, and what a run
 * answers. Dashboards and the designer's live preview read these types; the routes serialise with the schemas.
 */

const id = { type: 'string', maxLength: 100 } as const;
const date = { type: 'string', format: 'date' } as const;
const cellValue = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] } as const;

/** What a viewer or a dashboard chooses at run time: the period (else the report's own) and dashboard-wide filters. */
export const reportParamsSchema = {
  type: 'object',
  properties: {
    range: { enum: RELATIVE_RANGES },
    from: date,
    to: date,
    /** Only the people of this team and the teams below (owners, agents, movers). */
    team: id,
    /** Only this outbound task's calls and dials. */
    task: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
  },
  additionalProperties: false,
} as const;

export const reportRunBodySchema = reportParamsSchema;

/** The designer's live preview: an unpublished definition, run for the person designing it. */
export const reportPreviewBodySchema = {
  type: 'object',
  properties: { definition: { type: 'object' }, params: reportParamsSchema },
  required: ['definition'],
  additionalProperties: false,
} as const;

/** A cell, bar or slice: the dimension values (by dimension id) whose documents are listed. */
export const reportDrillBodySchema = {
  type: 'object',
  properties: {
    params: reportParamsSchema,
    cell: { type: 'object', additionalProperties: cellValue, maxProperties: 3 },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
  required: ['cell'],
  additionalProperties: false,
} as const;

export const reportColumnSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { enum: ['dimension', 'measure'] },
    label: { type: 'string' },
    /** Measures: how to show the figure. */
    unit: { enum: ['count', 'number', 'seconds', 'ratio', 'money'] },
    /** Dimensions: a date bucket's size. */
    bucket: { enum: ['hour', 'day', 'week', 'month'] },
  },
  required: ['id', 'kind', 'label'],
  additionalProperties: false,
} as const;

const rowSchema = { type: 'object', additionalProperties: cellValue } as const;
const rangeSchema = {
  type: 'object',
  properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, fromDate: date, toDate: date, timeZone: { type: 'string' } },
  required: ['from', 'to', 'fromDate', 'toDate', 'timeZone'],
  additionalProperties: false,
  description: 'The period counted: instants (to exclusive) and its local dates (to inclusive) in the workspace time zone',
} as const;

/** The figures of one period: a row per group (dimension values and measures by id) and the totals over all groups. */
export const reportFiguresSchema = {
  type: 'object',
  properties: {
    rows: { type: 'array', items: rowSchema },
    totals: { ...rowSchema, type: ['object', 'null'] },
    /** More groups than the row limit: only the first `rows.length` after the sort. */
    truncated: { type: 'boolean' },
    range: { ...rangeSchema, type: ['object', 'null'] },
  },
  required: ['rows', 'totals', 'truncated', 'range'],
  additionalProperties: false,
} as const;

export const reportResultSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    /** The published version run (null for a draft's preview). */
    version: { type: ['integer', 'null'] },
    label: { type: 'string' },
    source: { type: 'string' },
    visual: { type: 'object', additionalProperties: true },
    columns: { type: 'array', items: reportColumnSchema },
    ...reportFiguresSchema.properties,
    /** The same figures over the period just before (the report's `compare`). */
    previous: { ...reportFiguresSchema, type: ['object', 'null'] },
    /** How to show dimension values: people's and teams' names, options' labels (by dimension id, then value). */
    labels: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
    /** The time bound ran out: the figures are missing or incomplete, and `message` says so. */
    partial: { type: 'boolean' },
    message: { type: 'string' },
    /** Answered from the short-lived cache of this definition version, parameters and data scope. */
    cached: { type: 'boolean' },
  },
  required: ['key', 'version', 'label', 'source', 'visual', 'columns', 'rows', 'totals', 'truncated', 'range', 'previous', 'labels', 'partial', 'cached'],
  additionalProperties: false,
} as const;

export const reportDrillPageSchema = {
  type: 'object',
  properties: {
    source: { type: 'string' },
    /** Records as the reader sees them (RecordJson), calls (CallJson), or the dial log's, moves' or agent states' entries. */
    items: { type: 'array', items: { type: 'object', additionalProperties: true } },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
  required: ['source', 'items', 'total', 'page', 'pageSize'],
  additionalProperties: false,
} as const;

/** A published report the reader may run (GET /api/reports): enough for a list and for the run's filters bar. */
export const reportListItemSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    label: { type: 'string' },
    source: { type: 'string' },
    visual: { type: 'string' },
    /** The report's own period when the reader chooses none (null: everything). */
    range: { anyOf: [{ enum: RELATIVE_RANGES }, { type: 'null' }] },
    /** The run parameters that narrow this source: `team` where documents belong to people, `task` for calls and dials. */
    filters: { type: 'array', items: { enum: ['team', 'task'] } },
    /** Whether the reader may download the rows (a records source needs the entity's export permission). */
    mayExport: { type: 'boolean' },
  },
  required: ['key', 'version', 'label', 'source', 'visual', 'range', 'filters', 'mayExport'],
  additionalProperties: false,
} as const;

export const reportListSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: reportListItemSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

export type ReportParams = FromSchema<typeof reportParamsSchema>;
export type ReportColumnJson = FromSchema<typeof reportColumnSchema>;
export type ReportFiguresJson = FromSchema<typeof reportFiguresSchema>;
export type ReportResultJson = FromSchema<typeof reportResultSchema>;
export type ReportDrillBody = FromSchema<typeof reportDrillBodySchema>;
export type ReportDrillPageJson = FromSchema<typeof reportDrillPageSchema>;
export type ReportListItemJson = FromSchema<typeof reportListItemSchema>;
export type ReportListJson = FromSchema<typeof reportListSchema>;
export type ReportCellValue = string | number | boolean | null;
