#!/usr/bin/env node
// `npm run bench:cluster`: the product as production lays it out (runtime/scripts/cluster-layout.mjs, the same
// layout as `npm run cluster`: the embedded database standalone, N runtime processes, HAProxy in front) with 1, 2
// and 4 runtime processes, each time with BENCH_AGENTS simulated agents (tests/bench/cluster-agents.mjs) working
// for BENCH_SEC seconds. A benchmark: it prints figures and whether the targets are met; it fails only when the
// layout cannot start.
//
// Setup (not timed): a fresh database per layout; the admin creates the agents through the API (POST /api/users)
// and BENCH_POOL customers in the default pool (POST /api/records/customer, then batch/move); every agent signs in
// through the balancer from an address of its own and opens its console event stream (GET /api/calls/events).
// Work (timed): each agent loops: list its customers, list the pool, claim one, open it, edit two fields, place a
// simulated call (click-to-call), hang up, set the outcome, release the customer to the pool (so the pool stays
// stocked); between steps it thinks for a random 0..2x BENCH_THINK_MS. A claim another agent won first (409) is a
// race the product answers correctly: it is counted apart, not as an error; every other non-2xx answer and every
// network error is an error.
// Events across processes: with N >= 2, agent i's stream is held by process i mod N and its work goes to process
// i+1 mod N (the balancer's TSRT cookie picks the process), so every event its actions raise (the agent-state frame,
// the call frames of dial, hang-up and outcome) is produced on one process and delivered by another through the
// database. Delivery = from sending the request that raises the event to the frame arriving on the stream (an upper
// bound: it includes the request's own time), and from the request's answer coming back to the frame arriving
// (0 when the frame came first): the time the event spent on its way beyond the request. With 1 process the same
// figures are in-process delivery.
// Two phases per layout, the same agents signed in throughout:
//   capacity: agents think a mean BENCH_THINK_MS between steps, asking more than two cores serve, so it measures
//             the most requests/s the layout serves and the latency of a queue (its event times include queueing);
//   desk:     agents think a mean BENCH_DESK_THINK_MS (an agent acting every few seconds: still faster than a person
//             on real calls), a load the layout serves without a queue; the event delivery target is judged here.
// Offered load = what the agents would ask if every answer came at once: per loop 9 requests over 8 think times and
// one call (agents x 9 / (8 x think + call)); served = answered requests / s.
//   BENCH_SEC        seconds of work per layout and phase (default 300)
//   BENCH_AGENTS     simulated agents (default 200)
//   BENCH_SIZES      runtime processes per layout, comma-separated (default 1,2,4)
//   BENCH_THINK_MS   mean think time between an agent's steps in the capacity phase (default 1000)
//   BENCH_DESK_THINK_MS  the same in the desk phase (default 5000; 0: no desk phase)
//   BENCH_DESK_SEC   seconds of the desk phase (default BENCH_SEC)
//   BENCH_CALL_MS    mean time an agent stays on a call before hanging up (default 2000)
//   BENCH_POOL       customers seeded into the pool (default 2 per agent, at least 100)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClusterLayout } from '../../runtime/scripts/cluster-layout.mjs';
import { SimulatedAgent } from './cluster-agents.mjs';
import { customerValues } from './insurance-data.mjs';

const SEC = Number(process.env.BENCH_SEC ?? 300);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 200);
const SIZES = (process.env.BENCH_SIZES ?? '1,2,4').split(',').map(Number);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const DESK_THINK_MS = Number(process.env.BENCH_DESK_THINK_MS ?? 5000);
const DESK_SEC = Number(process.env.BENCH_DESK_SEC ?? SEC);
const PHASES = [
  { name: 'capacity', thinkMs: THINK_MS, sec: SEC },
  ...(DESK_THINK_MS > 0 ? [{ name: 'desk', thinkMs: DESK_THINK_MS, sec: DESK_SEC }] : []),
];
/** Requests of one agent's loop (list mine, list pool, claim, open, edit, dial, hang-up, outcome, release) and its waits. */
const offeredRps = (thinkMs) => (AGENTS * 9) / ((8 * thinkMs + CALL_MS) / 1000);
const CALL_MS = Number(process.env.BENCH_CALL_MS ?? 2000);
const POOL = Number(process.env.BENCH_POOL ?? Math.max(100, 2 * AGENTS));
const TEAM_SALES_A = '23e72191-90a6-42d0-b71b-8832e2442338'; // the insurance template's team under the pool's members
const EVENT_TARGET_MS = 1_000;
if (AGENTS > 250) throw new Error('BENCH_AGENTS: at most 250 (one loopback address 127.0.1.x each)');

