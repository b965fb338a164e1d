#!/usr/bin/env node
// Server-side cost of an indexed lookup, without the driver and the network: how many findOne-by-phone the
// engine itself answers per second at 10k, 100k and 1M documents (`npm run bench:db:engine`). Through the
// driver, every call also pays a round trip that on a 2-core machine costs more than the lookup (compare
// the ping figure of `npm run bench:db`).
import { serialize, ObjectId } from 'bson';
import { Storage } from '@telesales/embedded-mongo/dist/storage/storage.js';
import { decode } from '@telesales/embedded-mongo/dist/storage/collection.js';
import { committedSource } from '@telesales/embedded-mongo/dist/engine/doc-source.js';
import { findMatches } from '@telesales/embedded-mongo/dist/engine/find.js';

const STEPS = [10_000, 100_000, Number(process.env.BENCH_DOCS ?? 1_000_000)];
const phoneOf = (i) => `+49-30-${String(i).padStart(9, '0')}`;

const storage = await Storage.open({});
const setup = storage.batch();
const coll = setup.ensureCollection('bench', 'customers');
setup.catalog({ o: 'cidx', ns: coll.ns, spec: { v: 2, key: { phone: 1 }, name: 'phone_1', unique: true } });
const source = committedSource(() => coll);

let loaded = 0;
const results = {};
for (const target of STEPS) {
  const batch = storage.batch();
  for (; loaded < target; loaded++) {
    const raw = serialize({ _id: new ObjectId(), name: `Customer ${loaded}`, phone: phoneOf(loaded), city: 'Berlin', status: 'new', owner: `agent-${loaded % 40}`, score: loaded % 1000, createdAt: new Date(), tags: ['warm', 'b2b'], note: 'Prefers calls in the morning, renewal due next quarter' });
    batch.put(coll, `k${loaded}`, raw, decode(raw));
  }
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 2000) {
    const [hit] = findMatches(source, { phone: phoneOf((n * 7919) % loaded) }, { limit: 1 });
    if (!hit) throw new Error('lookup missed');
    n++;
  }
  results[loaded] = Math.round(n / ((performance.now() - started) / 1000));
  console.log(`engine findOne by unique phone at ${loaded.toLocaleString('en')} docs: ${results[loaded].toLocaleString('en')}/s; RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
}
const first = results[STEPS[0]];
const last = results[loaded];
console.log(`slowdown ${STEPS[0].toLocaleString('en')} -> ${loaded.toLocaleString('en')}: ${(first / last).toFixed(2)}x (target: within 2x)`);
console.log(JSON.stringify({ bench: 'engine-index-lookup', perSec: results, slowdown: +(first / last).toFixed(3) }));
