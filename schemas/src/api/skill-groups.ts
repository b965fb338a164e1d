import type { FromSchema } from 'json-schema-to-ts';
import { localTextJsonSchema } from './local-text.js';

/** GET /api/skill-groups: the agents a flow's queue (or a transfer to the group) rings. Members are user ids. */
export const skillGroupJsonSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, key: { type: 'string' }, name: localTextJsonSchema, members: { type: 'array', items: { type: 'string' } } },
  required: ['id', 'key', 'name', 'members'],
  additionalProperties: false,
} as const;

export type SkillGroupJson = FromSchema<typeof skillGroupJsonSchema>;
