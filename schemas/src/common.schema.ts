/** Pieces every definition kind shares: ids, keys and text in both UI languages. */
export const LOCALES = ['zh', 'en'] as const;

export const uuidSchema = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const;

/** Keys become MongoDB paths and URL segments: lower case, no dots, no leading `$` or `_`. */
export const keySchema = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;

/** A label shown to people: both languages required. */
export const labelSchema = {
  type: 'object',
  properties: {
    zh: { type: 'string', minLength: 1, maxLength: 200 },
    en: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['zh', 'en'],
  additionalProperties: false,
} as const;

/** Longer text (help, messages, descriptions): either language may be missing. */
export const localTextSchema = {
  type: 'object',
  properties: {
    zh: { type: 'string', maxLength: 2000 },
    en: { type: 'string', maxLength: 2000 },
  },
  additionalProperties: false,
} as const;
