import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PoolDefinition } from '@telesales/schemas';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { JOBS_COLLECTION, RecycleScheduler, jobName } from '@telesales/runtime/recycling/scheduler';
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/definitions/plugin';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { DAY, customers, recycleEntries, seed, userId } from './recycling-support.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const by = { id: 'test', name: 'Test' };

async function waitFor(what: string, cond: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The sweeps as Agenda jobs on the embedded database: one per pool with rules, run, rescheduled, stopped. */
describe('recycling jobs (Agenda)', () => {
  let fx: RuntimeFixture;
  const jobs = () => fx.app.db.collection(JOBS_COLLECTION);

  beforeAll(async () => {
    fx = await startRuntime();
  });
  afterAll(() => fx.close());

  it('the runtime schedules one repeating job per pool with recycle rules, every 5 minutes, and keeps it across restarts', async () => {
    const docs = await jobs().find({}).sort({ name: 1 }).toArray();
    expect(docs.map((d) => [d.name, d.type, d.repeatInterval, d.data])).toEqual([
      ['recycle pool default', 'single', '5 minutes', { pool: 'default' }],
      ['recycle pool online_leads', 'single', '5 minutes', { pool: 'online_leads' }],
    ]);
    const next = docs[0]!.nextRunAt as Date;
    expect(next.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    // Another runtime process starting on the same database does not push the next run back.
    const other = await buildApp({ mongoUri: fx.uri, dbName: fx.dbName, embedded: true });
    await other.close();
    expect((await jobs().findOne({ name: 'recycle pool default' }))?.nextRunAt).toEqual(next);
    expect(await jobs().countDocuments({})).toBe(2);
  });

  it('reschedules when a pool is published: new rules add a job, no rules remove it', async () => {
    const pool: PoolDefinition = {
      kind: 'pool', schemaVersion: 1, id: randomUUID(), key: 'shanghai', label: { zh: '上海公海', en: 'Shanghai' }, entity: 'customer', mode: 'manual',
      recycle: [{ id: randomUUID(), when: 'noFollowUp', after: { value: 2, unit: 'days' } }],
    };
    await fx.app.definitions.create(pool, by, 'en');
    await fx.app.definitions.publish('pool', 'shanghai', pool, 'with a rule', by, 'en');
    expect(await jobs().findOne({ name: jobName('shanghai') })).toMatchObject({ type: 'single', data: { pool: 'shanghai' } });
    await fx.app.definitions.publish('pool', 'shanghai', { ...pool, recycle: [] }, 'no rules', by, 'en');
    expect(await jobs().countDocuments({ name: jobName('shanghai') })).toBe(0);
  });

  it('runs the sweep on its schedule against the embedded database and stops cleanly', { timeout: 30_000 }, async () => {
    // A runtime without its own jobs, and a scheduler on it with a short interval (the runtime's is 5 minutes).
    const dbName = `${fx.dbName}_agenda`;
    const app: FastifyInstance = await buildApp({ mongoUri: fx.uri, dbName, embedded: true, jobs: false });
    const schedulers: RecycleScheduler[] = [];
    try {
      await installTemplate(app, templateDir('insurance'));
      await customers(app.db).deleteMany({});
      const agent = await userId(app.db, 'agent1');
      const longAgo = new Date(Date.now() - 100 * DAY);
      const due = await seed(app.db, Array.from({ length: 40 }, () => ({ ownerId: agent, fromPool: 'default', ownedSince: longAgo })));
      const [fresh] = await seed(app.db, [{ ownerId: agent, fromPool: 'default', ownedSince: new Date() }]);

      // Two schedulers on one database, as two runtime processes: each pool's job runs, each record once.
      for (let i = 0; i < 2; i++) {
        const scheduler = new RecycleScheduler(app, { every: '1 second', processEvery: 200, lockLifetime: 4000 });
        schedulers.push(scheduler);
        await scheduler.start();
      }
      await waitFor('the sweep job to recycle every due record', async () => (await customers(app.db).countDocuments({ ownerId: null })) === 40, 15_000);
      await waitFor('the job to record its run', async () => !!(await app.db.collection(JOBS_COLLECTION).findOne({ name: jobName('default'), lastFinishedAt: { $type: 'date' } })), 5_000);
      expect((await customers(app.db).findOne({ _id: fresh! }))?.ownerId).toBe(agent);
      const entries = await recycleEntries(app.db, due);
      expect([...entries.values()].filter((e) => e.length !== 1)).toEqual([]);

      const started = Date.now();
      for (const s of schedulers.splice(0)) await s.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
      const failed = await app.db.collection(JOBS_COLLECTION).find({ failReason: { $exists: true, $ne: null } }).toArray();
      expect(failed.map((j) => [j.name, j.failReason])).toEqual([]);
    } finally {
      for (const s of schedulers) await s.stop();
      await app.close();
    }
  });
});
