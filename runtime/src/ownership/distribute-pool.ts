import type { DistributeResultJson, PoolDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { ClientSession } from 'mongodb';
import { usersCollection } from '../org/users.js';
import { agentStatusCollection, isOnline, isoWeek, receivedThisWeek } from './agent-status.js';
import { distribute, type DistributionAgent, type DistributionState } from './distribution.js';
import { memberUserIds } from './membership.js';
import { moveChange } from './moves.js';
import { capOf } from './people.js';
import { changeTickets } from './tickets.js';

/** Records dealt per transaction: big enough to be quick, small enough to keep a transaction short. */
const CHUNK = 500;
const SYSTEM = { id: 'system', name: 'System' };

interface StateDoc {
  _id: string;
  state: DistributionState;
}
const stateCollection = (app: FastifyInstance) => app.db.collection<StateDoc>('distribution_state');

/** A chunk's deal did not apply as planned (a record was claimed meanwhile): the transaction is retried. */
class Raced extends Error {}

/**
 * Deals a pool's waiting records to its eligible members (distribution.ts decides who gets what). This is
 * the thin part: per chunk, one transaction loads the members, their tickets, room under the caps and the
 * pool's round, and writes every assignment, ticket use and the new round together: all or nothing.
 */
export async function distributePool(app: FastifyInstance, pool: PoolDefinition, random: () => number = Math.random): Promise<DistributeResultJson> {
  let given = 0;
  for (;;) {
    const chunk = await withRetry(app, (session) => distributeChunk(app, pool, random, session));
    given += chunk.given;
    if (!chunk.given || !chunk.remaining) {
      return { given, undistributed: chunk.remaining, ...(chunk.remaining && chunk.reason ? { reason: chunk.reason } : {}) };
    }
  }
}

async function withRetry<T>(app: FastifyInstance, work: (session: ClientSession) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const session = app.mongoClient.startSession();
    try {
      return (await session.withTransaction(() => work(session))) as T;
    } catch (error) {
      if (!(error instanceof Raced) || attempt >= 5) throw error;
    } finally {
      await session.endSession();
    }
  }
}

interface ChunkResult {
  given: number;
  remaining: number;
  reason?: DistributeResultJson['reason'];
}

async function distributeChunk(app: FastifyInstance, pool: PoolDefinition, random: () => number, session: ClientSession): Promise<ChunkResult> {
  const now = new Date();
  const records = app.records.system(pool.entity);
  const waiting = { poolKey: pool.key, ownerId: null, deletedAt: null };
  const customers = await records.find(waiting, { session, projection: { _id: 1, version: 1, ownerId: 1, poolKey: 1 }, sort: { createdAt: 1, _id: 1 }, limit: CHUNK });
  if (!customers.length) return { given: 0, remaining: 0 };
  const agents = await eligibleAgents(app, pool, now, session);
  const stored = await stateCollection(app).findOne({ _id: pool.key }, { session });
  const result = distribute({ customerIds: customers.map((c) => c._id), agents, state: stored?.state ?? null, random });
  const remaining = async () => records.count(waiting, { session });
  if (!result.assignments.length) return { given: 0, remaining: await remaining(), reason: result.undistributed[0]?.reason };

  const byId = new Map(customers.map((c) => [c._id, c]));
  const moves = result.assignments.map((a) => ({
    ...moveChange(byId.get(a.customerId)!, {
      action: 'distribute', by: SYSTEM, to: { ownerId: a.agentId, fromPool: pool.key }, detail: { reason: a.reason },
    }, now),
    match: { poolKey: pool.key, ownerId: null },
  }));
  const written = await records.writeMany(moves, { session, ordered: true });
  if (written.matched !== moves.length) throw new Raced();
  await stateCollection(app).updateOne({ _id: pool.key }, { $set: { state: result.state } }, { upsert: true, session });
  for (const [agentId, used] of Object.entries(result.ticketsUsed)) {
    for (const kind of ['reward', 'penalty'] as const) {
      if (used[kind] && !(await changeTickets(app.db, { userId: agentId, kind, delta: -used[kind], reason: `distribution: ${pool.key}`, by: SYSTEM }, session))) {
        throw new Raced();
      }
    }
  }
  const week = isoWeek(now, app.ownership.timeZone);
  const agentById = new Map(agents.map((a) => [a.id, a]));
  for (const [agentId, n] of Object.entries(result.given)) {
    await agentStatusCollection(app.db).updateOne(
      { _id: agentId }, { $set: { week, receivedThisWeek: (agentById.get(agentId)?.receivedThisWeek ?? 0) + n } }, { upsert: true, session },
    );
  }
  app.logOutbox.schedule(pool.entity);
  return { given: result.assignments.length, remaining: await remaining() };
}

/** The pool's members as distribution.ts needs them: presence, receiving, tickets, this week's count, room. */
async function eligibleAgents(app: FastifyInstance, pool: PoolDefinition, now: Date, session: ClientSession): Promise<DistributionAgent[]> {
  const ids = await memberUserIds(app.db, pool);
  const users = await usersCollection(app.db).find({ _id: { $in: ids } }, { session }).toArray();
  const statuses = new Map((await agentStatusCollection(app.db).find({ _id: { $in: ids } }, { session }).toArray()).map((s) => [s._id, s]));
  const owned = new Map<string, { all: number; fromPool: number }>();
  const counts = await app.records.system(pool.entity).aggregate<{ _id: string; all: number; fromPool: number }>([
    { $match: { ownerId: { $in: ids }, deletedAt: null } },
    { $group: { _id: '$ownerId', all: { $sum: 1 }, fromPool: { $sum: { $cond: [{ $eq: ['$fromPool', pool.key] }, 1, 0] } } } },
  ], { session });
  for (const c of counts) owned.set(c._id, c);
  return Promise.all(users.map(async (user) => {
    const status = statuses.get(user._id);
    const roleCap = await capOf(app, user, pool.entity);
    const mine = owned.get(user._id) ?? { all: 0, fromPool: 0 };
    const rooms = [roleCap === null ? Infinity : roleCap - mine.all, pool.cap === undefined ? Infinity : pool.cap - mine.fromPool];
    const room = Math.max(0, Math.min(...rooms));
    return {
      id: user._id,
      online: isOnline(status, now),
      receiving: status?.receiving !== false,
      receivedThisWeek: receivedThisWeek(status, now, app.ownership.timeZone),
      rewardTickets: pool.tickets ? (status?.reward ?? 0) : 0,
      penaltyTickets: pool.tickets ? (status?.penalty ?? 0) : 0,
      owned: 0,
      cap: room === Infinity ? null : room,
    };
  }));
}
