import type { FastifyInstance } from 'fastify';
import type { Filter } from 'mongodb';
import { usersInTeamTree } from '../org/teams.js';
import type { CallDoc } from './call-doc.js';
import type { CallReader } from './call-json.js';

/**
 * Whose calls a reader's data scope covers, by agent: null for everyone (scope `all`), else the agents' ids
 * (`team`: the reader and everyone in their team and the teams below; `own`: the reader). GET /api/calls, the
 * workbench's team figures and the reports all ask here, so a call is in scope or not the same way everywhere.
 */
export async function scopedAgents(app: FastifyInstance, r: Pick<CallReader, 'user' | 'permissions'>): Promise<string[] | null> {
  const scope = r.permissions.role?.dataScope ?? 'own';
  if (scope === 'all') return null;
  if (scope === 'team' && r.user.teamId) return [...new Set([r.user.id, ...(await usersInTeamTree(app.db, r.user.teamId))])];
  return [r.user.id];
}

/** The data scope as a query on calls: their own always; `team` and `all` as the role says. */
export async function scopeFilter(app: FastifyInstance, r: Pick<CallReader, 'user' | 'permissions'>): Promise<Filter<CallDoc>> {
  const agents = await scopedAgents(app, r);
  if (agents === null) return {};
  return agents.length === 1 ? { agentId: agents[0]! } : { agentId: { $in: agents } };
}
