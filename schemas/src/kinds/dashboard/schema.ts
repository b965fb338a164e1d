import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';
import { RELATIVE_RANGES } from '../report/schema.js';

/** Tiles sit on a grid this many columns wide (the usual dashboard grid; react-grid-layout's default). */
export const DASHBOARD_COLUMNS = 12;

/** One report on the grid: where it sits (columns and rows of the grid) and an optional title of its own. */
export const dashboardTileSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,39}$' },
    report: keySchema,
    x: { type: 'integer', minimum: 0, maximum: DASHBOARD_COLUMNS - 1 },
    y: { type: 'integer', minimum: 0, maximum: 500 },
    w: { type: 'integer', minimum: 1, maximum: DASHBOARD_COLUMNS },
    h: { type: 'integer', minimum: 1, maximum: 40 },
    /** The tile's heading; the report's label when absent. */
    title: labelSchema,
  },
  required: ['id', 'report', 'x', 'y', 'w', 'h'],
  additionalProperties: false,
} as const;

/**
 * The filters a dashboard offers its viewers, applied to every tile (the run parameters range, team, task): a filter
 * that is present is offered, with its starting value; an absent one is not offered (each report keeps its own).
 */
export const dashboardFiltersSchema = {
  type: 'object',
  properties: {
    range: {
      type: 'object',
      properties: {
        default: { enum: RELATIVE_RANGES.filter((r) => r !== 'custom') },
        /** The ranges offered (all relative ones when absent); `custom` lets the viewer pick dates. */
        options: { type: 'array', items: { enum: RELATIVE_RANGES }, uniqueItems: true, minItems: 1 },
      },
      required: ['default'],
      additionalProperties: false,
    },
    /** A team id; absent default = every team the viewer sees. */
    team: { type: 'object', properties: { default: { type: 'string', maxLength: 100 } }, additionalProperties: false },
    /** An outbound task's key; absent default = every task. */
    task: { type: 'object', properties: { default: keySchema }, additionalProperties: false },
  },
  additionalProperties: false,
} as const;

export const dashboardSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/dashboard.schema.json',
  title: 'Dashboard',
  description: 'A grid of published reports, the filters applied to all of them, and the roles that see it.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'dashboard' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    tiles: { type: 'array', items: dashboardTileSchema, maxItems: 24 },
    filters: dashboardFiltersSchema,
    /** The role keys whose people see the dashboard (its figures are still each viewer's own scope). */
    roles: { type: 'array', items: keySchema, uniqueItems: true, minItems: 1, maxItems: 50 },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'tiles', 'roles'],
  additionalProperties: false,
} as const;
