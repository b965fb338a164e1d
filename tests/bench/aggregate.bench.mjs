#!/usr/bin/env node
// Report-shaped aggregations on the embedded server (`npm run bench:db:aggregate`): BENCH_DOCS call records
// (default 1,000,000) are loaded through the driver into two embedded servers, one running the compiled
// aggregation path (the default) and one started with `--aggregate interpreted` (every pipeline through
// mingo, as before the compiled path). Each report shape then runs, rounds alternating, on
//   compiled     the pipeline through the driver against the default server (wire, command, scan, reply)
//   interpreted  the same pipeline through the driver against the interpreted server
//   JS loop      a plain JavaScript loop over the same documents already in this process's memory (no wire,
//                no BSON, no index): the floor
// and prints median and spread (min..max) of BENCH_ROUNDS rounds (default 5), then how long a findOne waits
// while a $group over every document runs. Documents are generated before any timing.
//   BENCH_DOCS, BENCH_ROUNDS, BENCH_TIMEOUT_MS (watchdog)
//   BENCH_INTERPRETED_ROUNDS  rounds of the interpreted side (default BENCH_ROUNDS; one over 1M takes minutes)
//   BENCH_DBPATHS  "compiledDir,interpretedDir" holding the same BENCH_DOCS records from an earlier run (an
//                  interrupted run leaves its data directories): loading 2M documents through the driver
//                  takes long on a busy machine. Kept afterwards.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { MongoClient } from 'mongodb';
import { startEmbedded, tempDbPath } from './embedded-server.mjs';

const TOTAL = Math.max(10_000, Number(process.env.BENCH_DOCS ?? 1_000_000));
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Rounds of the interpreted side (a round of it over 1M documents takes minutes; default: all rounds). */
const INTERPRETED_ROUNDS = Math.min(ROUNDS, Math.max(1, Number(process.env.BENCH_INTERPRETED_ROUNDS ?? ROUNDS)));
const WATCHDOG_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 90 * 60_000);
const log = (...a) => console.error('[bench]', ...a);

// --- data ------------------------------------------------------------------------------------------------

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
const AGENTS = Array.from({ length: 200 }, (_, i) => `agent-${String(i + 1).padStart(3, '0')}`);
const TEAMS = Array.from({ length: 20 }, (_, i) => `team-${String(i + 1).padStart(2, '0')}`);
const TASKS = Array.from({ length: 50 }, (_, i) => `task-${String(i + 1).padStart(2, '0')}`);
const STATUSES = ['new', 'contacted', 'interested', 'quoted', 'won', 'lost'];
const DISPOSITIONS = ['answered', 'no-answer', 'busy', 'voicemail', 'wrong-number', 'callback'];
const LOST_REASONS = ['price', 'competitor', 'no-need', 'no-budget', 'timing', 'unreachable', 'other'];
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 30);
const START = END - 90 * DAY;

function call(i) {
  const rnd = mulberry32(i + 7);
  const agent = Math.floor(rnd() * AGENTS.length);
  const connected = rnd() < 0.45;
  const status = STATUSES[Math.floor(rnd() * STATUSES.length)];
  const doc = {
    agentId: AGENTS[agent],
    teamId: TEAMS[agent % TEAMS.length],
    taskKey: TASKS[Math.floor(rnd() * TASKS.length)],
    customerId: `cust-${Math.floor(rnd() * 100_000)}`,
    direction: rnd() < 0.8 ? 'outbound' : 'inbound',
    connected,
    disposition: connected ? DISPOSITIONS[0] : DISPOSITIONS[1 + Math.floor(rnd() * (DISPOSITIONS.length - 1))],
    status,
    talkSec: connected ? 5 + Math.floor(rnd() * 600) : 0,
    startedAt: new Date(START + Math.floor(rnd() * 90 * DAY)),
  };
  if (status === 'lost') doc.lostReason = LOST_REASONS[Math.floor(rnd() * LOST_REASONS.length)];
  return doc;
}

// --- the report shapes: a pipeline and the same figures computed by a plain loop ------------------------

