import { usersCollection } from '../org/users.js';
import { poolRole } from '../ownership/membership.js';
import type { RecordContext } from '../records/service.js';

/**
 * What the wizard offers: the entity's pools this person administers (only admins may put records into a
 * pool), "automatic" when they administer the default pool and every pool with a condition, and the
 * enabled users within their data scope for round-robin.
 */
export async function importTargets(ctx: RecordContext) {
  if (ctx.entity.owned === false) return { owned: false, pools: [], auto: false, agents: [] };
  const pools = await ctx.app.definitions.publishedPools(ctx.entity.key);
  const admin: typeof pools = [];
  for (const pool of pools) if ((await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin) admin.push(pool);
  const defaultPool = await ctx.app.definitions.defaultPoolOf(ctx.entity.key);
  const adminKeys = new Set(admin.map((p) => p.key));
  const auto = !!defaultPool && adminKeys.has(defaultPool) && pools.filter((p) => p.condition).every((p) => adminKeys.has(p.key));
  const scope = await ctx.permissions.ownerScope(ctx.entity.key);
  const agents = await usersCollection(ctx.app.db)
    .find({ disabled: { $ne: true }, ...(scope === null ? {} : { _id: { $in: scope } }) }, { projection: { name: 1 } })
    .sort({ name: 1 }).limit(1000).toArray();
  return {
    owned: true,
    pools: admin.map((p) => ({ key: p.key, label: p.label, mode: p.mode, ...(p.system ? { system: p.system } : {}), condition: !!p.condition })),
    auto,
    agents: agents.map((u) => ({ id: u._id, name: u.name })),
  };
}
