import type { FromSchema } from 'json-schema-to-ts';
import { localTextJsonSchema } from './local-text.js';

/** GET /api/pools: the pools this person belongs to or administers (admins of the workspace see all). */
export const poolJsonSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' }, label: localTextJsonSchema, entity: { type: 'string' }, mode: { type: 'string', enum: ['manual', 'auto'] },
    system: { type: 'string', enum: ['default', 'lost', 'invalid'] }, tickets: { type: 'boolean' },
    cap: { type: 'integer', description: 'Most records one agent may own from this pool' },
    member: { type: 'boolean' }, admin: { type: 'boolean' },
    count: { type: 'integer', description: 'Records waiting in the pool' },
    mine: { type: 'integer', description: 'Records the asker owns that came from this pool' },
  },
  required: ['key', 'label', 'entity', 'mode', 'tickets', 'member', 'admin', 'count', 'mine'],
  additionalProperties: false,
} as const;

export type PoolJson = FromSchema<typeof poolJsonSchema>;