const log = (...a) => console.error('[bench]', ...a); // progress to stderr, results to stdout
const quantile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
const fmt = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : String(Math.round(n))) : 'n/a');

async function freePorts(count) {
  const free = (port) => new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await free(p);
    if (ok) return base;
  }
  throw new Error('no free ports');
}

/** CPU seconds a process has used (Linux /proc; USER_HZ ticks of 10 ms), NaN when unreadable. */
function cpuSec(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

class Stats {
  latencies = [];
  byKind = new Map();
  errors = 0;
  errorSamples = [];
  refusals = 0;
  delivery = [];
  lostEvents = 0;
  timing = false;

  request(kind, ms, status) {
    if (!this.timing) return;
    this.latencies.push(ms);
    if (!this.byKind.has(kind)) this.byKind.set(kind, []);
    this.byKind.get(kind).push(ms);
    void status;
  }
  unexpected(kind, what) {
    if (!this.timing) return;
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(`${kind}: ${what}`);
  }
  refused() {
    if (this.timing) this.refusals++;
  }
  deliveryByKind = new Map();
  afterAnswer = [];
  delivered(kind, ms, afterAnswerMs) {
    if (!this.timing) return;
    // A dial's first frame is the simulated network's ringing, raised 0.5 s after the call is set up (the carrier's
    // SETUP_MS): that is the line's time, not the event path's, so it is shown per kind but not in the delivery figure.
    if (!CARRIER_TIMED.has(kind)) {
      this.delivery.push(ms);
      this.afterAnswer.push(Math.max(0, afterAnswerMs));
    }
    if (!this.deliveryByKind.has(kind)) this.deliveryByKind.set(kind, []);
    this.deliveryByKind.get(kind).push(ms);
  }
  lost() {
    if (this.timing) this.lostEvents++;
  }
}

/** Frames the simulated carrier raises on its own clock (see delivered). */
const CARRIER_TIMED = new Set(['dial']);

/** kind -> { n, p50, p99 } of its times. */
function summaries(byKind) {
  return Object.fromEntries([...byKind].map(([k, v]) => {
    const s = Float64Array.from(v).sort();
    return [k, { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99) }];
  }));
}