const TZ_OFFSET_MIN = 8 * 60; // Asia/Shanghai has no daylight saving: the loop can shift by a constant
const from30 = new Date(END - 30 * DAY);
const endDate = new Date(END);
const local = (d) => d.getTime() + TZ_OFFSET_MIN * 60_000;
const dayStart = (d) => new Date(Math.floor(local(d) / DAY) * DAY - TZ_OFFSET_MIN * 60_000);
// 1970-01-01 was a Thursday: days since then, shifted so Monday starts a week.
const weekStart = (d) => {
  const days = Math.floor(local(d) / DAY);
  return new Date((days - ((days + 3) % 7)) * DAY - TZ_OFFSET_MIN * 60_000);
};
const rangeLow = new Date(START + 40 * DAY);
const rangeHigh = new Date(rangeLow.getTime() + 0.03 * 90 * DAY);

const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const SHAPES = [
  {
    name: 'funnel: count by status',
    pipeline: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }],
    loop(docs) {
      const counts = new Map();
      for (const d of docs) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
      return [...counts].map(([_id, n]) => ({ _id, n })).sort((a, b) => b.n - a.n || byKey(a._id, b._id));
    },
  },
  {
    name: 'connected rate per task',
    pipeline: [
      { $group: { _id: '$taskKey', calls: { $sum: 1 }, connected: { $sum: { $cond: ['$connected', 1, 0] } } } },
      { $project: { calls: 1, connected: 1, rate: { $divide: ['$connected', '$calls'] } } },
      { $sort: { rate: -1, _id: 1 } },
    ],
    loop(docs) {
      const groups = new Map();
      for (const d of docs) {
        let g = groups.get(d.taskKey);
        if (!g) groups.set(d.taskKey, (g = { _id: d.taskKey, calls: 0, connected: 0 }));
        g.calls++;
        if (d.connected) g.connected++;
      }
      return [...groups.values()].map((g) => ({ ...g, rate: g.connected / g.calls })).sort((a, b) => b.rate - a.rate || byKey(a._id, b._id));
    },
  },
  {
    name: 'talk time per team per week',
    pipeline: [
      { $match: { connected: true } },
      { $group: { _id: { teamId: '$teamId', week: { $dateTrunc: { date: '$startedAt', unit: 'week', timezone: 'Asia/Shanghai', startOfWeek: 'monday' } } }, talkSec: { $sum: '$talkSec' }, avgTalkSec: { $avg: '$talkSec' } } },
      { $sort: { '_id.week': 1, '_id.teamId': 1 } },
    ],
    loop(docs) {
      const groups = new Map();
      for (const d of docs) {
        if (d.connected !== true) continue;
        const week = weekStart(d.startedAt);
        const key = `${d.teamId}|${week.getTime()}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { _id: { teamId: d.teamId, week }, talkSec: 0, n: 0 }));
        g.talkSec += d.talkSec;
        g.n++;
      }
      return [...groups.values()]
        .map(({ _id, talkSec, n }) => ({ _id, talkSec, avgTalkSec: talkSec / n }))
        .sort((a, b) => a._id.week - b._id.week || byKey(a._id.teamId, b._id.teamId));
    },
  },
  {
    name: 'top lost reasons',
    pipeline: [{ $match: { status: 'lost' } }, { $group: { _id: '$lostReason', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }, { $limit: 5 }],
    loop(docs) {
      const counts = new Map();
      for (const d of docs) if (d.status === 'lost') counts.set(d.lostReason, (counts.get(d.lostReason) ?? 0) + 1);
      return [...counts].map(([_id, n]) => ({ _id, n })).sort((a, b) => b.n - a.n || byKey(a._id, b._id)).slice(0, 5);
    },
  },
  {
    name: 'calls per agent per day, 30 days',
    pipeline: [
      { $match: { startedAt: { $gte: from30, $lt: endDate } } },
      { $group: { _id: { agentId: '$agentId', day: { $dateTrunc: { date: '$startedAt', unit: 'day', timezone: 'Asia/Shanghai' } } }, calls: { $sum: 1 }, connected: { $sum: { $cond: ['$connected', 1, 0] } } } },
      { $sort: { '_id.day': 1, '_id.agentId': 1 } },
    ],
    loop(docs) {
      const groups = new Map();
      for (const d of docs) {
        if (d.startedAt < from30 || d.startedAt >= endDate) continue;
        const day = dayStart(d.startedAt);
        const key = `${d.agentId}|${day.getTime()}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { _id: { agentId: d.agentId, day }, calls: 0, connected: 0 }));
        g.calls++;
        if (d.connected) g.connected++;
      }
      return [...groups.values()].sort((a, b) => a._id.day - b._id.day || byKey(a._id.agentId, b._id.agentId));
    },
  },
  {
    name: '$match on an indexed date range (3 %)',
    pipeline: [{ $match: { startedAt: { $gte: rangeLow, $lt: rangeHigh } } }],
    loop(docs) {
      const out = [];
      for (const d of docs) if (d.startedAt >= rangeLow && d.startedAt < rangeHigh) out.push(d);
      return out;
    },
    // Documents come back in index order (startedAt); the loop's are in insertion order.
    normalise: (rows) => rows.map(({ _id, ...rest }) => rest).sort((a, b) => a.startedAt - b.startedAt || byKey(a.customerId, b.customerId)),
  },
];

