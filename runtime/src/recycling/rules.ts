import type { EntityDefinition, PoolDefinition, RecycleRule } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { valueOf, type RecordFilter, type StoredRecord } from '../records/service.js';

const HOUR_MS = 3_600_000;

export function durationMs(after: RecycleRule['after']): number {
  return after.value * (after.unit === 'days' ? 24 : 1) * HOUR_MS;
}

/**
 * The records (already owned, taken from the right pool) a rule takes back at `now`; null when the rule can
 * never fire (a noDeal rule without its deal values). A record without `ownedSince` is never judged: nobody
 * can say how long it has been owned.
 */
export function dueFilter(rule: RecycleRule, now: Date): RecordFilter | null {
  const cutoff = new Date(now.getTime() - durationMs(rule.after));
  if (rule.when === 'noFollowUp') {
    // max(ownedSince, followedUpAt) < cutoff, with "never followed up" counting as the claim itself.
    return { ownedSince: { $lt: cutoff }, $or: [{ followedUpAt: null }, { followedUpAt: { $lt: cutoff } }] };
  }
  if (!rule.dealWhen) return null;
  return { ownedSince: { $lt: cutoff }, [`values.${rule.dealWhen.field}`]: { $nin: rule.dealWhen.values } };
}

/** When the rule takes the record back (it is due any moment after); null when it never will as things stand. */
export function dueAt(rule: RecycleRule, doc: Pick<StoredRecord, 'ownedSince' | 'followedUpAt' | 'values'>): Date | null {
  if (!doc.ownedSince) return null;
  const after = durationMs(rule.after);
  if (rule.when === 'noFollowUp') {
    const last = Math.max(doc.ownedSince.getTime(), doc.followedUpAt?.getTime() ?? 0);
    return new Date(last + after);
  }
  if (!rule.dealWhen) return null;
  const value = valueOf(doc.values, rule.dealWhen.field);
  const deal = rule.dealWhen.values as readonly unknown[];
  // The same judgement as Mongo's $nin: an array value is a deal when any element is.
  if (Array.isArray(value) ? value.some((v) => deal.includes(v)) : deal.includes(value)) return null;
  return new Date(doc.ownedSince.getTime() + after);
}

/**
 * The `fromPool` values whose records follow this pool's rules: its own, and, for the entity's default pool,
 * also null (records an agent created or was given directly).
 */
export async function coveredFromPools(app: FastifyInstance, pool: Pick<PoolDefinition, 'key' | 'entity' | 'system'>): Promise<Array<string | null>> {
  const defaultPool = await app.definitions.defaultPoolOf(pool.entity);
  const isDefault = defaultPool ? defaultPool === pool.key : pool.system === 'default';
  return isDefault ? [pool.key, null] : [pool.key];
}

/** Where a rule sends records: its `toPool` when that is a published pool of the entity, else the pool itself. */
export async function targetPool(app: FastifyInstance, pool: PoolDefinition, rule: RecycleRule): Promise<string> {
  if (!rule.toPool || rule.toPool === pool.key) return pool.key;
  const target = await app.definitions.publishedPool(rule.toPool);
  return target && target.entity === pool.entity ? target.key : pool.key;
}

/** The status reset a rule asks for, only when the entity still has that field. */
export function statusReset(entity: EntityDefinition, rule: RecycleRule): { field: string; value: string } | null {
  const reset = rule.resetStatus;
  return reset && entity.fields.some((f) => f.key === reset.field && !f.retired) ? reset : null;
}
