import type { BatchResultJson, PoolDefinition } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import type { RecordContext, StoredRecord } from '../records/service.js';
import { giveWithinCaps } from './caps.js';
import { poolRole } from './membership.js';
import { text } from './messages.js';
import { applyMove, type Move } from './moves.js';
import { capOf, enabledUser } from './people.js';

export type Target = { ownerId: string } | { pool: string };

async function poolOf(ctx: RecordContext, key: string): Promise<PoolDefinition> {
  const pool = await ctx.app.definitions.publishedPool(key);
  if (!pool || pool.entity !== ctx.entity.key) throw new ApiError(404, 'pool_not_found', text('pool_not_found', ctx.locale, { pool: key }));
  return pool;
}

const isAdminOf = async (ctx: RecordContext, key: string | null | undefined): Promise<boolean> => {
  if (!key) return false;
  const pool = await ctx.app.definitions.publishedPool(key);
  return !!pool && (await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin;
};

/** The owner gives a record back: to the pool it came from, else the entity's default pool (or one named). */
export async function release(ctx: RecordContext, id: string, requested?: string): Promise<void> {
  const doc = await ctx.app.records.find(ctx, id);
  if (doc.ownerId !== ctx.user.id) throw new ApiError(403, 'not_owner', text('not_owner', ctx.locale));
  let pool = requested ? await poolOf(ctx, requested) : null;
  if (pool && !(await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).member) {
    throw new ApiError(403, 'not_member', text('not_member', ctx.locale));
  }
  pool ??= (doc.fromPool ? await ctx.app.definitions.publishedPool(doc.fromPool) : null)
    ?? (await ctx.app.definitions.publishedPool((await ctx.app.definitions.defaultPoolOf(ctx.entity.key)) ?? ''));
  if (!pool) throw new ApiError(409, 'no_system_pool', text('no_system_pool', ctx.locale, { type: 'default' }));
  await move(ctx, doc, { pool: pool.key }, 'release');
}

/**
 * Pool admins and supervisors move a record to another agent or pool. Into a pool, or out of the pool it
 * waits in: only that pool's admins. To an agent: a supervisor within their data scope, or an admin of the
 * pool the record is in or came from; the new owner's caps hold.
 */
export async function transfer(ctx: RecordContext, id: string, target: Target, action: 'transfer' | 'assign' | 'move'): Promise<StoredRecord> {
  const doc = await findMovable(ctx, id);
  if (doc.poolKey && !(await isAdminOf(ctx, doc.poolKey))) throw new ApiError(403, 'not_pool_admin', text('not_pool_admin', ctx.locale));
  if ('pool' in target) {
    const pool = await poolOf(ctx, target.pool);
    if (!(await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin) throw new ApiError(403, 'not_pool_admin', text('not_pool_admin', ctx.locale));
    return move(ctx, doc, { pool: pool.key }, action);
  }
  const supervisor = ctx.permissions.entity(ctx.entity.key).dataScope !== 'own';
  if (!supervisor && !(await isAdminOf(ctx, doc.poolKey ?? doc.fromPool))) {
    throw new ApiError(403, 'forbidden_transfer', text('forbidden_transfer', ctx.locale));
  }
  const owners = supervisor ? await ctx.permissions.ownerScope(ctx.entity.key) : null;
  const user = await enabledUser(ctx.app, target.ownerId);
  if (!user || (owners && !owners.includes(user._id))) {
    const message = text('invalid_target_owner', ctx.locale);
    throw new ApiError(400, 'invalid_owner', message, [{ path: '/ownerId', code: 'invalid_owner', message }]);
  }
  const check = { entity: ctx.entity.key, userId: user._id, name: user.name, cap: await capOf(ctx.app, user, ctx.entity.key) };
  const moved = await giveWithinCaps(ctx.app, check, ctx.locale, (session) =>
    applyMove(ctx.app.records.system(ctx.entity.key), doc, moveOf(ctx, { ownerId: user._id, fromPool: doc.poolKey ?? doc.fromPool ?? null }, action), session));
  if (!moved) throw await ctx.app.records.missedWrite(ctx, id);
  ctx.app.logOutbox.schedule(ctx.entity.key);
  return moved;
}

/** A record in the asker's scope, or waiting in a pool they administer (pool records have no owner in any scope). */
async function findMovable(ctx: RecordContext, id: string): Promise<StoredRecord> {
  const inPool = await ctx.app.records.system(ctx.entity.key).findOne({ _id: id, deletedAt: null, ownerId: null, poolKey: { $ne: null } }, { projection: { pendingLog: 0 } });
  if (inPool && (await isAdminOf(ctx, inPool.poolKey))) return inPool;
  return ctx.app.records.find(ctx, id);
}

/** Batch assign / move: each record on its own (one refusal does not stop the others), each with its reason. */
export async function batch(ctx: RecordContext, ids: string[], target: Target): Promise<BatchResultJson> {
  const result: BatchResultJson = { done: [], refused: [] };
  for (const id of new Set(ids)) {
    try {
      await transfer(ctx, id, target, 'ownerId' in target ? 'assign' : 'move');
      result.done.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.refused.push({ id, code: error.code, message: error.message });
    }
  }
  return result;
}

const moveOf = (ctx: RecordContext, to: Move['to'], action: Move['action']): Move =>
  ({ action, by: { id: ctx.user.id, name: ctx.user.name }, to });

async function move(ctx: RecordContext, doc: StoredRecord, to: { pool: string }, action: Move['action']): Promise<StoredRecord> {
  const moved = await applyMove(ctx.app.records.system(ctx.entity.key), doc, moveOf(ctx, to, action));
  if (!moved) throw await ctx.app.records.missedWrite(ctx, doc._id);
  ctx.app.logOutbox.schedule(ctx.entity.key);
  ctx.app.ownership.landed(to.pool);
  return moved;
}

