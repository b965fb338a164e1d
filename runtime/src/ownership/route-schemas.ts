/** JSON Schemas of the ownership routes: input checks and the OpenAPI description. */
import { poolJsonSchema } from '@telesales/schemas';
import { errorResponses as errors } from '../http/schemas.js';
import { logSchema, recordResponse } from '../records/route-schemas.js';

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const tags = ['ownership'];
const poolParams = { type: 'object', properties: { pool: key }, required: ['pool'] } as const;
const entityParams = { type: 'object', properties: { entity: key }, required: ['entity'] } as const;
const recordParams = { type: 'object', properties: { entity: key, id }, required: ['entity', 'id'] } as const;
const reason = { type: 'string', minLength: 1, maxLength: 500 } as const;
/** Free-form answers described by their TypeScript types in schemas/src/ownership-types.ts. */
const open = (description: string) => ({ type: 'object', additionalProperties: true, description } as const);
const target = {
  oneOf: [
    { type: 'object', properties: { ownerId: id }, required: ['ownerId'], additionalProperties: false },
    { type: 'object', properties: { pool: key }, required: ['pool'], additionalProperties: false },
  ],
} as const;
const batchBody = (prop: 'ownerId' | 'pool') => ({
  type: 'object',
  properties: { ids: { type: 'array', items: id, minItems: 1, maxItems: 1000 }, [prop]: prop === 'pool' ? key : id },
  required: ['ids', prop], additionalProperties: false,
} as const);

export const poolsSchema = {
  tags, summary: 'Pools the asker belongs to or administers, with counts',
  response: {
    200: { type: 'array', items: poolJsonSchema },
  },
} as const;

export const poolRecordsSchema = {
  tags, summary: 'Records waiting in a pool (masked fields always masked)', params: poolParams,
  querystring: {
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
      sort: { type: 'string', maxLength: 60 }, q: { type: 'string', maxLength: 200 }, filter: { type: 'string', maxLength: 20000 },
    },
    additionalProperties: false,
  },
  response: {
    200: { type: 'object', properties: { items: { type: 'array', items: recordResponse }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } },
    ...errors(400, 403, 404),
  },
} as const;

const poolRecordParams = { type: 'object', properties: { pool: key, id }, required: ['pool', 'id'] } as const;

export const poolRecordSchema = {
  tags, summary: 'A record waiting in a pool (masked)', params: poolRecordParams,
  response: { 200: recordResponse, ...errors(403, 404) },
} as const;

export const poolRecordLogSchema = {
  ...logSchema, tags, summary: 'The history of a record waiting in a pool (masked)', params: poolRecordParams,
} as const;

export const claimSchema = {
  tags, summary: 'Take a record from a pool (members; refused over the cap)', params: poolParams,
  body: { type: 'object', properties: { id }, required: ['id'], additionalProperties: false },
  response: { 200: recordResponse, ...errors(403, 404, 409) },
} as const;

export const distributeSchema = {
  tags, summary: 'Deal an automatic pool\'s waiting records to its online, receiving members now (pool admins)', params: poolParams,
  response: { 200: open('DistributeResultJson'), ...errors(400, 403, 404) },
} as const;

export const releaseSchema = {
  tags, summary: 'Give an owned record back to a pool (its owner)', params: recordParams,
  body: { type: 'object', properties: { pool: key }, additionalProperties: false },
  response: { 204: { type: 'null' }, ...errors(403, 404, 409) },
} as const;

export const transferSchema = {
  tags, summary: 'Move a record to another agent or pool (pool admins, supervisors)', params: recordParams, body: target,
  response: { 200: recordResponse, ...errors(400, 403, 404, 409) },
} as const;

export const batchAssignSchema = {
  tags, summary: 'Give many records to one agent', params: entityParams, body: batchBody('ownerId'),
  response: { 200: open('BatchResultJson'), ...errors(400, 403, 404) },
} as const;

export const sellersSchema = {
  tags, summary: 'The people records of this entity may be given to (sellers: not workspace admins)', params: entityParams,
  response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, login: { type: 'string' } } } }, ...errors(403, 404) },
} as const;

export const batchMoveSchema = {
  tags, summary: 'Move many records into a pool', params: entityParams, body: batchBody('pool'),
  response: { 200: open('BatchResultJson'), ...errors(400, 403, 404) },
} as const;

export const requestSchema = {
  tags, summary: 'The owner asks for "lost" or "invalid" (a supervisor reviews it)', params: recordParams,
  body: { type: 'object', properties: { type: { enum: ['lost', 'invalid'] }, reason }, required: ['type', 'reason'], additionalProperties: false },
  response: { 200: recordResponse, ...errors(403, 404, 409) },
} as const;

export const reviewsSchema = {
  tags, summary: 'Pending lost/invalid requests the asker may review',
  response: { 200: { type: 'array', items: { type: 'object', properties: { record: recordResponse, request: open('the request') } } } },
} as const;

export const reviewSchema = {
  tags, summary: 'Approve (to the lost/invalid pool) or reject (stays with the agent)', params: recordParams,
  body: { type: 'object', properties: { approve: { type: 'boolean' }, note: { type: 'string', maxLength: 500 } }, required: ['approve'], additionalProperties: false },
  response: { 204: { type: 'null' }, ...errors(403, 404, 409) },
} as const;

export const mergeSchema = {
  tags, summary: 'Merge record `from` into `into` (admins)', params: entityParams,
  body: { type: 'object', properties: { from: id, into: id }, required: ['from', 'into'], additionalProperties: false },
  response: { 200: recordResponse, ...errors(400, 403, 404, 409) },
} as const;

export const meSchema = {
  tags, summary: 'The workbench\'s ownership panel; also the presence heartbeat (call every minute)',
  response: { 200: open('WorkbenchOwnershipJson') },
} as const;

export const receivingSchema = {
  tags, summary: 'Switch receiving automatically distributed customers on or off',
  body: { type: 'object', properties: { receiving: { type: 'boolean' } }, required: ['receiving'], additionalProperties: false },
  response: { 200: open('WorkbenchOwnershipJson') },
} as const;

export const ticketsSchema = {
  tags, summary: 'Every agent\'s reward and penalty ticket balance (admins)',
  response: { 200: { type: 'array', items: open('TicketBalanceJson') }, ...errors(403) },
} as const;

export const ticketLogSchema = {
  tags, summary: 'Ticket grants, deductions and uses, newest first (admins)',
  querystring: { type: 'object', properties: { userId: id }, additionalProperties: false },
  response: { 200: { type: 'array', items: open('TicketLogJson') }, ...errors(403) },
} as const;

export const changeTicketsSchema = {
  tags, summary: 'Grant (delta > 0) or deduct (delta < 0) tickets, with a reason (admins)',
  body: {
    type: 'object',
    properties: { userId: id, kind: { enum: ['reward', 'penalty'] }, delta: { type: 'integer', minimum: -1000, maximum: 1000, not: { const: 0 } }, reason },
    required: ['userId', 'kind', 'delta', 'reason'], additionalProperties: false,
  },
  response: { 200: open('TicketBalanceJson'), ...errors(400, 403, 404, 409) },
} as const;
