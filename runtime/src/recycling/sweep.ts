import type { FastifyInstance } from 'fastify';
import type { RecordFilter } from '../records/service.js';
import { recycleChange, type Recycle } from './recycle-update.js';
import { coveredFromPools, dueFilter, statusReset, targetPool } from './rules.js';

export interface SweepOptions {
  /** Records read and updated per round trip. */
  batchSize?: number;
  /** Stops after the current batch (the app is closing); what is left is done by the next sweep. */
  signal?: AbortSignal;
  /** Called after each batch (Agenda touches the job's lock here, so a long sweep keeps it). */
  afterBatch?: (recycled: number) => unknown;
}

const BATCH = 500;

/**
 * Takes back every record the pool's rules make due at `now`, rule by rule in the pool's order (a record
 * due under two rules is taken by the first). Safe to run in several processes at once and to rerun after
 * a crash: each record is one atomic conditional update (recycle-update.ts), so a record is recycled by
 * exactly one run, and whatever a killed run left is still due and found by the next one.
 */
export async function sweepPool(app: FastifyInstance, poolKey: string, now: Date, options: SweepOptions = {}): Promise<{ recycled: number }> {
  const pool = await app.definitions.publishedPool(poolKey);
  if (!pool?.recycle?.length) return { recycled: 0 };
  const entity = await app.definitions.getPublishedEntity(pool.entity);
  if (!entity || entity.owned === false) return { recycled: 0 };
  const records = app.records.system(entity.key);
  const size = options.batchSize ?? BATCH;
  const fromPools = await coveredFromPools(app, pool);
  let recycled = 0;
  for (const rule of pool.recycle) {
    const due = dueFilter(rule, now);
    if (!due) continue;
    const recycle: Recycle = {
      entity: entity.key, ruleId: rule.id, toPool: await targetPool(app, pool, rule), due, reset: statusReset(entity, rule), now,
    };
    const projection = { _id: 1, version: 1, ownerId: 1, ownedSince: 1, ...(recycle.reset ? { [`values.${recycle.reset.field}`]: 1 } : {}) };
    for (const fromPool of fromPools) {
      // Keyset paging on the sys:from_owned index (fromPool, ownedSince): a record the update missed (changed
      // meanwhile) is not read again in this run, so the loop always ends.
      let last: { ownedSince: Date; _id: string } | null = null;
      for (;;) {
        if (options.signal?.aborted) return { recycled };
        const after: RecordFilter[] = last
          ? [{ $or: [{ ownedSince: { $gt: last.ownedSince } }, { ownedSince: last.ownedSince, _id: { $gt: last._id } }] }]
          : [];
        const batch = await records.find(
          { fromPool, ownerId: { $ne: null }, deletedAt: null, $and: [due, ...after] },
          { projection, sort: { ownedSince: 1, _id: 1 }, limit: size },
        );
        if (!batch.length) break;
        const result = await records.writeMany(batch.map((doc) => recycleChange(doc, recycle)), { ordered: false });
        recycled += result.modified;
        if (result.modified) {
          app.logOutbox.schedule(entity.key);
          // Back in an automatic pool: dealt again to whoever is online.
          app.ownership.landed(recycle.toPool);
        }
        await options.afterBatch?.(recycled);
        if (batch.length < size) break;
        const end = batch[batch.length - 1]!;
        last = { ownedSince: end.ownedSince!, _id: end._id };
      }
    }
  }
  return { recycled };
}
