import { randomUUID } from 'node:crypto';
import type { TicketBalanceJson, TicketLogJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { ClientSession, Db } from 'mongodb';
import { agentStatusCollection } from './agent-status.js';
import type { Actor } from './moves.js';
import { sellers } from './sellers.js';

export type TicketKind = 'reward' | 'penalty';

interface TicketLogDoc {
  _id: string;
  userId: string;
  kind: TicketKind;
  delta: number;
  reason: string;
  by: Actor;
  at: Date;
}

export const ticketLogCollection = (db: Db) => db.collection<TicketLogDoc>('ticket_log');

export async function ensureTicketIndexes(db: Db): Promise<void> {
  await ticketLogCollection(db).createIndex({ userId: 1, at: -1 }, { name: 'user_at' });
}

/**
 * Changes a balance and logs why, in one transaction when given a session. A deduction never takes a
 * balance below zero: returns false instead (the update's filter checks the balance it changes).
 */
export async function changeTickets(
  db: Db, change: { userId: string; kind: TicketKind; delta: number; reason: string; by: Actor }, session?: ClientSession,
): Promise<boolean> {
  const { userId, kind, delta } = change;
  const filter = delta < 0 ? { _id: userId, [kind]: { $gte: -delta } } : { _id: userId };
  const result = await agentStatusCollection(db).updateOne(filter, { $inc: { [kind]: delta } }, { upsert: delta > 0, ...(session ? { session } : {}) });
  if (!result.matchedCount && !result.upsertedCount) return false;
  await ticketLogCollection(db).insertOne({ _id: randomUUID(), ...change, at: new Date() }, session ? { session } : {});
  return true;
}

/** The sellers' balances (sellers.ts: workspace admins hold no tickets). */
export async function ticketBalances(app: FastifyInstance): Promise<TicketBalanceJson[]> {
  const users = await sellers(app);
  const statuses = new Map((await agentStatusCollection(app.db).find({ _id: { $in: users.map((u) => u._id) } }).toArray()).map((s) => [s._id, s]));
  return users.map((u) => ({
    userId: u._id, name: u.name, teamId: u.teamId, role: u.role,
    reward: statuses.get(u._id)?.reward ?? 0, penalty: statuses.get(u._id)?.penalty ?? 0,
  }));
}

export async function ticketLog(db: Db, userId?: string): Promise<TicketLogJson[]> {
  const docs = await ticketLogCollection(db).find(userId ? { userId } : {}).sort({ at: -1 }).limit(500).toArray();
  return docs.map((d) => ({ id: d._id, userId: d.userId, kind: d.kind, delta: d.delta, reason: d.reason, by: d.by, at: d.at.toISOString() }));
}
