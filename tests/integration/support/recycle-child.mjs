// A runtime process that sweeps one pool and is meant to be killed in the middle (recycling-crash.test.ts).
// argv: mongoUri dbName pool nowIso batchSize pauseMs. Prints "ready" once connected, "done <n>" at the end.
import { buildApp } from '@telesales/runtime/app';
import { sweepPool } from '@telesales/runtime/recycling/sweep';

const [uri, dbName, pool, nowIso, batchSize, pauseMs] = process.argv.slice(2);
const app = await buildApp({ mongoUri: uri, dbName, embedded: true, jobs: false });
process.stdout.write('ready\n');
const { recycled } = await sweepPool(app, pool, new Date(nowIso), {
  batchSize: Number(batchSize),
  // Slower batches give the test a wide window to kill the process between (or during) them.
  afterBatch: () => new Promise((resolve) => setTimeout(resolve, Number(pauseMs))),
});
process.stdout.write(`done ${recycled}\n`);
await app.close();
