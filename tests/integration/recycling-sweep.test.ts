import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '@telesales/runtime/app';
import { sweepPool } from '@telesales/runtime/recycling/sweep';
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/records/log-outbox';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { DAY, HOUR, NO_DEAL, NO_FOLLOW_UP, ONLINE_NO_FOLLOW_UP, customers, recycleEntries, seed, userId } from './recycling-support.js';

/**
 * The recycle sweep on a simulated clock: the sweep is given `now`, the records' clocks are real, so
 * "three days later" is a sweep with now = t0 + 3 days. Pool default: not followed up in 72 h, or no deal
 * (status won) in 180 days, back to default with status reset to pending; online_leads: 24 h.
 */
describe('recycle sweep', () => {
  let fx: RuntimeFixture;
  let agent1: string;
  let agent2: string;
  const t0 = new Date();
  const at = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    fx = await startRuntime();
    agent1 = await userId(fx.app.db, 'agent1');
    agent2 = await userId(fx.app.db, 'agent2');
  });
  afterAll(() => fx.close());
  // Each test starts from an empty customer collection (the demo customers would follow the default rules too).
  beforeEach(async () => {
    await customers(fx.app.db).deleteMany({});
  });

  it('takes back a record not followed up within 72 hours, not before, resets its status and logs the rule', async () => {
    const [id] = await seed(fx.app.db, [{ ownerId: agent1, fromPool: 'default', ownedSince: t0, status: 'following' }]);
    expect(await sweepPool(fx.app, 'default', at(71 * HOUR))).toEqual({ recycled: 0 });
    expect(await sweepPool(fx.app, 'default', at(72 * HOUR))).toEqual({ recycled: 0 });
    expect(await sweepPool(fx.app, 'default', at(72 * HOUR + 1000))).toEqual({ recycled: 1 });

    const doc = await customers(fx.app.db).findOne({ _id: id! });
    expect(doc).toMatchObject({
      ownerId: null, poolKey: 'default', fromPool: null, ownedSince: null, followedUpAt: null, request: null,
      version: 2, updatedBy: 'system', values: { status: 'pending' },
    });
    const entries = (await recycleEntries(fx.app.db, [id!])).get(id!)!;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'recycle', version: 2, by: { id: 'system', name: 'System' },
      changes: [{ field: 'status', before: 'following', after: 'pending' }],
      detail: { fromOwner: agent1, toPool: 'default', rule: NO_FOLLOW_UP },
    });

    // The record's history, as an admin reads it through the API.
    await fx.app.logOutbox.sweep();
    const admin = await fx.login('admin');
    const log = (await admin.get(`/api/records/customer/${id}/log`)).body;
    expect(log[0]).toMatchObject({ action: 'recycle', by: { id: 'system', name: 'System' }, detail: { rule: 'noFollowUp' } }); // the API names the kind of rule
    expect(log[0].changes).toEqual([expect.objectContaining({ field: 'status', before: expect.anything(), after: expect.anything() })]);
  });

  it('a follow-up restarts the clock', async () => {
    const [id] = await seed(fx.app.db, [{ ownerId: agent1, fromPool: 'default', ownedSince: t0, followedUpAt: at(48 * HOUR) }]);
    expect(await sweepPool(fx.app, 'default', at(100 * HOUR))).toEqual({ recycled: 0 });
    expect(await sweepPool(fx.app, 'default', at(120 * HOUR + 1000))).toEqual({ recycled: 1 });
    expect((await customers(fx.app.db).findOne({ _id: id! }))?.ownerId).toBeNull();
  });

  it('no deal within 180 days takes back the record unless its status is won', async () => {
    // Followed up the day before, so only the no-deal rule can fire.
    const [won, open] = await seed(fx.app.db, [
      { ownerId: agent1, fromPool: 'default', ownedSince: t0, followedUpAt: at(180 * DAY), status: 'won' },
      { ownerId: agent2, fromPool: 'default', ownedSince: t0, followedUpAt: at(180 * DAY), status: 'interested' },
    ]);
    expect(await sweepPool(fx.app, 'default', at(179 * DAY))).toEqual({ recycled: 0 });
    expect(await sweepPool(fx.app, 'default', at(181 * DAY))).toEqual({ recycled: 1 });
    const docs = new Map((await customers(fx.app.db).find({}).toArray()).map((d) => [d._id, d]));
    expect(docs.get(won!)).toMatchObject({ ownerId: agent1, version: 1, values: { status: 'won' } });
    expect(docs.get(open!)).toMatchObject({ ownerId: null, poolKey: 'default', values: { status: 'pending' } });
    const entry = (await recycleEntries(fx.app.db, [open!])).get(open!)![0]!;
    expect(entry.detail).toEqual({ fromOwner: agent2, toOwner: null, toPool: 'default', rule: NO_DEAL });
    expect(entry.changes).toEqual([{ field: 'status', before: 'interested', after: 'pending' }]);
  });

  it('applies each pool\'s own rules: fromPool null follows the default pool, lost has none, deleted records stay', async () => {
    const [created, online, lost, deleted, byOnlineRule] = await seed(fx.app.db, [
      { ownerId: agent1, fromPool: null, ownedSince: t0, status: 'pending' },
      { ownerId: agent1, fromPool: 'online_leads', ownedSince: at(30 * HOUR) },
      { ownerId: agent2, fromPool: 'lost', ownedSince: t0 },
      { ownerId: agent2, fromPool: 'default', ownedSince: t0, deletedAt: t0 },
      { ownerId: agent2, fromPool: 'online_leads', ownedSince: t0 },
    ]);
    expect(await sweepPool(fx.app, 'default', at(73 * HOUR))).toEqual({ recycled: 1 });
    expect(await sweepPool(fx.app, 'online_leads', at(50 * HOUR))).toEqual({ recycled: 1 });
    expect(await sweepPool(fx.app, 'lost', at(1000 * DAY))).toEqual({ recycled: 0 });
    const docs = new Map((await customers(fx.app.db).find({}).toArray()).map((d) => [d._id, d]));
    // Already pending: the status is not changed, so the entry has no change, only the move.
    expect(docs.get(created!)).toMatchObject({ ownerId: null, poolKey: 'default', values: { status: 'pending' } });
    expect((await recycleEntries(fx.app.db, [created!])).get(created!)![0]!.changes).toEqual([]);
    expect(docs.get(online!)).toMatchObject({ ownerId: agent1, fromPool: 'online_leads' });
    expect(docs.get(lost!)).toMatchObject({ ownerId: agent2, fromPool: 'lost' });
    expect(docs.get(deleted!)).toMatchObject({ ownerId: agent2, version: 1 });
    expect(docs.get(byOnlineRule!)).toMatchObject({ ownerId: null, poolKey: 'online_leads', values: { status: 'pending' } });
    expect((await recycleEntries(fx.app.db, [byOnlineRule!])).get(byOnlineRule!)![0]!.detail?.rule).toBe(ONLINE_NO_FOLLOW_UP);
  });

  it('is idempotent: a second sweep at the same time recycles nothing more', async () => {
    const ids = await seed(fx.app.db, Array.from({ length: 120 }, (_, i) => ({ ownerId: i % 2 ? agent1 : agent2, fromPool: 'default', ownedSince: at(i * 1000) })));
    const now = at(80 * HOUR);
    expect(await sweepPool(fx.app, 'default', now, { batchSize: 25 })).toEqual({ recycled: 120 });
    expect(await sweepPool(fx.app, 'default', now, { batchSize: 25 })).toEqual({ recycled: 0 });
    const entries = await recycleEntries(fx.app.db, ids);
    expect([...entries.values()].map((e) => e.length)).toEqual(ids.map(() => 1));
  });

  it('two processes sweeping the same pool at once recycle each record exactly once', { timeout: 30_000 }, async () => {
    const ids = await seed(fx.app.db, Array.from({ length: 600 }, (_, i) => ({ ownerId: i % 2 ? agent1 : agent2, fromPool: 'default', ownedSince: at(i) })));
    // A second runtime on the same database: its own connection pool, as another process would have.
    const other = await buildApp({ mongoUri: fx.uri, dbName: fx.dbName, embedded: true, jobs: false });
    try {
      const now = at(80 * HOUR);
      const runs = await Promise.all([
        sweepPool(fx.app, 'default', now, { batchSize: 40 }),
        sweepPool(other, 'default', now, { batchSize: 40 }),
        sweepPool(fx.app, 'default', now, { batchSize: 70 }),
        sweepPool(other, 'default', now, { batchSize: 55 }),
      ]);
      expect(runs.reduce((sum, r) => sum + r.recycled, 0)).toBe(600);
      console.log(`concurrent sweeps recycled ${runs.map((r) => r.recycled).join(' + ')} = 600`);
    } finally {
      await other.close();
    }
    const entries = await recycleEntries(fx.app.db, ids);
    const counts = [...entries.values()].map((e) => e.length);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(await customers(fx.app.db).countDocuments({ ownerId: { $ne: null } })).toBe(0);
    expect(await customers(fx.app.db).countDocuments({ version: 2, poolKey: 'default' })).toBe(600);
  });
});
