import type { ClientSession } from 'mongodb';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';

export interface CapCheck {
  entity: string;
  userId: string;
  /** The person's name when they are not the one asking ("Li Na owns 50 of at most 50"). */
  name?: string;
  /** The role's cap for the entity; null = none. */
  cap: number | null;
  /** The pool the record comes from, with its own per-agent cap. */
  pool?: { key: string; cap?: number | undefined };
}

/** One lock document per person and entity: every write that gives them a record touches it first. */
const locksCollection = (app: FastifyInstance) => app.db.collection<{ _id: string; n: number }>('ownership_locks');

/**
 * Gives a record to someone without ever taking them over their caps, even with many claims at once: the
 * count and the write happen in one transaction that first writes the person's lock document, so two
 * transactions for the same person conflict and one is retried (and then counts the other's record).
 * `write` returns false when the record was no longer there to take; the transaction is then undone.
 */
export async function giveWithinCaps<T>(
  app: FastifyInstance, check: CapCheck, locale: Locale, write: (session: ClientSession) => Promise<T | null>,
): Promise<T | null> {
  const session = app.mongoClient.startSession();
  try {
    return await session.withTransaction(async () => {
      await locksCollection(app).updateOne({ _id: `${check.entity}:${check.userId}` }, { $inc: { n: 1 } }, { upsert: true, session });
      const records = app.records.system(check.entity);
      if (check.cap !== null) {
        const owned = await records.count({ ownerId: check.userId, deletedAt: null }, { session });
        if (owned >= check.cap) throw overCap(check, owned, check.cap, locale, false);
      }
      if (check.pool?.cap !== undefined) {
        const owned = await records.count({ ownerId: check.userId, fromPool: check.pool.key, deletedAt: null }, { session });
        if (owned >= check.pool.cap) throw overCap(check, owned, check.pool.cap, locale, true);
      }
      const result = await write(session);
      if (result === null) await session.abortTransaction();
      return result;
    }) ?? null;
  } finally {
    await session.endSession();
  }
}

function overCap(check: CapCheck, owned: number, cap: number, locale: Locale, pool: boolean): ApiError {
  if (check.name) return new ApiError(409, 'over_cap', text('target_over_cap', locale, { name: check.name, owned, cap }), undefined, { owned, cap });
  return new ApiError(409, 'over_cap', text(pool ? 'over_pool_cap' : 'over_cap', locale, { owned, cap }), undefined, { owned, cap });
}
