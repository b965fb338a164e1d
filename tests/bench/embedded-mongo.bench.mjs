#!/usr/bin/env node
// Benchmark of the embedded MongoDB-compatible server through the official driver (`npm run bench:db`).
// Starts embedded-mongo/dist/cli.js on a temporary dbpath, loads realistic ~300-byte customer records and prints
// throughput/latency figures next to the targets, then a final machine-readable JSON line.
//   BENCH_DOCS      documents to load (default 100000; 1000000 for the 1M figures)
//   BENCH_PHASE_MS  duration of each timed measurement (default 2500)
//   BENCH_TIMEOUT_MS  watchdog for the whole run
//   BENCH_ROUNDS    rounds of the insert-vs-update cost comparison (default 5)
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { BSON, MongoClient } from 'mongodb';
import { rssBytes, startEmbedded, tempDbPath } from './embedded-server.mjs';

const TOTAL = Math.max(10_000, Number(process.env.BENCH_DOCS ?? 100_000));
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 2_500);
const WATCHDOG_MS = Number(process.env.BENCH_TIMEOUT_MS ?? Math.max(15 * 60_000, (TOTAL / 100_000) * 6 * 60_000));
const BATCH = 1_000;
const CONCURRENCY = 16;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Documents per round of the update-cost comparison (the figure: updateMany of 10,000 with $set). */
const COST_DOCS = 10_000;
/** Sequential single-document operations per round of the comparison. */
const COST_SINGLE = 500;

