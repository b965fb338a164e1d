import type { AgentStateKind } from '@telesales/schemas';
import type { Collection, Db } from 'mongodb';

/**
 * One stretch an agent spent in one state, written when they leave it: what reports count occupancy and time in
 * state from (the agent_states document holds only the current state and today's running totals).
 */
export interface AgentStateIntervalDoc {
  _id: string;
  agentId: string;
  state: string;
  kind: AgentStateKind;
  from: Date;
  to: Date;
  sec: number;
  callId?: string | null;
}

export function agentStateIntervals(db: Db): Collection<AgentStateIntervalDoc> {
  return db.collection<AgentStateIntervalDoc>('agent_state_intervals');
}

export async function ensureIntervalIndexes(db: Db): Promise<void> {
  // A report's date range over one agent's (or a team's) stretches, and over everyone's.
  await agentStateIntervals(db).createIndex({ agentId: 1, from: -1 }, { name: 'agent_from' });
  await agentStateIntervals(db).createIndex({ from: -1 }, { name: 'from' });
}
