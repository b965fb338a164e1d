import type { EntityDefinition, PoolDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';

interface Context {
  /** Published owned entities; undefined while loading (nothing is checked then). */
  entities: EntityDefinition[] | undefined;
  /** Every pool; undefined while loading. */
  pools: PoolDefinition[] | undefined;
  message: { entity: string; toPool: string };
}

/**
 * What schema validation cannot know because it needs the other definitions: the pool's object must be a
 * published object with owners, and a rule may only send records to a pool of that same object.
 */
export function crossIssues(def: PoolDefinition, ctx: Context): Issue[] {
  const out: Issue[] = [];
  if (ctx.entities && def.entity && !ctx.entities.some((e) => e.key === def.entity)) {
    out.push({ path: '/entity', code: 'unknown_entity', message: ctx.message.entity });
  }
  if (ctx.pools) {
    (def.recycle ?? []).forEach((rule, i) => {
      if (rule.toPool === undefined || rule.toPool === def.key) return;
      const target = ctx.pools!.find((p) => p.key === rule.toPool);
      if (!target || target.entity !== def.entity) out.push({ path: `/recycle/${i}/toPool`, code: 'unknown_pool', message: ctx.message.toPool });
    });
  }
  return out;
}
