import type { PoolDefinition, RecycleRule, RecycleWarningJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { valueOf, type StoredRecord } from '../records/service.js';
import { durationMs, dueAt, targetPool } from './rules.js';

const HORIZON_MS = 24 * 3_600_000;
const LIMIT = 50;

type Applied = { pool: PoolDefinition; rule: RecycleRule; toPool: string };

/**
 * The person's owned records that a recycle rule will take back within 24 hours (or already should have:
 * the next sweep will), soonest first, at most 50: the workbench warns the agent to follow them up.
 */
export async function recycleWarnings(app: FastifyInstance, entityKeys: string[], userId: string, now: Date): Promise<RecycleWarningJson[]> {
  const horizon = now.getTime() + HORIZON_MS;
  const warnings: Array<RecycleWarningJson & { at: number }> = [];
  for (const key of entityKeys) {
    const entity = await app.definitions.getPublishedEntity(key);
    if (!entity || entity.owned === false) continue;
    const rules = await rulesByFromPool(app, key);
    const all = [...rules.values()].flat();
    if (!all.length) continue;
    // Every rule needs ownedSince + after <= horizon, so the shortest rule bounds what must be read.
    const shortest = Math.min(...all.map((a) => durationMs(a.rule.after)));
    const fields = new Set([entity.titleField, ...all.flatMap((a) => (a.rule.dealWhen ? [a.rule.dealWhen.field] : []))].filter((f): f is string => !!f));
    const docs = await app.records.system(key).find(
      { ownerId: userId, deletedAt: null, ownedSince: { $lte: new Date(horizon - shortest) } },
      { projection: { _id: 1, ownedSince: 1, followedUpAt: 1, fromPool: 1, ...Object.fromEntries([...fields].map((f) => [`values.${f}`, 1])) } },
    );
    for (const doc of docs) {
      const soonest = soonestRule(rules.get(doc.fromPool ?? null) ?? [], doc);
      if (!soonest || soonest.at > horizon) continue;
      const title = entity.titleField ? valueOf(doc.values, entity.titleField) : undefined;
      warnings.push({
        entity: key, id: doc._id, title: typeof title === 'string' ? title : String(title ?? ''),
        dueAt: new Date(soonest.at).toISOString(), rule: soonest.applied.rule.when, toPool: soonest.applied.toPool, at: soonest.at,
      });
    }
  }
  return warnings.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).slice(0, LIMIT).map(({ at: _at, ...w }) => w);
}

/** The rules that apply by `fromPool`: each pool's own, and the default pool's also for null. */
async function rulesByFromPool(app: FastifyInstance, entityKey: string): Promise<Map<string | null, Applied[]>> {
  const pools = await app.definitions.publishedPools(entityKey);
  const defaultPool = await app.definitions.defaultPoolOf(entityKey);
  const byFrom = new Map<string | null, Applied[]>();
  for (const pool of pools) {
    const applied = await Promise.all((pool.recycle ?? []).map(async (rule) => ({ pool, rule, toPool: await targetPool(app, pool, rule) })));
    byFrom.set(pool.key, applied);
    if (pool.key === defaultPool) byFrom.set(null, applied);
  }
  return byFrom;
}

function soonestRule(applied: Applied[], doc: StoredRecord): { applied: Applied; at: number } | null {
  let best: { applied: Applied; at: number } | null = null;
  for (const a of applied) {
    const at = dueAt(a.rule, doc)?.getTime();
    if (at !== undefined && (!best || at < best.at)) best = { applied: a, at };
  }
  return best;
}