/** The admin's session on the balancer (setup only). */
async function adminSession(base) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'admin123' }) });
  if (res.status !== 200) throw new Error(`admin sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function inParallel(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

/** One phase of a layout: every agent works at the phase's pace for its seconds; its figures. */
async function runPhase(cluster, agents, phase) {
  const stats = new Stats();
  for (const a of agents) {
    a.stats = stats;
    a.thinkMs = phase.thinkMs;
  }
  log(`${cluster.runtimes.length} process(es), ${phase.name} phase: working for ${phase.sec} s, think 0-${2 * phase.thinkMs} ms`);
  const loadBefore = loadavg()[0];
  const cpuBefore = Object.fromEntries(Object.entries(cluster.pids).map(([name, pid]) => [name, cpuSec(pid)]));
  const benchCpuBefore = process.cpuUsage();
  stats.timing = true;
  const started = performance.now();
  const until = started + phase.sec * 1000;
  await Promise.all(agents.map((a) => a.work(until)));
  const wallSec = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 5_500)); // the last expected frames arrive or count as lost
  stats.timing = false;
  const cpuUse = Object.fromEntries(Object.entries(cluster.pids).map(([name, pid]) => [name, (cpuSec(pid) - cpuBefore[name]) / wallSec]));
  const benchCpu = process.cpuUsage(benchCpuBefore);
  cpuUse.agents = (benchCpu.user + benchCpu.system) / 1e6 / wallSec;

  const all = Float64Array.from(stats.latencies).sort();
  const delivery = Float64Array.from(stats.delivery).sort();
  const afterAnswer = Float64Array.from(stats.afterAnswer).sort();
  return {
    phase: phase.name, thinkMs: phase.thinkMs, offered: offeredRps(phase.thinkMs), wallSec, load: [loadBefore, loadavg()[0]],
    requests: all.length, rps: all.length / wallSec, p50: quantile(all, 0.5), p99: quantile(all, 0.99),
    errors: stats.errors, errorSamples: stats.errorSamples, claimRaces: stats.refusals,
    events: delivery.length, eventP50: quantile(delivery, 0.5), eventP99: quantile(delivery, 0.99), afterAnswerP50: quantile(afterAnswer, 0.5), afterAnswerP99: quantile(afterAnswer, 0.99), lostEvents: stats.lostEvents,
    kinds: summaries(stats.byKind),
    eventKinds: summaries(stats.deliveryByKind),
    cpu: cpuUse,
  };
}

async function runLayout(size) {
  const dataDir = mkdtempSync(join(tmpdir(), 'telesales-bench-cluster-'));
  const port = await freePorts(size + 1);
  const dbPort = await freePorts(1);
  log(`${size} runtime process(es): starting the layout`);
  let died = null;
  const cluster = await startClusterLayout({
    size, port, dbPort, dataDir, host: '127.0.0.1', env: { LOG_LEVEL: 'warn', TELEPHONY: 'simulated' },
    onLine: () => undefined,
    onErrorLine: (name, line) => log(`[${name}] ${line}`),
    onExit: (name, code) => {
      died = `${name} exited (${code})`;
      log(died);
    },
  });
  const agents = [];
  try {
    const admin = await adminSession(cluster.baseUrl);
    log(`creating ${AGENTS} agents and ${POOL} pool customers`);
    const users = Array.from({ length: AGENTS }, (_, i) => ({ login: `bench${i + 1}`, name: `Bench agent ${i + 1}`, password: 'bench-pass-1', role: 'agent', teamId: TEAM_SALES_A }));
    await inParallel(users, 8, async (u) => {
      const res = await admin('POST', '/api/users', u);
      if (res.status !== 201) throw new Error(`create ${u.login}: ${res.status} ${JSON.stringify(res.body)}`);
    });
    const ids = [];
    await inParallel(Array.from({ length: POOL }, (_, i) => i), 8, async (i) => {
      const res = await admin('POST', '/api/records/customer', { values: customerValues(i, { phonePrefix: '139', withIdNumber: false }) });
      if (res.status !== 201) throw new Error(`create customer ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      ids.push(res.body.id);
    });
    for (let i = 0; i < ids.length; i += 100) {
      const res = await admin('POST', '/api/records/customer/batch/move', { ids: ids.slice(i, i + 100), pool: 'default' });
      if (res.status !== 200) throw new Error(`move to the pool: ${res.status} ${JSON.stringify(res.body)}`);
    }

    const names = cluster.runtimes.map((rt) => rt.name);
    for (let i = 0; i < AGENTS; i++) {
      agents.push(new SimulatedAgent({
        base: cluster.baseUrl, login: users[i].login, password: users[i].password, address: `127.0.1.${i + 1}`,
        streamProcess: names[i % size], workProcess: names[(i + 1) % size], stats: new Stats(), thinkMs: THINK_MS, callMs: CALL_MS,
      }));
    }
    log(`${AGENTS} agents sign in and open their event streams`);
    await inParallel(agents, 10, async (a) => {
      await a.signIn();
      await a.openStream();
    });
    const phases = [];
    for (const phase of PHASES) {
      phases.push(await runPhase(cluster, agents, phase));
      if (died) break;
    }
    return { size, died, phases };
  } finally {
    for (const a of agents) a.stop();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const size of SIZES) {
  results.push(await runLayout(size));
  for (const r of results.at(-1).phases) {
    log(`${size} process(es), ${r.phase}: offered ${fmt(r.offered)}, served ${fmt(r.rps)} requests/s, p99 ${fmt(r.p99)} ms, errors ${r.errors}, event p99 ${fmt(r.eventP99)} ms (after answer ${fmt(r.afterAnswerP99)} ms)`);
  }
}

