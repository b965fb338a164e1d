import type { FromSchema } from 'json-schema-to-ts';

/** Every error answer of the API, as the JSON Schema the routes list under their error codes and its type. */

/** One problem with the input: where (a JSON pointer), what (a stable code) and a sentence in the reader's language. */
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
    current: { type: 'integer', description: "version_conflict: the record's current version" },
  },
  required: ['statusCode', 'code', 'message'],
  additionalProperties: true,
} as const;

export type ApiErrorBody = FromSchema<typeof errorSchema>;
