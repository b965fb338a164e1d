import { localize } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { usersCollection } from '../org/users.js';
import { poolRole } from '../ownership/membership.js';
import type { Ownership, RecordContext } from '../records/service.js';
import type { ImportTarget } from './collections.js';
import { bilingual, text } from './messages.js';
import { roundRobinWithinCaps } from './agent-caps.js';
import { poolChooser, type PoolChoice } from './pool-condition.js';

export type AutoTarget = { type: 'pool'; pool: 'auto' };

/**
 * Where each imported record goes: its ownership fields, given its values and the import's source; null
 * when it may go nowhere (every chosen agent at their cap and no pool to fall back to).
 */
export type Placer = (values: Record<string, unknown>, source: string | null, now: Date) => Promise<Partial<Ownership> | null>;

/**
 * A placer, with what it must do before each chunk of the file (recount caps, evaluate pool conditions over
 * the chunk's rows at once) and what it has to say about a row it placed.
 */
export interface Placement {
  place: Placer;
  beginChunk?: (rows: Record<string, unknown>[], source: string | null) => Promise<void>;
  noticeOf?: (values: Record<string, unknown>) => { zh: string; en: string } | null;
}

function badTarget(ctx: RecordContext, code: 'unknown_pool' | 'no_default_pool' | 'invalid_agents' | 'not_owned_entity'): ApiError {
  const message = text(code, ctx.locale);
  return new ApiError(400, code, message, [{ path: '/target', code, message }]);
}

async function administers(ctx: RecordContext, key: string): Promise<boolean> {
  const pool = await ctx.app.definitions.publishedPool(key);
  return !!pool && pool.entity === ctx.entity.key && (await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin;
}

/** Only a pool's admins (and workspace admins) may put records into it. */
async function requirePoolAdmin(ctx: RecordContext, key: string): Promise<void> {
  const pool = await ctx.app.definitions.publishedPool(key);
  if (!pool || pool.entity !== ctx.entity.key) throw badTarget(ctx, 'unknown_pool');
  if (!(await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin) {
    throw new ApiError(403, 'forbidden_pool', text('forbidden_pool', ctx.locale, { pool: localize(pool.label, ctx.locale) }));
  }
}

/** Agents an importer may hand records to: enabled users within the importer's data scope. */
async function checkAgents(ctx: RecordContext, ownerIds: string[]): Promise<string[]> {
  const ids = [...new Set(ownerIds)];
  const scope = await ctx.permissions.ownerScope(ctx.entity.key);
  const enabled = await usersCollection(ctx.app.db).countDocuments({ _id: { $in: ids }, disabled: { $ne: true } });
  if (!ids.length || enabled !== ids.length || (scope && ids.some((id) => !scope.includes(id)))) throw badTarget(ctx, 'invalid_agents');
  return ids;
}

const inPool = (poolKey: string): Ownership => ({
  ownerId: null, poolKey, fromPool: null, ownedSince: null, followedUpAt: null, request: null,
});

/**
 * Checks that the importer may send records where the target says and returns the placer. Refusals come
 * before anything is stored: 403 for a pool the importer does not administer, 400 for agents out of scope.
 */
export async function placerFor(ctx: RecordContext, target: ImportTarget | AutoTarget | undefined): Promise<Placement> {
  if (ctx.entity.owned === false) {
    if (target) throw badTarget(ctx, 'not_owned_entity');
    return { place: async () => ({ ownerId: null }) };
  }
  // Number lists have their own runner (outbound-lists/); the records routes' schema never lets them in here.
  if (!target || target.type === 'task' || target.type === 'dnc') throw badTarget(ctx, 'unknown_pool');
  if (target.type === 'agents') {
    const ids = await checkAgents(ctx, target.ownerIds);
    // Rows no chosen agent has room for wait in the default pool (as a distribution leaves them in the
    // pool when everyone is at the cap), when the importer may put records there; otherwise they are reported.
    const defaultPool = await ctx.app.definitions.defaultPoolOf(ctx.entity.key);
    const overflow = defaultPool && (await administers(ctx, defaultPool)) ? defaultPool : null;
    return roundRobinWithinCaps(ctx, ids, overflow, inPool);
  }
  if (target.pool !== 'auto') {
    await requirePoolAdmin(ctx, target.pool);
    return { place: async () => inPool(target.pool) };
  }
  const pools = await ctx.app.definitions.publishedPools(ctx.entity.key);
  const defaultPool = await ctx.app.definitions.defaultPoolOf(ctx.entity.key);
  if (!defaultPool) throw badTarget(ctx, 'no_default_pool');
  const candidates = pools.filter((p) => p.condition);
  for (const key of [defaultPool, ...candidates.map((p) => p.key)]) await requirePoolAdmin(ctx, key);
  const choose = poolChooser(candidates, defaultPool, (source, inputs) => ctx.app.expressions.evaluateMany(source, inputs));
  let chosen = new Map<Record<string, unknown>, PoolChoice>();
  const labelOf = (key: string, locale: 'zh' | 'en') => localize(pools.find((p) => p.key === key)?.label, locale) || key;
  return {
    beginChunk: async (rows, source) => {
      const choices = await choose(rows.map((values) => ({ values, source })));
      chosen = new Map(rows.map((values, i) => [values, choices[i]!]));
    },
    place: async (values, source) => inPool((chosen.get(values) ?? (await choose([{ values, source }]))[0]!).pool),
    noticeOf: (values) => {
      const choice = chosen.get(values);
      if (!choice?.failed.length) return null;
      const params = (locale: 'zh' | 'en') => ({
        conditions: choice.failed.map((f) => `"${labelOf(f.pool, locale)}": ${f.error}`).join('; '),
        into: labelOf(choice.pool, locale),
      });
      return bilingual('pool_condition_failed', { zh: params('zh'), en: params('en') });
    },
  };
}
