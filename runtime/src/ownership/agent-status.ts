import type { Db } from 'mongodb';

/**
 * Per agent: presence (the console's heartbeat), the receiving switch, ticket balances and how many
 * customers automatic distribution gave them this week (the fewest leads a new round).
 */
export interface AgentStatusDoc {
  _id: string;
  lastSeenAt?: Date;
  /** Absent = on: a new agent receives. */
  receiving?: boolean;
  reward?: number;
  penalty?: number;
  /** ISO week ("2026-W48") the `receivedThisWeek` count belongs to. */
  week?: string;
  receivedThisWeek?: number;
}

export const agentStatusCollection = (db: Db) => db.collection<AgentStatusDoc>('agent_status');

/** An agent counts as online for this long after the console's last heartbeat (it beats every 60 s). */
export const ONLINE_MS = 3 * 60_000;

export const isOnline = (s: AgentStatusDoc | undefined, now: Date) => !!s?.lastSeenAt && now.getTime() - s.lastSeenAt.getTime() < ONLINE_MS;

/** The ISO-8601 week of a date, e.g. "2026-W48" (weeks start on Monday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const receivedThisWeek = (s: AgentStatusDoc | undefined, now: Date) => (s?.week === isoWeek(now) ? (s.receivedThisWeek ?? 0) : 0);
