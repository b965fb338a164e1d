import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepPool } from '@telesales/runtime/recycling/sweep';
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/records/log-outbox';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { HOUR, customers, recycleEntries, seed, userId } from './recycling-support.js';

const CHILD = fileURLToPath(new URL('./support/recycle-child.mjs', import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A runtime process killed (SIGKILL) in the middle of a sweep, then the sweep run again: every due
 * customer is recycled exactly once (one update and one log entry each), none is left owned.
 */
describe('recycle sweep killed in the middle', () => {
  let fx: RuntimeFixture;

  beforeAll(async () => {
    fx = await startRuntime();
    await customers(fx.app.db).deleteMany({});
  });
  afterAll(() => fx.close());

  it('recycles every due customer exactly once after a SIGKILL and a rerun', { timeout: 60_000 }, async () => {
    const total = 2000;
    const agents = [await userId(fx.app.db, 'agent1'), await userId(fx.app.db, 'agent2')];
    const t0 = new Date();
    const ids = await seed(fx.app.db, Array.from({ length: total }, (_, i) => ({ ownerId: agents[i % 2]!, fromPool: 'default', ownedSince: new Date(t0.getTime() + i) })));
    const now = new Date(t0.getTime() + 100 * HOUR);
    const recycledCount = () => customers(fx.app.db).countDocuments({ ownerId: null, poolKey: 'default' });

    // The child connects to the embedded server this process runs (its TCP listener serves any process).
    const child = spawn(process.execPath, [CHILD, fx.uri, fx.dbName, 'default', now.toISOString(), '50', '25'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

    const deadline = Date.now() + 30_000;
    let before = 0;
    while ((before = await recycledCount()) < 150) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child made no progress (${before} recycled): ${output}`);
      await sleep(10);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = await recycledCount();
    console.log(`killed the sweeping process after ${atKill} of ${total} recycles`);
    expect(output).not.toContain('done');
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);

    // The rerun (this process) finds exactly what is still due.
    const started = Date.now();
    const rerun = await sweepPool(fx.app, 'default', now, { batchSize: 500 });
    console.log(`the rerun recycled the remaining ${rerun.recycled} in ${Date.now() - started} ms`);
    expect(rerun.recycled).toBe(total - atKill);
    expect(await sweepPool(fx.app, 'default', now)).toEqual({ recycled: 0 });

    expect(await customers(fx.app.db).countDocuments({ ownerId: { $ne: null } })).toBe(0);
    expect(await customers(fx.app.db).countDocuments({ version: 2, poolKey: 'default', 'values.status': 'pending' })).toBe(total);
    const once = (entries: Map<string, unknown[]>) => [...entries.values()].filter((e) => e.length !== 1).length;
    expect(once(await recycleEntries(fx.app.db, ids)), 'records without exactly one recycle entry').toBe(0);
    // And once the outbox has moved what the killed process left on the records, the oplog alone says so.
    await fx.app.logOutbox.sweep();
    expect(await customers(fx.app.db).countDocuments({ logPending: true })).toBe(0);
    const moved = await fx.app.db.collection('oplog').aggregate([
      { $match: { entity: 'customer', action: 'recycle' } }, { $group: { _id: '$recordId', n: { $sum: 1 } } }, { $match: { n: 1 } }, { $count: 'records' },
    ]).toArray();
    expect(moved[0]?.records).toBe(total);
  });
});
