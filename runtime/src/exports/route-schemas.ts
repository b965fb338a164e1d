/** JSON Schema of the export routes (the query checked by Ajv, and documented). */

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const entityParams = { type: 'object', properties: { entity: key }, required: ['entity'] } as const;

export const exportSchema = {
  tags: ['records'], summary: 'Export the filtered list (export permission; masked fields stay masked; at most 100,000 rows)',
  params: entityParams,
  querystring: {
    type: 'object',
    properties: {
      filter: { type: 'string', maxLength: 20000 }, q: { type: 'string', maxLength: 200 }, sort: { type: 'string', maxLength: 60 },
      deleted: { type: 'boolean', default: false },
    },
    additionalProperties: false,
  },
} as const;
