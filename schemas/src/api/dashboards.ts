import type { FromSchema } from 'json-schema-to-ts';
import { dashboardFiltersSchema } from '../kinds/dashboard/schema.js';

/**
 * The dashboards API (runtime/src/dashboards/): the dashboards a reader's role sees, and one of them with its tiles'
 * reports. Running a dashboard is running each tile's report (POST /api/reports/:key/run) with the dashboard's
 * filters as the run's parameters; there is no second way to compute a tile.
 */

/** One dashboard in the reader's list, in their language. */
export const dashboardSummarySchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    label: { type: 'string' },
    description: { type: 'string' },
    tiles: { type: 'integer', description: 'How many reports it shows' },
  },
  required: ['key', 'version', 'label', 'tiles'],
  additionalProperties: false,
} as const;

export const dashboardListSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: dashboardSummarySchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

/** A tile as the reader gets it: its place, its heading, and the report's published definition when they may run it. */
export const dashboardTileJsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    report: { type: 'string' },
    x: { type: 'integer' },
    y: { type: 'integer' },
    w: { type: 'integer' },
    h: { type: 'integer' },
    /** The tile's own title, else the report's label, in the reader's language. */
    title: { type: 'string' },
    /** The published report (the console draws it from this and POST /api/reports/:key/run); null when unavailable. */
    definition: { type: ['object', 'null'], additionalProperties: true },
    version: { type: ['integer', 'null'] },
    /** Why the reader cannot run this tile (the report is gone, or names fields or a source outside their scope). */
    unavailable: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
      additionalProperties: false,
    },
  },
  required: ['id', 'report', 'x', 'y', 'w', 'h', 'title', 'definition', 'version'],
  additionalProperties: false,
} as const;

export const dashboardJsonSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    label: { type: 'string' },
    description: { type: 'string' },
    /** The filters offered to the viewer and their starting values: pass them to each tile's run. */
    filters: dashboardFiltersSchema,
    tiles: { type: 'array', items: dashboardTileJsonSchema },
  },
  required: ['key', 'version', 'label', 'filters', 'tiles'],
  additionalProperties: false,
} as const;

export type DashboardSummaryJson = FromSchema<typeof dashboardSummarySchema>;
export type DashboardListJson = FromSchema<typeof dashboardListSchema>;
export type DashboardTileJson = FromSchema<typeof dashboardTileJsonSchema>;
export type DashboardJson = FromSchema<typeof dashboardJsonSchema>;
