/** Route schema pieces every capability shares (they also describe the API in the OpenAPI document). */
export const issueSchema = {
  type: 'object',
  properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
  required: ['path', 'code', 'message'],
} as const;

export const errorSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    errors: { type: 'array', items: issueSchema },
  },
  required: ['statusCode', 'code', 'message'],
  additionalProperties: true,
} as const;

/** Standard error answers, merged into a route's `response`. */
export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorSchema]));

export const localTextJson = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;

/** A definition travels as free JSON: its shape is checked by the definition schemas, with better messages. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
