/** JSON Schemas of the reports routes: inputs checked by Ajv, answers (schemas/src/api/reports.ts) serialised and documented. */
import {
  reportDrillBodySchema, reportDrillPageSchema, reportListSchema, reportParamsSchema, reportPreviewBodySchema, reportResultSchema, reportRunBodySchema,
} from '@telesales/schemas';
import { errorResponses as errors } from '../http/schemas.js';

const tags = ['reports'];
const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } }, required: ['key'] } as const;

export const listSchema = {
  tags, summary: 'The published reports the signed-in person may run (their scope opens the source, they see every field it names)',
  response: { 200: reportListSchema, ...errors(401) },
} as const;

export const runSchema = {
  tags, summary: 'Run a published report for the signed-in person: their data scope, the fields they see; cached briefly per scope',
  params: keyParams, body: reportRunBodySchema,
  response: { 200: reportResultSchema, ...errors(400, 401, 403, 404) },
} as const;

export const previewSchema = {
  tags, summary: 'Run an unpublished report definition (the designer\'s live preview), for people who manage definitions',
  body: reportPreviewBodySchema,
  response: { 200: reportResultSchema, ...errors(400, 401, 403, 404) },
} as const;

export const drillSchema = {
  tags, summary: 'The records, calls or entries behind one cell of a published report (same scope and filters), a page at a time',
  params: keyParams, body: reportDrillBodySchema,
  response: { 200: reportDrillPageSchema, ...errors(400, 401, 403, 404) },
} as const;

export const exportSchema = {
  tags, summary: 'A published report\'s rows as a CSV or XLSX file (records sources need the entity\'s export permission)',
  params: keyParams, querystring: reportParamsSchema,
  response: errors(400, 401, 403, 404),
} as const;
