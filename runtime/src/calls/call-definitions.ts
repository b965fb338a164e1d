import type { AgentStateDefinition, AgentStatesDefinition, DispositionsDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';

/**
 * The published call outcomes and agent states. A workspace has one of each in practice; when several
 * are published the first by key is the one in force. Read through the store's short cache: every state change,
 * dial and outcome asks for them.
 */
export async function publishedDispositions(app: FastifyInstance): Promise<DispositionsDefinition | null> {
  return ((await app.definitions.cachedPublished('dispositions'))[0] as DispositionsDefinition | undefined) ?? null;
}

export async function publishedAgentStates(app: FastifyInstance): Promise<AgentStateDefinition[]> {
  const def = (await app.definitions.cachedPublished('agent-states'))[0] as AgentStatesDefinition | undefined;
  return def?.states ?? [];
}
