#!/usr/bin/env node
// Benchmark of the import (`npm run bench:import`, which builds first; or `npx tsc -b embedded-mongo schemas
// runtime` and run this file).
//
// One process: the embedded database in a worker thread (memory only) and the runtime (buildApp, insurance
// template) listening on 127.0.0.1; the client side (fetch) in the same process.
//   1. A CSV of BENCH_IMPORT_ROWS generated customers (default 100,000): 1% repeat an earlier row's phone
//      (duplicates within the file) and 0.5% have the phone of a customer stored beforehand (database
//      duplicates). Uploaded (POST /api/imports/customer/files: decode, parse, store in chunks), then imported
//      into the default pool (POST /api/imports/customer, polled until done). rows/s = file rows / time from
//      the POST to "done" (the background run: validation, dedupe, insertMany, reports, progress).
//   2. Baseline in the same run: the driver's insertMany (1,000 per call, unordered, duplicate errors
//      caught) of the same documents the import stores, into a fresh collection with the entity's indexes.
//   3. Responsiveness: GET /api/health every 10 ms during the import and while idle: p50 / p99 / max (it
//      includes a database ping, so it also waits for the database thread), and the runtime's own
//      event-loop delay during the import (perf_hooks.monitorEventLoopDelay).
// It prints figures and the ratio; it fails only when counts are wrong.
//   BENCH_IMPORT_ROWS   rows in the file (default 100000)
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../embedded-mongo/dist/index.js';
import { buildApp } from '../../runtime/dist/app.js';
import { indexesFor } from '../../runtime/dist/records/indexes.js';
import { installTemplate, templateDir } from '../../runtime/dist/templates/install.js';
import { defaultValues, normalizePhone } from '../../schemas/dist/index.js';

