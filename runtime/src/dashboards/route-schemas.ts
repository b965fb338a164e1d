/** JSON Schemas of the dashboards routes: answers (schemas/src/api/dashboards.ts) serialised and documented. */
import { dashboardJsonSchema, dashboardListSchema } from '@telesales/schemas';
import { errorResponses as errors } from '../http/schemas.js';

const tags = ['dashboards'];
const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } }, required: ['key'] } as const;

export const listSchema = {
  tags, summary: 'The published dashboards for the signed-in person\'s role',
  response: { 200: dashboardListSchema, ...errors(401) },
} as const;

export const openSchema = {
  tags, summary: 'One dashboard: its filters and tiles, each with the published report the reader may run (run it with POST /api/reports/:key/run)',
  params: keyParams,
  response: { 200: dashboardJsonSchema, ...errors(401, 404) },
} as const;
