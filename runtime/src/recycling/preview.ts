import type { EntityDefinition, PoolDefinition, RecyclePreviewJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { RecordFilter } from '../records/service.js';
import { coveredFromPools, dueFilter } from './rules.js';

/**
 * How many records a (draft) pool's rules would take back at `now`, per rule as a sweep would: a record
 * due under two rules counts for the first only, so the counts add up to the total.
 */
export async function recyclePreview(app: FastifyInstance, pool: PoolDefinition, entity: EntityDefinition, now: Date): Promise<RecyclePreviewJson> {
  const records = app.records.system(entity.key);
  const base: RecordFilter = { fromPool: { $in: await coveredFromPools(app, pool) }, ownerId: { $ne: null }, deletedAt: null };
  const earlier: RecordFilter[] = [];
  const rules: RecyclePreviewJson['rules'] = [];
  for (const rule of pool.recycle ?? []) {
    const due = dueFilter(rule, now);
    const count = due ? await records.count({ ...base, $and: [due], ...(earlier.length ? { $nor: earlier } : {}) }) : 0;
    rules.push({ id: rule.id, count });
    if (due) earlier.push(due);
  }
  return { total: rules.reduce((sum, r) => sum + r.count, 0), rules };
}
