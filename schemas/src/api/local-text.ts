/** A text in each UI language, as answers carry it (names and labels); the TypeScript type is LocalText. */
export const localTextJsonSchema = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;