// --- measurement -----------------------------------------------------------------------------------------

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const cell = (xs) => {
  const { median, min, max } = stats(xs);
  return `${fmt(median)} (${fmt(min)}..${fmt(max)})`;
};

async function time(fn) {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

let servers = [];
let clients = [];
const dbpaths = [];

async function cleanup() {
  for (const c of clients) await c.close().catch(() => {});
  for (const s of servers) await s.stop(10_000);
  for (const p of dbpaths) rmSync(p, { recursive: true, force: true });
}

const watchdog = setTimeout(async () => {
  log(`watchdog: still running after ${WATCHDOG_MS} ms, giving up`);
  for (const s of servers) await s.kill();
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    for (const s of servers) await s.kill();
    process.exit(130);
  });
}

async function load(coll, docs) {
  const BATCH = 2_000;
  let next = 0;
  const worker = async () => {
    while (next < docs.length) {
      const from = next;
      next += BATCH;
      // insertMany sets _id on the objects it gets: copies keep the loop's documents as generated.
      await coll.insertMany(docs.slice(from, from + BATCH).map((d) => ({ ...d })), { ordered: false });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await coll.createIndex({ startedAt: 1 });
  await coll.createIndex({ agentId: 1, startedAt: 1 });
}

/** findOne latencies (ms) while `busy` runs: one findOne at a time, back to back. */
async function latencyDuring(coll, ids, busy) {
  const latencies = [];
  let running = true;
  const probe = (async () => {
    let k = 0;
    while (running) {
      const t0 = performance.now();
      await coll.findOne({ _id: ids[k++ % ids.length] });
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const t0 = performance.now();
  await busy();
  const busyMs = performance.now() - t0;
  running = false;
  await probe;
  latencies.sort((a, b) => a - b);
  return { busyMs, n: latencies.length, p50: latencies[Math.floor(latencies.length / 2)], max: latencies[latencies.length - 1] };
}

async function main() {
  const startLoad = loadavg()[0].toFixed(2);
  log(`generating ${TOTAL} call records`);
  const docs = Array.from({ length: TOTAL }, (_, i) => call(i));
  const paths = ['compiled', 'interpreted'];
  const reused = process.env.BENCH_DBPATHS?.split(',');
  for (const [i, path] of paths.entries()) {
    const dbpath = reused?.[i] ?? tempDbPath('aggregate-bench-');
    if (!reused) dbpaths.push(dbpath);
    servers.push(await startEmbedded({ dbpath, args: ['--aggregate', path], timeoutMs: 30 * 60_000 }));
  }
  clients = await Promise.all(servers.map(async (s) => new MongoClient(s.uri, { directConnection: true, maxPoolSize: 16, connectTimeoutMS: 0, socketTimeoutMS: 0, serverSelectionTimeoutMS: 600_000 }).connect()));
  const colls = clients.map((c) => c.db('bench').collection('calls'));
  if (reused) {
    const counts = await Promise.all(colls.map((c) => c.countDocuments()));
    if (counts.some((n) => n !== TOTAL)) throw new Error(`BENCH_DBPATHS hold ${counts.join(' and ')} documents, not ${TOTAL}`);
    log(`reusing ${reused.join(' and ')} (${servers.map((s) => s.pid).join(', ')})`);
  } else {
    log(`loading into both servers (${servers.map((s) => s.pid).join(', ')}), data in ${dbpaths.join(' and ')}`);
    const loadStart = performance.now();
    await Promise.all(colls.map((c) => load(c, docs)));
    log(`loaded in ${((performance.now() - loadStart) / 1000).toFixed(0)} s`);
  }

  const rows = [];
  for (const shape of SHAPES) {
    const times = { compiled: [], interpreted: [], loop: [] };
    const normalise = shape.normalise ?? ((rows) => rows);
    const expectedRows = normalise(shape.loop(docs));
    const expected = JSON.stringify(expectedRows);
    /** Every answer is checked against the loop's (the interpreted one only noted: mingo truncates days in UTC). */
    const check = (side, rows) => {
      if (JSON.stringify(normalise(rows)) === expected) return;
      log(`${side === 'compiled' ? 'MISMATCH' : 'note'}: ${shape.name} on the ${side} server differs from the JS loop (${rows.length} rows)`);
      if (side === 'compiled') process.exitCode = 1;
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first so neither side always runs on a warmer machine.
      const order = round % 2 ? ['interpreted', 'loop', 'compiled'] : ['compiled', 'loop', 'interpreted'];
      for (const side of order) {
        if (side === 'interpreted' && times.interpreted.length >= INTERPRETED_ROUNDS) continue;
        const run = side === 'loop' ? async () => shape.loop(docs) : () => colls[paths.indexOf(side)].aggregate(shape.pipeline).toArray();
        const { ms, result } = await time(run);
        times[side].push(ms);
        if (side !== 'loop' && times[side].length === 1) check(side, result);
      }
      log(`${shape.name}: round ${round + 1}/${ROUNDS} compiled ${fmt(times.compiled.at(-1))} ms, interpreted ${fmt(times.interpreted.at(-1) ?? NaN)} ms, loop ${fmt(times.loop.at(-1))} ms`);
    }
    rows.push({ shape: shape.name, rows: expectedRows.length, ...times });
  }

  // Other commands keep their latency while a heavy aggregation runs.
  const ids = (await colls[0].find({}, { projection: { _id: 1 } }).limit(1000).toArray()).map((d) => d._id);
  const groupAll = () => colls[0].aggregate([{ $group: { _id: '$agentId', calls: { $sum: 1 }, talk: { $sum: '$talkSec' } } }]).toArray();
  const idle = await latencyDuring(colls[0], ids, () => new Promise((r) => setTimeout(r, 500)));
  const during = await latencyDuring(colls[0], ids, groupAll);

  const width = Math.max(...rows.map((r) => r.shape.length));
  console.log(`\nAggregations over ${TOTAL.toLocaleString('en-US')} call records, ${ROUNDS} rounds (interpreted: ${INTERPRETED_ROUNDS}), ms as median (min..max); load average at start ${startLoad}, at end ${loadavg()[0].toFixed(2)}`);
  console.log('compiled / interpreted: the pipeline through the driver against the embedded server (wire, command, scan, reply),');
  console.log('  default path / `--aggregate interpreted` (every stage through mingo, the path before); JS loop: the same');
  console.log('  figures from the documents in this process\'s memory (no wire, no BSON, no index): the floor.');
  console.log(`${'shape'.padEnd(width)}  rows    ${'compiled'.padEnd(22)}${'interpreted'.padEnd(24)}${'JS loop'.padEnd(20)}speed-up  vs loop`);
  for (const r of rows) {
    const c = stats(r.compiled).median;
    const speedup = stats(r.interpreted).median / c;
    const vsLoop = c / stats(r.loop).median;
    console.log(`${r.shape.padEnd(width)}  ${String(r.rows).padEnd(6)}  ${cell(r.compiled).padEnd(22)}${cell(r.interpreted).padEnd(24)}${cell(r.loop).padEnd(20)}${speedup.toFixed(1).padStart(6)}x  ${vsLoop.toFixed(1).padStart(5)}x`);
  }
  console.log(`\nfindOne by _id, back to back: idle p50 ${fmt(idle.p50)} ms max ${fmt(idle.max)} ms; during a $group over every document (${fmt(during.busyMs)} ms) p50 ${fmt(during.p50)} ms max ${fmt(during.max)} ms (${during.n} findOnes)`);
  console.log(JSON.stringify({ docs: TOTAL, rounds: ROUNDS, shapes: rows.map((r) => ({ shape: r.shape, compiled: stats(r.compiled), interpreted: stats(r.interpreted), loop: stats(r.loop) })), findOne: { idle, during } }));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanup);