// ---------------------------------------------------------------------------------------------------------------
// data

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Luis', 'Maya', 'Noah', 'Olga', 'Pavel'];
const LAST = ['Schmidt', 'Garcia', 'Rossi', 'Novak', 'Dubois', 'Jansen', 'Silva', 'Kowalski', 'Murphy', 'Larsen', 'Weber', 'Costa'];
const CITIES = ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig', 'Dresden', 'Vienna', 'Zurich', 'Madrid', 'Lisbon', 'Paris', 'Lyon', 'Milan', 'Prague'];
const STREETS = ['Main', 'Oak', 'Station', 'Market', 'Park', 'Church', 'Mill', 'Harbor'];
const STATUSES = ['new', 'contacted', 'callback', 'qualified', 'proposal', 'won', 'lost'];
const OWNERS = Array.from({ length: 40 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
const TAGS = ['vip', 'newsletter', 'b2b', 'b2c', 'churn-risk', 'referral', 'trade-fair', 'cold', 'warm', 'hot'];
const NOTES = ['Interested in the premium plan, call back after 5pm', 'Asked for a written offer by email', 'Prefers calls in the morning', 'Existing customer, renewal due next quarter'];
const BASE_TIME = Date.UTC(2024, 0, 1);

const phoneOf = (i) => `+49-30-${String(i).padStart(9, '0')}`;

function customer(i) {
  const rnd = mulberry32(i + 1);
  const first = pick(rnd, FIRST);
  const last = pick(rnd, LAST);
  const tags = [pick(rnd, TAGS), pick(rnd, TAGS)];
  if (rnd() < 0.5) tags.push(pick(rnd, TAGS));
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    phone: phoneOf(i),
    city: pick(rnd, CITIES),
    address: `${1 + Math.floor(rnd() * 200)} ${pick(rnd, STREETS)} Street`,
    status: pick(rnd, STATUSES),
    owner: pick(rnd, OWNERS),
    score: Math.floor(rnd() * 1000),
    createdAt: new Date(BASE_TIME + i * 60_000),
    tags,
    notes: pick(rnd, NOTES),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// measurement

/**
 * Runs op(k) from `concurrency` callers until PHASE_MS elapsed or maxOps ops were issued.
 * @returns {Promise<{ops: number, ms: number, rate: number, p50: number, p99: number}>}
 */
async function measure(op, { concurrency = 1, ms = PHASE_MS, maxOps = Infinity } = {}) {
  const latencies = [];
  let issued = 0;
  const t0 = performance.now();
  const deadline = t0 + ms;
  const loop = async () => {
    while (issued < maxOps && performance.now() < deadline) {
      const k = issued++;
      const s = performance.now();
      await op(k);
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const q = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  return { ops: latencies.length, ms: elapsed, rate: (latencies.length * 1000) / elapsed, p50: q(0.5), p99: q(0.99) };
}

const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fmtMs = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : 'n/a');
const fmtMB = (b) => (b == null ? 'n/a' : `${(b / 1048576).toFixed(0)} MB`);
const log = (...a) => console.error('[bench]', ...a); // progress to stderr, results to stdout

// ---------------------------------------------------------------------------------------------------------------

let server;
let client;
let dbpath;

async function cleanup() {
  try {
    await client?.close();
  } catch {
    /* ignore */
  }
  if (server) await server.stop(10_000);
  if (dbpath) rmSync(dbpath, { recursive: true, force: true });
}

const watchdog = setTimeout(async () => {
  console.error(`[bench] watchdog: still running after ${WATCHDOG_MS} ms, giving up`);
  await server?.kill();
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await server?.kill();
    process.exit(130);
  });
}

const startLoad = loadavg()[0].toFixed(2);

async function main() {
  dbpath = tempDbPath();
  server = await startEmbedded({ dbpath });
  log(`server pid ${server.pid} at ${server.uri} dbpath ${dbpath}; loading ${TOTAL} docs`);
  client = new MongoClient(server.uri, { directConnection: true, serverSelectionTimeoutMS: 10_000, maxPoolSize: 64 });
  await client.connect();
  const db = client.db('bench');
  const results = {};
  const rows = []; // [metric, value, target, status]
  const docBytes = BSON.calculateObjectSize({ _id: new BSON.ObjectId(), ...customer(12345) });

  // --- round-trip floor: a ping through the driver (no storage work); bounds every per-op figure below
  {
    const admin = client.db('admin');
    await measure(() => admin.command({ ping: 1 }), { ms: 300 });
    results.ping = await measure(() => admin.command({ ping: 1 }));
    log(`ping ${fmtInt(results.ping.rate)}/s`);
  }

  // --- insertOne, durability on (the server fsyncs before acknowledging)
  {
    const coll = db.collection('insert_seq');
    let i = 50_000_000;
    const r = await measure(() => coll.insertOne(customer(i++)), { maxOps: 50_000 });
    results.insertOneSeq = r;
    log(`insertOne sequential ${fmtInt(r.rate)}/s`);
  }
  {
    const coll = db.collection('insert_conc');
    let i = 60_000_000;
    const r = await measure(() => coll.insertOne(customer(i++)), { concurrency: CONCURRENCY, maxOps: 200_000 });
    results.insertOneConc = r;
    log(`insertOne x${CONCURRENCY} ${fmtInt(r.rate)}/s`);
  }
  await db.collection('insert_seq').drop().catch(() => undefined);
  await db.collection('insert_conc').drop().catch(() => undefined);

  // --- what an update costs next to an insert, per document: rounds alternate inserts and updates on the same
  // documents (so neither always runs on a warmer server), and each figure is the min and median over rounds
  {
    const perDoc = { insertOne: [], updateOne: [], insertMany: [], updateMany: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const coll = db.collection(`cost_${round}`);
      await coll.createIndex({ phone: 1 }, { unique: true });
      await coll.createIndex({ createdAt: 1 });
      const base = 70_000_000 + round * (COST_DOCS + COST_SINGLE);
      let t0 = performance.now();
      for (let i = 0; i < COST_DOCS; i += BATCH) await coll.insertMany(Array.from({ length: BATCH }, (_, k) => ({ _id: base + i + k, ...customer(base + i + k) })));
      perDoc.insertMany.push(((performance.now() - t0) * 1000) / COST_DOCS);
      t0 = performance.now();
      const many = await coll.updateMany({}, { $set: { status: STATUSES[round % STATUSES.length], updatedAt: new Date() } });
      perDoc.updateMany.push(((performance.now() - t0) * 1000) / COST_DOCS);
      if (many.modifiedCount !== COST_DOCS) throw new Error(`updateMany modified ${many.modifiedCount} of ${COST_DOCS}`);
      t0 = performance.now();
      for (let k = 0; k < COST_SINGLE; k++) await coll.insertOne({ _id: base + COST_DOCS + k, ...customer(base + COST_DOCS + k) });
      perDoc.insertOne.push(((performance.now() - t0) * 1000) / COST_SINGLE);
      t0 = performance.now();
      for (let k = 0; k < COST_SINGLE; k++) {
        const r = await coll.updateOne({ _id: base + k * 7 }, { $set: { status: STATUSES[k % STATUSES.length] }, $inc: { score: 1 } });
        if (r.modifiedCount !== 1) throw new Error(`updateOne modified ${r.modifiedCount}`);
      }
      perDoc.updateOne.push(((performance.now() - t0) * 1000) / COST_SINGLE);
      await coll.drop();
    }
    const stats = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], runs: xs };
    };
    results.cost = Object.fromEntries(Object.entries(perDoc).map(([k, v]) => [k, stats(v)]));
    const c = results.cost;
    log(`per document (median us): insertOne ${fmtMs(c.insertOne.median)}, updateOne ${fmtMs(c.updateOne.median)}, insertMany ${fmtMs(c.insertMany.median)}, updateMany ${fmtMs(c.updateMany.median)}`);
  }

  // --- load customers with insertMany, measuring indexed findOne at checkpoints
  const customers = db.collection('customers');
  await customers.createIndex({ phone: 1 }, { unique: true });
  await customers.createIndex({ createdAt: 1 });
  const checkpoints = [...new Set([10_000, 100_000, TOTAL].filter((n) => n <= TOTAL))].sort((a, b) => a - b);
  const idSample = [];
  const findByPhone = {};
  const loadSegments = [];
  const rssAt = {};
  let loaded = 0;
  let loadMs = 0;
  for (const checkpoint of checkpoints) {
    const segStart = loaded;
    const t0 = performance.now();
    while (loaded < checkpoint) {
      const n = Math.min(BATCH, checkpoint - loaded);
      const docs = Array.from({ length: n }, (_, k) => customer(loaded + k));
      await customers.insertMany(docs, { ordered: true });
      for (let k = 0; k < n; k += 97) idSample.push(docs[k]._id);
      loaded += n;
      if (loaded % 100_000 === 0) log(`loaded ${loaded}`);
    }
    const segMs = performance.now() - t0;
    loadMs += segMs;
    loadSegments.push({ from: segStart, to: loaded, ms: segMs, rate: ((loaded - segStart) * 1000) / segMs });
    rssAt[loaded] = rssBytes(server.pid);

    const rnd = mulberry32(checkpoint);
    let misses = 0;
    const byPhone = async () => {
      const doc = await customers.findOne({ phone: phoneOf(Math.floor(rnd() * loaded)) });
      if (!doc) misses++;
    };
    await measure(byPhone, { ms: 300 }); // warm-up
    const r = await measure(byPhone);
    r.misses = misses;
    findByPhone[checkpoint] = r;
    log(`at ${loaded}: findOne by phone ${fmtInt(r.rate)}/s (misses ${misses})`);
    if (misses) throw new Error(`findOne by phone missed ${misses} existing documents at ${loaded} docs`);
  }
  results.insertMany = { docs: loaded, ms: loadMs, rate: (loaded * 1000) / loadMs, segments: loadSegments };
  await new Promise((r) => setTimeout(r, 500));
  results.rssAfterLoad = rssBytes(server.pid);
  log(`loaded ${loaded} docs, server RSS ${fmtMB(results.rssAfterLoad)}`);
  const count = await customers.countDocuments();
  if (count !== loaded) throw new Error(`countDocuments() = ${count}, expected ${loaded}`);

  // --- reads and updates at the full size
  {
    const rnd = mulberry32(7);
    let misses = 0;
    const op = async () => {
      const doc = await customers.findOne({ _id: idSample[Math.floor(rnd() * idSample.length)] });
      if (!doc) misses++;
    };
    await measure(op, { ms: 300 });
    results.findById = await measure(op);
    if (misses) throw new Error(`findOne by _id missed ${misses} existing documents`);
    log(`findOne by _id ${fmtInt(results.findById.rate)}/s`);
  }
  {
    const rnd = mulberry32(10);
    let misses = 0;
    const op = async () => {
      const doc = await customers.findOne({ phone: phoneOf(Math.floor(rnd() * loaded)) });
      if (!doc) misses++;
    };
    results.findByPhoneConc = await measure(op, { concurrency: CONCURRENCY });
    if (misses) throw new Error(`findOne by phone missed ${misses} existing documents`);
    log(`findOne by phone x${CONCURRENCY} ${fmtInt(results.findByPhoneConc.rate)}/s`);
  }
  {
    const rnd = mulberry32(8);
    let short = 0;
    const op = async () => {
      const from = BASE_TIME + Math.floor(rnd() * (loaded - 100)) * 60_000;
      const docs = await customers
        .find({ createdAt: { $gte: new Date(from), $lt: new Date(from + 100 * 60_000) } })
        .sort({ createdAt: -1 })
        .limit(20)
        .toArray();
      if (docs.length !== 20) short++;
    };
    await measure(op, { ms: 300 });
    results.rangeSortLimit = await measure(op);
    if (short) throw new Error(`range query returned fewer than 20 documents ${short} times`);
    log(`range+sort+limit 20 ${fmtInt(results.rangeSortLimit.rate)}/s`);
  }
  {
    const rnd = mulberry32(9);
    let misses = 0;
    const op = async (k) => {
      const r = await customers.updateOne(
        { _id: idSample[Math.floor(rnd() * idSample.length)] },
        { $set: { status: STATUSES[k % STATUSES.length], updatedAt: new Date() }, $inc: { score: 1 } },
      );
      if (r.matchedCount !== 1) misses++;
    };
    results.updateById = await measure(op);
    if (misses) throw new Error(`updateOne by _id matched nothing ${misses} times`);
    log(`updateOne by _id ${fmtInt(results.updateById.rate)}/s`);
  }
  {
    const pipeline = [
      { $group: { _id: '$city', customers: { $sum: 1 }, avgScore: { $avg: '$score' }, won: { $sum: { $cond: [{ $eq: ['$status', 'won'] }, 1, 0] } } } },
      { $sort: { customers: -1 } },
    ];
    const times = [];
    let groups = 0;
    let total = 0;
    const until = performance.now() + 3 * PHASE_MS;
    do {
      const t0 = performance.now();
      const out = await customers.aggregate(pipeline).toArray();
      times.push(performance.now() - t0);
      groups = out.length;
      total = out.reduce((s, g) => s + g.customers, 0);
    } while (times.length < 3 && performance.now() < until);
    if (total !== loaded) throw new Error(`$group counted ${total} documents, expected ${loaded}`);
    results.groupAggregation = { ms: Math.min(...times), runs: times, groups };
    log(`$group over ${loaded}: ${times.map(fmtMs).join(', ')} ms`);
  }
  results.rssEnd = rssBytes(server.pid);
  results.rssPeak = rssBytes(server.pid, 'VmHWM');

  // --- restart: graceful stop, then recovery of everything from the dbpath
  {
    await client.close();
    let t0 = performance.now();
    await server.stop(60_000);
    const stopMs = performance.now() - t0;
    t0 = performance.now();
    server = await startEmbedded({ dbpath, timeoutMs: 10 * 60_000 });
    const startMs = performance.now() - t0;
    client = new MongoClient(server.uri, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    const after = await client.db('bench').collection('customers').countDocuments();
    if (after !== loaded) throw new Error(`after restart countDocuments() = ${after}, expected ${loaded}`);
    results.restart = { stopMs, startMs, rss: rssBytes(server.pid) };
    log(`graceful stop ${fmtMs(stopMs)} ms, restart ${fmtMs(startMs)} ms, RSS after restart ${fmtMB(results.restart.rss)}`);
  }

  // --- table
  const seq = results.insertOneSeq.rate;
  const conc = results.insertOneConc.rate;
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  rows.push([`ping/s through the driver (round-trip floor, p50 ${fmtMs(results.ping.p50)} ms)`, fmtInt(results.ping.rate), '', '']);
  rows.push([`insertOne/s, sequential (p50 ${fmtMs(results.insertOneSeq.p50)} ms, p99 ${fmtMs(results.insertOneSeq.p99)} ms)`, fmtInt(seq), '>= 3,000/s', pass(seq >= 3_000)]);
  rows.push([`insertOne/s, ${CONCURRENCY} concurrent callers (p99 ${fmtMs(results.insertOneConc.p99)} ms)`, fmtInt(conc), '>= 3,000/s', pass(conc >= 3_000)]);
  const cost = results.cost;
  const us = (x) => `${fmtMs(x.min)} / ${fmtMs(x.median)} us`;
  const oneRatio = cost.updateOne.median / cost.insertOne.median;
  const manyRatio = cost.updateMany.median / cost.insertMany.median;
  rows.push([`insertOne per document, sequential (min / median of ${ROUNDS} rounds)`, us(cost.insertOne), '', '']);
  rows.push([`updateOne per document by _id, $set + $inc (min / median)`, us(cost.updateOne), '<= 2x insertOne', `${oneRatio.toFixed(2)}x ${pass(oneRatio <= 2)}`]);
  rows.push([`insertMany per document, ${fmtInt(COST_DOCS)} in batches of ${BATCH} (min / median)`, us(cost.insertMany), '', '']);
  rows.push([`updateMany per document, ${fmtInt(COST_DOCS)} with $set (min / median)`, us(cost.updateMany), '<= 2x insertMany', `${manyRatio.toFixed(2)}x ${pass(manyRatio <= 2)}`]);
  rows.push([`insertMany docs/s, batches of ${BATCH}, 0 -> ${fmtInt(loaded)} docs`, fmtInt(results.insertMany.rate), '', '']);
  for (const s of loadSegments) rows.push([`  insertMany docs/s ${fmtInt(s.from)} -> ${fmtInt(s.to)}`, fmtInt(s.rate), '', '']);
  for (const n of checkpoints) {
    const r = findByPhone[n];
    rows.push([`findOne/s by unique phone at ${fmtInt(n)} docs (p99 ${fmtMs(r.p99)} ms)`, fmtInt(r.rate), '>= 5,000/s', pass(r.rate >= 5_000)]);
  }
  const first = findByPhone[checkpoints[0]].rate;
  const lastN = checkpoints[checkpoints.length - 1];
  const ratio = first / findByPhone[lastN].rate;
  const flatOk = ratio <= 2;
  rows.push([
    `findOne by phone slowdown 10k -> ${fmtInt(lastN)} docs`,
    `${ratio.toFixed(2)}x`,
    '<= 2x (10k -> 1M)',
    lastN >= 1_000_000 ? pass(flatOk) : `${pass(flatOk)} (only to ${fmtInt(lastN)}; BENCH_DOCS=1000000 for 1M)`,
  ]);
  rows.push([`findOne/s by phone, ${CONCURRENCY} concurrent callers, at ${fmtInt(loaded)} docs`, fmtInt(results.findByPhoneConc.rate), '', '']);
  rows.push([`findOne/s by _id at ${fmtInt(loaded)} docs (p99 ${fmtMs(results.findById.p99)} ms)`, fmtInt(results.findById.rate), '', '']);
  rows.push([`range on indexed createdAt + sort + limit 20 /s (p99 ${fmtMs(results.rangeSortLimit.p99)} ms)`, fmtInt(results.rangeSortLimit.rate), '', '']);
  rows.push([`updateOne/s by _id (p99 ${fmtMs(results.updateById.p99)} ms)`, fmtInt(results.updateById.rate), '', '']);
  rows.push([`$group by city over ${fmtInt(loaded)} docs (ms, best of ${results.groupAggregation.runs.length})`, fmtMs(results.groupAggregation.ms), '', '']);
  const rss = results.rssAfterLoad;
  // estimate at 1M from the growth between the first and the last checkpoint (the fixed overhead is not per doc)
  const n0 = checkpoints[0];
  const slope = loaded > n0 && rssAt[n0] != null && rssAt[loaded] != null ? (rssAt[loaded] - rssAt[n0]) / (loaded - n0) : null;
  const perMillion = rss == null ? null : slope == null ? (rss * 1_000_000) / loaded : rss + slope * (1_000_000 - loaded);
  rows.push([
    `server RSS after loading ${fmtInt(loaded)} docs`,
    fmtMB(rss),
    '< 2 GB at 1M docs',
    rss == null ? 'n/a' : loaded >= 1_000_000 ? pass(rss < 2 * 1024 ** 3) : `est. ${fmtMB(perMillion)} at 1M (growth since ${fmtInt(n0)}), ${pass(perMillion < 2 * 1024 ** 3)}`,
  ]);
  rows.push([`graceful stop (SIGTERM -> exit), ms`, fmtMs(results.restart.stopMs), '', '']);
  rows.push([`restart on the loaded dbpath until it accepts connections, ms`, fmtMs(results.restart.startMs), '', '']);
  rows.push([`server RSS right after restart`, fmtMB(results.restart.rss), '', '']);
  rows.push([`server RSS before restart / peak (VmHWM)`, `${fmtMB(results.rssEnd)} / ${fmtMB(results.rssPeak)}`, '', '']);

  const header = ['measurement', 'value', 'target', 'status'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => '| ' + r.map((v, c) => String(v).padEnd(widths[c])).join(' | ') + ' |';
  console.log(
    `\nembedded-mongo benchmark: ${fmtInt(loaded)} customer docs of ~${docBytes} bytes (BSON), node ${process.version}, ` +
      `${PHASE_MS} ms per measurement, ${availableParallelism()} CPUs, load average at start ${startLoad}`,
  );
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));

  const json = {
    bench: 'embedded-mongo',
    docs: loaded,
    docBytes,
    phaseMs: PHASE_MS,
    cpus: availableParallelism(),
    loadAvgAtStart: Number(startLoad),
    pingPerSec: Math.round(results.ping.rate),
    insertOneSeqPerSec: Math.round(seq),
    insertOneConcPerSec: Math.round(conc),
    insertOneConcurrency: CONCURRENCY,
    insertManyDocsPerSec: Math.round(results.insertMany.rate),
    findOneByPhonePerSec: Object.fromEntries(checkpoints.map((n) => [n, Math.round(findByPhone[n].rate)])),
    findOneByPhoneSlowdown: Number(ratio.toFixed(3)),
    findOneByPhoneConcPerSec: Math.round(results.findByPhoneConc.rate),
    findOneByIdPerSec: Math.round(results.findById.rate),
    rangeSortLimitPerSec: Math.round(results.rangeSortLimit.rate),
    updateOneByIdPerSec: Math.round(results.updateById.rate),
    perDocumentUs: Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, { min: Number(v.min.toFixed(1)), median: Number(v.median.toFixed(1)) }])),
    updateToInsertRatio: { one: Number(oneRatio.toFixed(2)), many: Number(manyRatio.toFixed(2)) },
    groupAggregationMs: Math.round(results.groupAggregation.ms),
    rssAfterLoadBytes: rss,
    rssAtCheckpoints: rssAt,
    rssEstimateAt1MBytes: perMillion == null ? null : Math.round(perMillion),
    rssPeakBytes: results.rssPeak,
    stopMs: Math.round(results.restart.stopMs),
    restartMs: Math.round(results.restart.startMs),
    rssAfterRestartBytes: results.restart.rss,
    targets: {
      insertOneSeq: seq >= 3_000,
      insertOneConc: conc >= 3_000,
      findOneByPhone: checkpoints.every((n) => findByPhone[n].rate >= 5_000),
      findOneFlat: flatOk,
      rss: perMillion == null ? null : perMillion < 2 * 1024 ** 3,
      updateOneCost: oneRatio <= 2,
      updateManyCost: manyRatio <= 2,
    },
  };
  console.log(JSON.stringify(json));
}

try {
  await main();
} catch (e) {
  console.error('[bench] failed:', e instanceof Error ? e.stack : e);
  if (server) console.error(`[bench] server output (tail):\n${server.output().slice(-4_000)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
