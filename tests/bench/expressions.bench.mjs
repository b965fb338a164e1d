#!/usr/bin/env node
// What evaluating in a worker thread costs (`npm run bench:expressions`, which builds first): the same pool
// condition over the same rows, in this thread (the bounded module alone) and through the runtime's expression
// workers, one evaluation per message and a chunk of rows per message (what an import does). The sides
// alternate and repeat; min / median / max per evaluation are printed.
import { ExpressionCache } from '@telesales/schemas/expressions';
import { ExpressionWorkers } from '@telesales/runtime/expressions/worker-pool';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const CONDITION = "values.source = 'online' and $contains(values.name, /^[A-Z]/)";
const rows = Array.from({ length: ROWS }, (_, i) => ({ values: { name: `Name ${i}`, source: i % 3 ? 'list' : 'online' }, source: null }));

const inThread = new ExpressionCache();
const workers = new ExpressionWorkers({ size: 1 });

const sides = {
  'in this thread': async () => { for (const row of rows) await inThread.evaluate(CONDITION, row); },
  'worker, 1 per message': async () => { for (const row of rows) await workers.evaluate(CONDITION, row); },
  'worker, 1000 per message': async () => { for (let i = 0; i < rows.length; i += 1000) await workers.evaluateMany(CONDITION, rows.slice(i, i + 1000)); },
};

const times = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
for (const run of Object.values(sides)) await run(); // warm up (and start the worker)
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(sides)) {
    const started = performance.now();
    await run();
    times[name].push(((performance.now() - started) * 1000) / ROWS);
  }
}
await workers.close();

const us = (n) => `${n.toFixed(1).padStart(7)} µs`;
console.log(`${ROWS} evaluations of one pool condition, ${ROUNDS} rounds, µs per evaluation`);
console.log(`${'side'.padEnd(26)}${'min'.padStart(10)}${'median'.padStart(10)}${'max'.padStart(10)}`);
for (const [name, list] of Object.entries(times)) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${name.padEnd(26)}${us(sorted[0])}${us(sorted[Math.floor(sorted.length / 2)])}${us(sorted.at(-1))}`);
}
