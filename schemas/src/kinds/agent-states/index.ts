import type { AgentStatesDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkAgentStates } from './checks.js';
import { agentStatesSchema } from './schema.js';
import { texts } from './texts.js';

/** The states of an agent's phone; every agent's phone bar reads them. */
export const agentStatesKind: DefinitionKindSpec<'agent-states', AgentStatesDefinition> = {
  kind: 'agent-states', slug: 'agent-states', schema: agentStatesSchema, texts, everyoneReads: true,
  check: (def, { locale }) => checkAgentStates(def, locale),
};
