import type { DefinitionKind } from '../api/definitions';

/** i18n section holding each kind's list and create texts (title, new, empty, keyExists, ...). */
export const listTexts = { entity: 'entities', role: 'roles', pool: 'pools', flow: 'flows', dispositions: 'dispositions', 'agent-states': 'agentStates' } as const satisfies Record<DefinitionKind, string>;
