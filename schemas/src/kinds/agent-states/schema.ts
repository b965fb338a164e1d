import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

/**
 * One state an agent's phone can be in. The kind says what the system does with it: `ready` receives
 * calls (exactly one state has it), `busy` is taken on a call, `wrapup` is after-call work (back to ready
 * after `maxSec`), `break` receives nothing.
 */
export const agentStateSchema = {
  type: 'object',
  properties: {
    key: keySchema,
    label: labelSchema,
    kind: { enum: ['ready', 'busy', 'wrapup', 'break'] },
    /** Longest time in this state; after it the agent is made ready again (after-call work). */
    maxSec: { type: 'integer', minimum: 1, maximum: 86400 },
  },
  required: ['key', 'label', 'kind'],
  additionalProperties: false,
} as const;

export const agentStatesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/agent-states.schema.json',
  title: 'Agent states',
  description: 'The states of an agent\'s phone (ready, busy, after-call work, breaks) that admins define.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'agent-states' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    states: { type: 'array', items: agentStateSchema, minItems: 1, maxItems: 50 },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'states'],
  additionalProperties: false,
} as const;