const ROWS = Math.max(1_000, Number(process.env.BENCH_IMPORT_ROWS ?? 100_000));
const IN_FILE_DUPS = Math.floor(ROWS * 0.01);
const DB_DUPS = Math.floor(ROWS * 0.005);
const log = (...a) => console.error('[bench]', ...a);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const q = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return { n: s.length, p50: q(s, 0.5), p99: q(s, 0.99), max: s[s.length - 1] ?? NaN };
};
const SOURCES = ['online', 'list', 'event', 'referral'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');

/** Row i of the file: name, phone (distinct unless a duplicate), source, email, premium. */
function makeRows() {
  const phones = Array.from({ length: ROWS }, (_, i) => `139${String(i).padStart(8, '0')}`);
  // Every 100th row (from row 100) repeats an earlier row's phone; every 200th (offset 50) is stored already.
  const dbPhones = [];
  for (let k = 0; k < IN_FILE_DUPS; k++) phones[100 * (k + 1) - 1] = phones[k * 7];
  for (let k = 0; k < DB_DUPS; k++) dbPhones.push(phones[200 * k + 50]);
  const rows = phones.map((phone, i) => [
    `${SURNAMES[i % SURNAMES.length]}客户${i}`, phone, SOURCES[i % 4], i % 3 ? `c${i}@example.com` : '', String(1000 * (1 + (i % 20))),
  ]);
  return { rows, dbPhones };
}

function csvOf(rows) {
  return ['姓名,手机号,来源,邮箱,预算年保费', ...rows.map((r) => r.join(','))].join('\n');
}

/** The record document the import stores for a row (the driver baseline inserts the same shape). */
function recordDoc(entity, row, now) {
  const values = { ...defaultValues(entity), name: row[0], phone: normalizePhone(row[1], 'CN'), source: row[2], annual_premium: Number(row[4]) };
  if (row[3]) values.email = row[3];
  return {
    _id: randomUUID(), version: 1, ownerId: null, createdAt: now, createdBy: 'bench', updatedAt: now, updatedBy: 'bench',
    deletedAt: null, deletedBy: null, values, poolKey: 'default', fromPool: null, ownedSince: null, followedUpAt: null, request: null,
    importBatch: 'bench',
  };
}

/** GET /api/health in a loop until stopped: the latencies a load balancer (or an agent's page) would see. */
function probeHealth(base) {
  const latencies = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => { running = false; await done; return stats(latencies); };
}

async function main() {
  const mongo = await startEmbeddedMongo();
  const dbName = `bench_import_${process.pid}`;
  const app = await buildApp({ mongoUri: mongo.uri, dbName, embedded: true, jobs: false });
  await installTemplate(app, templateDir('insurance'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  const entity = await app.definitions.getPublishedEntity('customer');
  const { rows, dbPhones } = makeRows();
  const csv = csvOf(rows);
  log(`${fmt(ROWS)} rows, ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB; ${fmt(IN_FILE_DUPS)} duplicates in the file, ${fmt(DB_DUPS)} of stored customers`);

  // Customers stored beforehand (the database duplicates), through the runtime's own client.
  const now = new Date();
  await app.db.collection('records_customer').insertMany(dbPhones.map((p, i) => ({ ...recordDoc(entity, [`已有${i}`, p, 'list', '', '1000'], now), importBatch: undefined })));

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'admin123' }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const headers = { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'en' };

  const idleStop = probeHealth(base);
  await new Promise((r) => setTimeout(r, 2000));
  const idle = await idleStop();

  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  let t = performance.now();
  const stopUploadProbe = probeHealth(base);
  const up = await fetch(`${base}/api/imports/customer/files`, { method: 'POST', headers, body: form }).then((r) => r.json());
  const uploadMs = performance.now() - t;
  const duringUpload = await stopUploadProbe();
  if (up.rows !== ROWS) throw new Error(`upload read ${up.rows} rows`);

  const stopProbe = probeHealth(base);
  // The runtime's own event loop (the health answer also waits for the database thread).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  t = performance.now();
  const started = await fetch(`${base}/api/imports/customer`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ fileId: up.fileId, mapping: up.suggested, target: { type: 'pool', pool: 'default' } }),
  }).then((r) => r.json());
  let batch;
  for (;;) {
    batch = await fetch(`${base}/api/imports/customer/batches/${started.batchId}`, { headers }).then((r) => r.json());
    if (batch.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const importMs = performance.now() - t;
  loop.disable();
  const during = await stopProbe();
  const expected = ROWS - IN_FILE_DUPS - DB_DUPS;
  if (batch.status !== 'done' || batch.inserted !== expected || batch.duplicatesInFile !== IN_FILE_DUPS || batch.duplicatesInDb !== DB_DUPS) {
    throw new Error(`wrong counts: ${JSON.stringify(batch)} (expected inserted ${expected})`);
  }

  // Baseline: the same documents through the driver, into a fresh collection with the same indexes.
  const client = await MongoClient.connect(mongo.uri);
  const coll = client.db(dbName).collection('records_baseline');
  await coll.createIndexes(indexesFor(entity));
  const docs = rows.map((r) => recordDoc(entity, r, new Date()));
  for (const p of dbPhones) await coll.insertOne(recordDoc(entity, ['x', p, 'list', '', '1000'], new Date()));
  t = performance.now();
  let inserted = 0;
  for (let i = 0; i < docs.length; i += 1000) {
    try {
      inserted += (await coll.insertMany(docs.slice(i, i + 1000), { ordered: false })).insertedCount;
    } catch (e) {
      if (!e.writeErrors && e.code !== 11000) throw e;
      inserted += e.result?.insertedCount ?? 0;
    }
  }
  const driverMs = performance.now() - t;
  await client.close();

  const importRate = ROWS / (importMs / 1000);
  const driverRate = ROWS / (driverMs / 1000);
  const ms = (s) => `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.n})`;
  console.log(`import bench: ${fmt(ROWS)} rows (${fmt(IN_FILE_DUPS)} in-file duplicates, ${fmt(DB_DUPS)} database duplicates)`);
  console.log(`  upload (decode + parse + store)   ${(uploadMs / 1000).toFixed(2)} s   ${fmt(ROWS / (uploadMs / 1000))} rows/s`);
  console.log(`  import via API (background run)   ${(importMs / 1000).toFixed(2)} s   ${fmt(importRate)} rows/s   inserted ${fmt(batch.inserted)}`);
  console.log(`  driver insertMany (same docs)     ${(driverMs / 1000).toFixed(2)} s   ${fmt(driverRate)} rows/s   inserted ${fmt(inserted)}`);
  console.log(`  ratio import / driver             ${(importRate / driverRate).toFixed(2)}x`);
  console.log(`  upload + import end to end        ${fmt(ROWS / ((uploadMs + importMs) / 1000))} rows/s`);
  console.log(`  /api/health idle                  ${ms(idle)}`);
  console.log(`  /api/health during upload         ${ms(duringUpload)}`);
  console.log(`  /api/health during import        ${ms(during)}`);
  console.log(`  event-loop delay during import    p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
  await app.close();
  await mongo.stop();
}

const watchdog = setTimeout(() => { console.error('[bench] timed out'); process.exit(2); }, 15 * 60_000);
watchdog.unref();
main().catch((e) => { console.error(e); process.exit(1); });