const cores = availableParallelism();
console.log(`\nCluster benchmark: ${AGENTS} simulated agents through HAProxy; per layout ${PHASES.map((p) => `${p.name} ${p.sec} s (think 0-${2 * p.thinkMs} ms between steps)`).join(', then ')}; calls held 0-${2 * CALL_MS} ms; ${cores} cores; node ${process.version}`);
const header = ['processes', 'phase', 'offered req/s', 'served req/s', 'p50 ms', 'p99 ms', 'errors', 'claim races', 'events', 'event p50 / p99 ms (sent -> frame)', 'after answer p50 / p99 ms', 'lost events', 'CPU (cores): runtimes / db / haproxy / agents', 'load avg (start / end)'];
const rows = results.flatMap((layout) => layout.phases.map((r) => {
  const rt = Object.entries(r.cpu).filter(([n]) => n.startsWith('rt')).reduce((s, [, v]) => s + v, 0);
  return [
    `${layout.size}${layout.size === 1 ? ' (events in-process)' : ''}`, r.phase, fmt(r.offered), fmt(r.rps), fmt(r.p50), fmt(r.p99), String(r.errors), String(r.claimRaces), String(r.events),
    `${fmt(r.eventP50)} / ${fmt(r.eventP99)}`, `${fmt(r.afterAnswerP50)} / ${fmt(r.afterAnswerP99)}`, String(r.lostEvents),
    `${rt.toFixed(2)} / ${r.cpu.db.toFixed(2)} / ${r.cpu.haproxy.toFixed(2)} / ${r.cpu.agents.toFixed(2)}`, `${r.load[0].toFixed(1)} / ${r.load[1].toFixed(1)}`,
  ];
}));
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (r) => '| ' + r.map((v, c) => (c <= 1 || c >= r.length - 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
for (const layout of results) {
  for (const r of layout.phases) {
    console.log(`${layout.size} process(es), ${r.phase}, per request kind (p50 / p99 ms): ${Object.entries(r.kinds).map(([k, v]) => `${k} ${fmt(v.p50)}/${fmt(v.p99)}`).join(', ')}`);
    console.log(`  event delivery per action (request sent -> frame on the stream, p50 / p99 ms): ${Object.entries(r.eventKinds).map(([k, v]) => `${k} ${fmt(v.p50)}/${fmt(v.p99)}`).join(', ')}`);
    if (r.errorSamples.length) console.log(`  first errors: ${r.errorSamples.join(' | ')}`);
  }
  if (layout.died) console.log(`  a process died during the run: ${layout.died}`);
}
const judged = (name) => results.filter((l) => l.size >= 2).flatMap((l) => l.phases.filter((r) => r.phase === name));
const met = (ok) => (ok ? 'met' : 'NOT met');
const within = (rs, key) => rs.every((r) => r[key] <= EVENT_TARGET_MS && r.lostEvents === 0);
console.log('event: request sent -> frame on the stream (includes the request\'s own time); after answer: the request\'s answer -> the frame (0 when the frame came first). lost: no frame within 5 s.');
console.log(`offered: what the agents would ask with instant answers (${AGENTS} x 9 requests per loop / (8 think times + a call)); served: answered requests per second.`);
const desk = judged('desk');
const capacity = judged('capacity');
console.log(`Targets: errors 0 (${met(results.every((l) => l.phases.every((r) => r.errors === 0)))}); event delivery p99 across processes <= ${EVENT_TARGET_MS} ms, `
  + (desk.length ? `at the desk pace: from the request's start ${met(within(desk, 'eventP99'))}, from its answer ${met(within(desk, 'afterAnswerP99'))}; ` : '')
  + (capacity.length ? `at the capacity pace (a queue): from the start ${met(within(capacity, 'eventP99'))}, from the answer ${met(within(capacity, 'afterAnswerP99'))}.` : 'no layout with 2+ processes.'));
console.log(`What it means for more cores: this machine has ${cores} cores, which the runtimes, the database, HAProxy and the ${AGENTS} simulated agents (this process) share; `
  + `with more runtime processes than cores the extra processes cannot run at once, so the 2- and 4-process rows measure what spreading the work costs (events through the database, more connections), not scale. `
  + 'The runtimes share no memory and each holds only its own streams, so on a machine (or machines) with a core per runtime process and the database on cores of its own, throughput grows with the processes until the database is the limit: read its CPU column against one core.');
