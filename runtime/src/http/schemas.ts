/** Route schema pieces every capability shares (they also describe the API in the OpenAPI document). */
import { errorSchema, issueSchema } from '@telesales/schemas';

/** The error body and its issues are shared with the apps (schemas/src/api/errors.ts). */
export { errorSchema, issueSchema };

/** Standard error answers, merged into a route's `response`. */
export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorSchema]));

export const localTextJson = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;

/** A definition travels as free JSON: its shape is checked by the definition schemas, with better messages. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
