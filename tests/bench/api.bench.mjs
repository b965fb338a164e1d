#!/usr/bin/env node
// Benchmark of the runtime's records API against the official MongoDB driver on the same embedded database
// (`npm run bench:api`, which builds first; or `npx tsc -b embedded-mongo schemas runtime` and run this file).
//
// Method: the same topology for both sides, "one client process against one server process".
//   server = this process: the embedded database in a worker thread (startEmbeddedMongo, memory only) and the
//            runtime (buildApp, insurance template installed) on the main thread, listening on 127.0.0.1.
//   client = tests/bench/api-load-client.mjs, forked from here (node:child_process fork, results over IPC).
//            It is the only thing generating load, for both sides, and it reports counts, latencies and its
//            own CPU time back with process.send.
//   API figure:    client --HTTP keep-alive--> runtime (main thread) --driver/TCP--> database (worker thread)
//   driver figure: client --driver/TCP----------------------------------------> database (worker thread)
// So each figure is "a client in its own process talking to a server", and neither side's client CPU (HTTP
// or driver: serialising, parsing, its event loop) lands on the server's threads. What is left in the ratio is
// what the runtime adds: HTTP, Fastify, session/CSRF/permission hooks, validation, the writes it chooses and
// its own driver client. Everything runs on one machine over loopback: on a machine with few cores the client,
// the runtime thread and the database thread compete for them, so the log and the CPU rows give each one's
// share in % of one core: client = the client process; runtime = this process's main thread; database = the
// worker thread of the embedded database; other = the rest of this process (GC and libuv helper threads).
// Setup (users, teams, the scope of the supervisor, checks) uses app.inject and the runtime's own client
// (app.db) in this process and is never timed.
//   1. create throughput: POST /api/records/customer signed in as agent1 (POST /api/auth/login in the client,
//      cookie + x-csrf-token), one distinct customer per request (each its own phone number, the customer's
//      unique duplicate-check key), sequential and with BENCH_CONCURRENCY callers on as many keep-alive
//      connections; vs insertOne, from the same client process, of the record document the runtime stores
//      for the same values (system fields + values) into a collection with the same indexes (indexesFor of
//      the published entity).
//      Target: API rate >= 1/2 of the driver's. Every 201 is checked to be a stored record afterwards.
//      (info) rows: CPU of each party; sameWrites = the writes the API makes per create, through the driver
//      from the client (sameWrite in api-load-client.mjs mirrors runtime/src/records/create-record.ts: one
//      insertOne of the record, as the baseline, which keeps the probe honest if create-record.ts changes);
//      the HTTP floor: GET /api/health (one ping inside the runtime) vs a ping.
//      A probe, untimed, counts the database commands per create of both (a second runtime instance and a
//      second driver client, each with command monitoring, on databases of their own) and says whether
//      sameWrites still sends what the runtime sends.
//      Schedule A-B-B-A: every figure runs twice for half of BENCH_PHASE_MS, the second round in the reverse
//      order, and the halves are merged, so drift of the machine (other load, GC, a growing collection) hits
//      the API and its baseline alike.
//   2. list-with-filter latency over BENCH_CUSTOMERS customers (insertMany of the runtime's document shape
//      from the client, owned by several agents): GET /api/records/customer?filter=...&sort=-updatedAt
//      &pageSize=20 as the supervisor (team scope) and/or the admin (all) vs the find + sort + limit and the
//      countDocuments that runtime/src/records/list-records.ts sends (same query, sort, limit, projection), in
//      parallel as it does. The first answers must agree (total and the page's ids) and every timed answer is
//      checked against them. One request at a time, pairs (API, driver) in alternating order. Time-bound: pairs
//      run until BENCH_LIST_REQUESTS, or until BENCH_LIST_BUDGET_MS has passed once BENCH_LIST_MIN are in; and
//      none starts after the role's share of the time left before BENCH_SOFT_DEADLINE_MS (at least
//      BENCH_LIST_BUDGET_MS), so >= 30 pairs whenever a list takes < 1 s, fewer for slow lists (the row says
//      "cut by the deadline"). p50 and p95 of both sides. Target: API p95 <= 2x the driver's.
// HTTP client: node:http with a keep-alive Agent (maxSockets = concurrency) by default: the cheapest client at
// hand (the undici package, and so its Pool, is not installed; fetch cannot be given a dispatcher without it).
// A benchmark: it prints figures, ratios and whether the targets are met; it fails only on wrong answers.
//   BENCH_CUSTOMERS       customers to load for the list figures (default 100000)
//   BENCH_CONCURRENCY     concurrent callers (and keep-alive connections) for the concurrent figures (default 16)
//   BENCH_PHASE_MS        time of each create figure, both halves together (default 4000; floors: up to 2000)
//   BENCH_HTTP_CLIENT     http (node:http keep-alive Agent, default) or fetch (Node's undici fetch, keep-alive)
//   BENCH_LIST_ROLES      who lists: supervisor and/or admin, comma-separated (default supervisor)
//   BENCH_LIST_MIN        list pairs to reach before the budget may stop them (default 30)
//   BENCH_LIST_REQUESTS   most list pairs per role (default 300)
//   BENCH_LIST_BUDGET_MS  list time per role once BENCH_LIST_MIN pairs are in (default 90000)
//   BENCH_SOFT_DEADLINE_MS  the list time of all roles ends by then, from the start (default 270000; see above)
//   BENCH_TIMEOUT_MS      watchdog for the whole run (default 420000)
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { startEmbeddedMongo } from '../../embedded-mongo/dist/index.js';
import { buildApp } from '../../runtime/dist/app.js';
import { usersInTeamTree } from '../../runtime/dist/org/teams.js';
import { indexesFor } from '../../runtime/dist/records/indexes.js';
import { installTemplate, templateDir } from '../../runtime/dist/templates/install.js';
import { createRecordValidator, defaultValues } from '../../schemas/dist/index.js';
import { customerValues } from './insurance-data.mjs';

const CUSTOMERS = Math.max(1_000, Number(process.env.BENCH_CUSTOMERS ?? 100_000));
const C = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 16));
const PHASE_MS = Math.max(500, Number(process.env.BENCH_PHASE_MS ?? 4_000));
const FLOOR_MS = Math.min(PHASE_MS, 2_000);
const HTTP_CLIENT = process.env.BENCH_HTTP_CLIENT === 'fetch' ? 'fetch' : 'http';
const LIST_ROLES = (process.env.BENCH_LIST_ROLES ?? 'supervisor').split(',').map((r) => r.trim()).filter(Boolean);
const LIST_MIN = Math.max(1, Number(process.env.BENCH_LIST_MIN ?? 30));
const LIST_MAX = Math.max(LIST_MIN, Number(process.env.BENCH_LIST_REQUESTS ?? 300));
const LIST_BUDGET_MS = Number(process.env.BENCH_LIST_BUDGET_MS ?? 90_000);
const SOFT_DEADLINE_MS = Number(process.env.BENCH_SOFT_DEADLINE_MS ?? 270_000);
const WATCHDOG_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 7 * 60_000);
const MAX_CREATES = 50_000; // per create figure
const LOAD_BATCH = 1_000;
const PAGE_SIZE = 20;
const SORT = '-updatedAt';
const LIST_FILTER = { and: [{ field: 'status', op: 'eq', value: 'interested' }, { field: 'annual_premium', op: 'gte', value: 8000 }] };
const PASSWORDS = { admin: 'admin123', lead: 'lead123', agent1: 'agent123' };
const PROBE_CREATES = 20; // creates per side in the command probe
const PROBE_SETTLE_MS = 300; // then time for the log outbox (it flushes 50 ms after a write)
const EXTRA_AGENTS = [
  // Sales A (the supervisor "lead" sees their records) and the parent team Sales centre (outside lead's scope).
  ...Array.from({ length: 6 }, (_, i) => ({ login: `agent${i + 3}`, team: 'sales_a' })),
  ...Array.from({ length: 3 }, (_, i) => ({ login: `agent${i + 9}`, team: 'sales' })),
];

const log = (...a) => console.error('[bench]', ...a); // progress to stderr, results to stdout
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fmtMs = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a');
const fmtPct = (n) => (Number.isFinite(n) ? `${Math.round(n)}%` : 'n/a');
const ratioStr = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');
const quantile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
const summary = (latencies) => {
  const s = Float64Array.from(latencies).sort();
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99) };
};

// ---------------------------------------------------------------------------------------------------------------
// CPU of this (the server) process, per thread from /proc/self/task/<tid>/stat (Linux; USER_HZ ticks of 10 ms):
// the runtime = the main thread; the database = the worker thread startEmbeddedMongo starts (the busiest of the
// threads that appeared while it started); other = the rest of the process (GC and libuv helper threads) from
// process.cpuUsage. Where /proc cannot be read the split reads n/a.

const tids = () => {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
};
function threadCpuMs(tid) {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}
let dbThread; // tid of the database worker, once known
function findDbThread(before) {
  const born = tids().filter((t) => !before.includes(t));
  dbThread = born.sort((a, b) => threadCpuMs(b) - threadCpuMs(a))[0];
}
function serverCpu() {
  const u = process.cpuUsage();
  return { at: performance.now(), all: (u.user + u.system) / 1000, main: threadCpuMs(process.pid), db: dbThread ? threadCpuMs(dbThread) : NaN };
}
/** CPU ms of the runtime thread, the database thread and the rest of this process since `from`, and the wall. */
function serverCpuSince(from) {
  const to = serverCpu();
  const runtimeMs = to.main - from.main;
  const databaseMs = to.db - from.db;
  // process.cpuUsage counts microseconds, /proc ticks of 10 ms: a short phase can come out a little below zero.
  return { wallMs: to.at - from.at, runtimeMs, databaseMs, otherMs: Math.max(0, to.all - from.all - runtimeMs - databaseMs) };
}

// ---------------------------------------------------------------------------------------------------------------
// the load client: a forked process, one command at a time over IPC

class LoadClient {
  constructor() {
    this.seq = 0;
    this.pending = new Map();
    this.child = fork(new URL('./api-load-client.mjs', import.meta.url), [], {
      serialization: 'advanced', // latencies travel as Float64Array
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      this.exitCode = code ?? signal;
      for (const p of this.pending.values()) p.reject(new Error(`the load client exited (${code ?? signal}) during ${p.cmd}`));
      this.pending.clear();
      resolve();
    }));
    this.ready = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.on('message', (m) => {
        if (m.ready) return resolve();
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(`load client, ${p.cmd}: ${m.error}`));
      });
      this.exited.then(() => reject(new Error(`the load client exited (${this.exitCode}) before it was ready`)));
    });
  }

  async call(cmd, args) {
    await this.ready;
    if (this.exitCode !== undefined) throw new Error(`the load client has exited (${this.exitCode})`);
    return new Promise((resolve, reject) => {
      const id = ++this.seq;
      this.pending.set(id, { resolve, reject, cmd });
      this.child.send({ id, cmd, args });
    });
  }

  async close() {
    if (this.exitCode === undefined) {
      await Promise.race([this.call('close').catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      if (this.child.connected) this.child.disconnect(); // the client exits on disconnect
      const t = setTimeout(() => this.exitCode === undefined && this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(t);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

let mongo;
let app;
let loadClient;

async function cleanup() {
  await loadClient?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await mongo?.stop().catch(() => undefined);
}

const watchdog = setTimeout(() => {
  console.error(`[bench] watchdog: still running after ${WATCHDOG_MS} ms, giving up`);
  if (loadClient?.exitCode === undefined) loadClient?.child.kill('SIGKILL');
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const startLoad = loadavg()[0].toFixed(2);
const tStart = performance.now();

async function inject(session, method, url, body) {
  const res = await app.inject({
    method, url,
    headers: { cookie: session.cookie, ...(method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}) },
    ...(body !== undefined ? { payload: body } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

/** "insert records_customer 1.00, ..." from a per-create tally. */
const describeTally = (t) => Object.entries(t).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') || 'none';

/**
 * The database commands the runtime sends per create, counted by command and collection: a second runtime
 * instance (its client with command monitoring, so the measured one is untouched) on a database of its own,
 * PROBE_CREATES creates through app.inject after one to fill the caches, then PROBE_SETTLE_MS for the
 * background work a create schedules (the log outbox). -> { "insert records_customer": 1, ... } per create.
 */
async function probeApiCommands(uri, probeDbName) {
  const probeApp = await buildApp({ mongoUri: `${uri}?monitorCommands=true`, dbName: probeDbName, embedded: true });
  try {
    await installTemplate(probeApp, templateDir('insurance'));
    const res = await probeApp.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'agent1', password: PASSWORDS.agent1 } });
    if (res.statusCode !== 200) throw new Error(`probe login: ${res.statusCode} ${res.body}`);
    const headers = { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': JSON.parse(res.body).csrfToken };
    const create = async (n) => {
      const r = await probeApp.inject({ method: 'POST', url: '/api/records/customer', headers, payload: { values: customerValues(n, { phonePrefix: '135', withIdNumber: false }) } });
      if (r.statusCode !== 201) throw new Error(`probe create: ${r.statusCode} ${r.body}`);
    };
    await create(0);
    await new Promise((r) => setTimeout(r, PROBE_SETTLE_MS));
    const tally = {};
    const count = (e) => {
      const coll = e.command[e.commandName];
      const key = `${e.commandName}${typeof coll === 'string' ? ` ${coll}` : ''}`;
      tally[key] = (tally[key] ?? 0) + 1;
    };
    probeApp.mongoClient.on('commandStarted', count);
    for (let n = 1; n <= PROBE_CREATES; n++) await create(n);
    await new Promise((r) => setTimeout(r, PROBE_SETTLE_MS));
    probeApp.mongoClient.off('commandStarted', count);
    return Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v / PROBE_CREATES]));
  } finally {
    await probeApp.close();
  }
}

async function main() {
  // --- setup: embedded database (memory only), runtime on a real port, template, more agents
  const threadsBefore = tids();
  mongo = await startEmbeddedMongo();
  const dbName = `bench_api_${process.pid}`;
  app = await buildApp({ mongoUri: mongo.uri, dbName, embedded: true });
  const installed = await installTemplate(app, templateDir('insurance'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  let httpConnections = 0; // keep-alive check: the client should open about one connection per caller
  app.server.on('connection', () => httpConnections++);
  const base = `http://127.0.0.1:${app.server.address().port}`;
  findDbThread(threadsBefore); // after the template install, which kept the database thread busy
  log(`runtime at ${base}, database ${mongo.uri}${dbName}; template ${installed.template} ${installed.version} (${installed.records} demo records)`);

  const adminLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: PASSWORDS.admin } });
  if (adminLogin.statusCode !== 200) throw new Error(`admin login: ${adminLogin.statusCode} ${adminLogin.body}`);
  const admin = { cookie: String(adminLogin.headers['set-cookie']).split(';')[0], csrfToken: JSON.parse(adminLogin.body).csrfToken };
  const teams = (await inject(admin, 'GET', '/api/teams')).body;
  const teamId = (key) => teams.find((t) => t.key === key).id;
  for (const a of EXTRA_AGENTS) {
    const r = await inject(admin, 'POST', '/api/users', {
      login: a.login, name: `坐席 ${a.login}`, password: 'agent12345', role: 'agent', teamId: teamId(a.team), locale: 'zh',
    });
    if (r.status !== 201) throw new Error(`creating user ${a.login}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const users = (await inject(admin, 'GET', '/api/users')).body;
  const owners = users.filter((u) => u.role === 'agent' || u.role === 'supervisor').map((u) => u.id);

  const entity = await app.definitions.getPublishedEntity('customer');
  const validate = createRecordValidator(entity);
  for (let n = 0; n < 500; n++) {
    const issues = validate(customerValues(n, { phonePrefix: '139', withIdNumber: false }), { mode: 'create' });
    if (issues.length) throw new Error(`generated customer ${n} is invalid: ${JSON.stringify(issues)}`);
  }

  // --- the load client: sign in over HTTP, connect the driver
  loadClient = new LoadClient();
  const { users: signedIn, pid: clientPid } = await loadClient.call('init', {
    base, mongoUri: mongo.uri, dbName, concurrency: C, httpClient: HTTP_CLIENT,
    logins: [{ role: 'agent', login: 'agent1' }, { role: 'lead', login: 'lead' }, { role: 'admin', login: 'admin' }]
      .map((l) => ({ ...l, password: PASSWORDS[l.login] })),
    entity: { defaults: defaultValues(entity), fieldKeys: entity.fields.map((f) => f.key) },
  });
  await loadClient.call('setupDriver', { indexes: indexesFor(entity), oplogIndex: { key: { entity: 1, recordId: 1, version: -1 }, name: 'record_history' } });
  log(`load client pid ${clientPid} (${HTTP_CLIENT} keep-alive, ${C} connections; mongodb driver, maxPoolSize 50), signed in as agent1, lead, admin`);
  const agentId = signedIn.agent.id;
  const records = app.db.collection('records_customer');
  const probe = {
    api: await probeApiCommands(mongo.uri, `${dbName}_probe_api`),
    same: (await loadClient.call('probeCommands', { mongoUri: mongo.uri, creates: PROBE_CREATES, settleMs: PROBE_SETTLE_MS })).tally,
  };
  probe.mirrors = isDeepStrictEqual(Object.keys(probe.api).sort(), Object.keys(probe.same).sort());
  log(`commands per create: API ${describeTally(probe.api)}; sameWrites ${describeTally(probe.same)}${probe.mirrors ? '' : ' -- DIFFERENT: update sameWrite in api-load-client.mjs'}`);
  const createdBefore = await records.countDocuments({ createdBy: agentId });

  // --- 1. create throughput, HTTP floor ------------------------------------------------------------------------
  const figures = [
    { name: 'createDriverSeq', op: 'driverCreate', concurrency: 1, ms: PHASE_MS },
    { name: 'createApiSeq', op: 'apiCreate', concurrency: 1, ms: PHASE_MS },
    { name: 'createDriverConc', op: 'driverCreate', concurrency: C, ms: PHASE_MS },
    { name: 'createApiConc', op: 'apiCreate', concurrency: C, ms: PHASE_MS },
    { name: 'sameSeq', op: 'sameWrites', concurrency: 1, ms: PHASE_MS },
    { name: 'sameConc', op: 'sameWrites', concurrency: C, ms: PHASE_MS },
    { name: 'floorPingSeq', op: 'ping', concurrency: 1, ms: FLOOR_MS },
    { name: 'floorHealthSeq', op: 'apiHealth', concurrency: 1, ms: FLOOR_MS },
    { name: 'floorPingConc', op: 'ping', concurrency: C, ms: FLOOR_MS },
    { name: 'floorHealthConc', op: 'apiHealth', concurrency: C, ms: FLOOR_MS },
  ];
  // Warm-up: JIT on both sides, the C connections of each client, the validator and the definition caches.
  for (const op of ['driverCreate', 'apiCreate', 'sameWrites', 'ping', 'apiHealth']) {
    const r = await loadClient.call('measure', { op, concurrency: C, ms: op === 'ping' || op === 'apiHealth' ? 300 : 600 });
    if (r.errors) throw new Error(`warm-up ${op}: ${r.errors} failed; first: ${r.firstError}`);
  }
  const parts = Object.fromEntries(figures.map((f) => [f.name, []]));
  for (const round of [figures, [...figures].reverse()]) {
    for (const f of round) {
      const cpu0 = serverCpu();
      const r = await loadClient.call('measure', { op: f.op, concurrency: f.concurrency, ms: f.ms / 2, maxOps: MAX_CREATES / 2 });
      const server = serverCpuSince(cpu0);
      if (r.errors) throw new Error(`${f.name}: ${r.errors} of ${r.ops + r.errors} operations failed; first: ${r.firstError}`);
      parts[f.name].push({ ...r, server });
    }
  }
  const results = {};
  for (const f of figures) {
    const ps = parts[f.name];
    const ops = ps.reduce((a, p) => a + p.ops, 0);
    const ms = ps.reduce((a, p) => a + p.ms, 0);
    const wall = ps.reduce((a, p) => a + p.server.wallMs, 0);
    const lat = summary(ps.flatMap((p) => [...p.latencies]));
    results[f.name] = {
      ops, ms, rate: (ops * 1000) / ms, ...lat, concurrency: f.concurrency,
      cpu: {
        client: (100 * ps.reduce((a, p) => a + p.cpuMs, 0)) / ms,
        runtime: (100 * ps.reduce((a, p) => a + p.server.runtimeMs, 0)) / wall,
        database: (100 * ps.reduce((a, p) => a + p.server.databaseMs, 0)) / wall,
        other: (100 * ps.reduce((a, p) => a + p.server.otherMs, 0)) / wall,
      },
    };
    const r = results[f.name];
    log(`${f.name}: ${fmtInt(r.rate)}/s (n ${r.ops}, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms); CPU client ${fmtPct(r.cpu.client)}, runtime thread ${fmtPct(r.cpu.runtime)}, database thread ${fmtPct(r.cpu.database)}, other threads ${fmtPct(r.cpu.other)}`);
  }
  // Every 201 the client counted (warm-up included) is a stored record of agent1's, and nothing else was stored.
  const { apiCreated } = await loadClient.call('counts');
  const stored = (await records.countDocuments({ createdBy: agentId })) - createdBefore;
  if (stored !== apiCreated) throw new Error(`the API answered 201 to ${apiCreated} creates but ${stored} records of agent1 were stored`);
  log(`creates checked: ${fmtInt(apiCreated)} API creates (warm-up included), ${fmtInt(stored)} new records of agent1 stored; ${httpConnections} HTTP connections accepted so far`);

  // --- 2. list with filter over CUSTOMERS customers ------------------------------------------------------------
  const loaded = await loadClient.call('load', { collection: 'records_customer', count: CUSTOMERS, owners, batch: LOAD_BATCH });
  results.load = { docs: CUSTOMERS, ms: loaded.ms, rate: (CUSTOMERS * 1000) / loaded.ms };
  const totalRecords = await records.countDocuments();
  log(`loaded ${fmtInt(CUSTOMERS)} customers in ${fmtMs(loaded.ms / 1000)} s (${fmtInt(results.load.rate)}/s); ${fmtInt(totalRecords)} records in the collection`);

  // The query list-records.ts builds for this filter: [scope, not deleted, the translated filter] under $and,
  // sort by the key then _id (sort.ts), skip (page-1)*pageSize, limit pageSize, without the pending log
  // entries (projection); the count in parallel.
  const translated = { $and: [{ 'values.status': { $eq: 'interested' } }, { 'values.annual_premium': { $gte: 8000 } }] };
  // Supervisor scope (auth/permissions.ts ownerScope with org/teams.ts usersInTeamTree): self + the team tree.
  const lead = signedIn.lead;
  const leadScope = [...new Set([lead.id, ...(await usersInTeamTree(app.db, lead.teamId))])];
  const roles = [
    { key: 'supervisor', session: 'lead', who: 'as lead (supervisor, team scope)', scope: { ownerId: { $in: leadScope } } },
    { key: 'admin', session: 'admin', who: 'as admin (scope all)', scope: {} },
  ].filter((r) => LIST_ROLES.includes(r.key));
  if (!roles.length) throw new Error(`BENCH_LIST_ROLES=${process.env.BENCH_LIST_ROLES}: expected supervisor and/or admin`);
  const path = `/api/records/customer?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${encodeURIComponent(SORT)}&page=1&pageSize=${PAGE_SIZE}`;
  const sortSpec = { updatedAt: -1, _id: -1 }; // as runtime/src/records/sort.ts sends it
  const projection = { pendingLog: 0 };

  for (const [i, role] of roles.entries()) {
    const query = { $and: [role.scope, { deletedAt: null }, translated].filter((p) => Object.keys(p).length) };
    role.scopeSize = await records.countDocuments({ $and: [role.scope, { deletedAt: null }].filter((p) => Object.keys(p).length) });
    const left = SOFT_DEADLINE_MS - (performance.now() - tStart);
    const hardMs = Math.max(LIST_BUDGET_MS, left / (roles.length - i));
    const cpu0 = serverCpu();
    const r = await loadClient.call('list', {
      role: role.session, path, collection: 'records_customer', query, projection, sort: sortSpec, pageSize: PAGE_SIZE,
      minN: LIST_MIN, maxN: LIST_MAX, softMs: LIST_BUDGET_MS, hardMs,
    });
    const server = serverCpuSince(cpu0);
    if (r.mismatch) {
      throw new Error(`${role.key}: the API (total ${r.mismatch.api.total}) and the driver query (total ${r.mismatch.driver.total}) answer differently; the driver query no longer mirrors list-records.ts`);
    }
    if (r.wrong) throw new Error(`${role.key}: ${r.wrong} timed list answers differ from the first one, e.g. ${JSON.stringify(r.wrongExample)}`);
    Object.assign(role, {
      total: r.total, hardMs, ms: r.ms, apiList: summary(r.api), driverList: summary(r.driver),
      cpu: {
        client: (100 * r.cpuMs) / r.ms, runtime: (100 * server.runtimeMs) / server.wallMs,
        database: (100 * server.databaseMs) / server.wallMs, other: (100 * server.otherMs) / server.wallMs,
      },
    });
    role.cut = role.apiList.n < LIST_MIN; // the deadline stopped it before the minimum
    log(`${role.key}: ${fmtInt(r.total)} matches of ${fmtInt(role.scopeSize)} records in scope; API and driver agree on total and page in every answer`);
    log(`${role.key}: list API p50 ${fmtMs(role.apiList.p50)} p95 ${fmtMs(role.apiList.p95)} ms; driver p50 ${fmtMs(role.driverList.p50)} p95 ${fmtMs(role.driverList.p95)} ms (n ${role.apiList.n} each, ${fmtMs(r.ms / 1000)} s)`);
  }

  // --- table ---------------------------------------------------------------------------------------------------
  const rows = [];
  const met = (ok) => (ok ? 'yes' : 'NO');
  const createRow = (label, api, drv) => {
    const r = api.rate / drv.rate;
    rows.push([`${label} (p50 ${fmtMs(api.p50)} / ${fmtMs(drv.p50)} ms)`, `${fmtInt(api.rate)}/s`, `${fmtInt(drv.rate)}/s`, ratioStr(r), '>= 0.50x', met(r >= 0.5)]);
    return r;
  };
  const info = (label, api, drv, r) => rows.push([label, api, drv, Number.isFinite(r) ? ratioStr(r) : '', '(info)', '']);
  const cpuCell = (x) => [x.cpu.client, x.cpu.runtime, x.cpu.database, x.cpu.other].map((v) => (Number.isFinite(v) ? Math.round(v) : 'n/a')).join('/');
  const rateInfo = (label, api, drv) => info(`${label} (p50 ${fmtMs(api.p50)} / ${fmtMs(drv.p50)} ms)`, `${fmtInt(api.rate)}/s`, `${fmtInt(drv.rate)}/s`, api.rate / drv.rate);

  const createSeqRatio = createRow('create customer, sequential', results.createApiSeq, results.createDriverSeq);
  info('  CPU % of a core: client/runtime/database/other, sequential', cpuCell(results.createApiSeq), cpuCell(results.createDriverSeq));
  const createConcRatio = createRow(`create customer, ${C} concurrent`, results.createApiConc, results.createDriverConc);
  info(`  CPU % of a core: client/runtime/database/other, ${C} concurrent`, cpuCell(results.createApiConc), cpuCell(results.createDriverConc));
  rateInfo('  same vs its writes through the driver (sameWrites), sequential', results.createApiSeq, results.sameSeq);
  rateInfo(`  same vs its writes through the driver (sameWrites), ${C} concurrent`, results.createApiConc, results.sameConc);
  const perCreate = (t) => Object.values(t).reduce((a, b) => a + b, 0);
  info(`  database commands per create (probe of ${PROBE_CREATES}): API vs sameWrites${probe.mirrors ? '' : ' DIFFERENT'}`, perCreate(probe.api).toFixed(2), perCreate(probe.same).toFixed(2));
  rateInfo('  HTTP floor: GET /api/health (one ping inside) vs ping, sequential', results.floorHealthSeq, results.floorPingSeq);
  rateInfo(`  HTTP floor: GET /api/health (one ping inside) vs ping, ${C} concurrent`, results.floorHealthConc, results.floorPingConc);
  const listRatios = {};
  for (const role of roles) {
    const label = `list (${fmtInt(role.total)} match of ${fmtInt(role.scopeSize)}) ${role.who}`;
    const r95 = role.apiList.p95 / role.driverList.p95;
    const r50 = role.apiList.p50 / role.driverList.p50;
    listRatios[role.key] = { p50: r50, p95: r95 };
    const n = `n ${role.apiList.n} per side${role.cut ? `, cut by the deadline at ${fmtMs(role.ms / 1000)} s` : ''}`;
    rows.push([`${label}, p50 ms`, fmtMs(role.apiList.p50), fmtMs(role.driverList.p50), ratioStr(r50), '(info)', '']);
    rows.push([`${label}, p95 ms (${n})`, fmtMs(role.apiList.p95), fmtMs(role.driverList.p95), ratioStr(r95), '<= 2.00x', met(r95 <= 2)]);
  }
  rows.push([`load ${fmtInt(CUSTOMERS)} customers, insertMany x${LOAD_BATCH} (driver only)`, '', `${fmtInt(results.load.rate)}/s`, '', '(info)', '']);

  const cpuModel = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  console.log(
    `\nAPI benchmark: runtime (buildApp, insurance template) on the embedded database (memory only, worker thread) in one process; ` +
      `all load from one forked client process (${HTTP_CLIENT === 'http' ? 'node:http' : 'fetch'} keep-alive for the API, the mongodb driver for the baseline), over 127.0.0.1\n` +
      `machine: ${availableParallelism()} cores (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, load average at start ${startLoad}; ` +
      `node ${process.version}; ${fmtMs(PHASE_MS / 1000)} s per create figure (A-B-B-A halves); filter ${JSON.stringify(LIST_FILTER)}, sort ${SORT}, pageSize ${PAGE_SIZE}`,
  );
  const header = ['figure', 'API', 'driver', 'ratio', 'target', 'met?'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => '| ' + r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('ratio: API / driver (rates for creates, milliseconds for lists). Targets: API create rate >= half the driver insertOne rate; API list p95 <= 2x the driver find+count p95.');
  console.log('Both sides are driven by the same client process (HTTP to the runtime, or the driver to the database); the server process holds the runtime and the database.');
  console.log('(info) rows: CPU while measuring, % of one core (client process / runtime main thread / database worker thread / other threads of the server process); sameWrites: the writes a create makes (create-record.ts: one insert of the record), through the driver; the database commands each sends per create; what one API call costs on top of one database command (HTTP, Fastify, session hook).');
  console.log(`commands per create (command monitoring, ${PROBE_CREATES} creates + ${PROBE_SETTLE_MS} ms): API ${describeTally(probe.api)}; sameWrites ${describeTally(probe.same)}`);
  if (!probe.mirrors) console.log('WARNING: sameWrites does not send the commands the runtime sends per create: bring sameWrite in tests/bench/api-load-client.mjs in line with runtime/src/records/create-record.ts.');
  if (roles.some((r) => r.cut)) console.log(`list figures cut by the deadline: fewer than ${LIST_MIN} pairs fit (each pair is one API list and one driver find + count over the collection).`);
  if (Number(startLoad) >= availableParallelism() / 2) {
    console.log(`note: the machine was already busy at the start (load average ${startLoad} on ${availableParallelism()} cores): other work competes with both sides and widens the tails; compare runs made on a quiet machine.`);
  }
  console.log(`total time ${fmtMs((performance.now() - tStart) / 1000)} s; load average at the end ${loadavg()[0].toFixed(2)}`);

  const round = (x, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);
  const fig = (r) => ({
    rate: Math.round(r.rate), ops: r.ops, p50: round(r.p50), p99: round(r.p99),
    cpu: { client: round(r.cpu.client, 0), runtime: round(r.cpu.runtime, 0), database: round(r.cpu.database, 0), other: round(r.cpu.other, 0) },
  });
  console.log(JSON.stringify({
    bench: 'api',
    method: 'server process (runtime + embedded db worker) vs one forked client process for both sides',
    httpClient: HTTP_CLIENT,
    cpus: availableParallelism(),
    node: process.version,
    customers: CUSTOMERS,
    concurrency: C,
    create: {
      apiSeq: fig(results.createApiSeq), driverSeq: fig(results.createDriverSeq), apiConc: fig(results.createApiConc), driverConc: fig(results.createDriverConc),
      sameWritesSeq: fig(results.sameSeq), sameWritesConc: fig(results.sameConc), ratioSeq: round(createSeqRatio, 3), ratioConc: round(createConcRatio, 3),
    },
    commandsPerCreate: { api: probe.api, sameWrites: probe.same, mirrors: probe.mirrors },
    floor: { healthSeq: fig(results.floorHealthSeq), pingSeq: fig(results.floorPingSeq), healthConc: fig(results.floorHealthConc), pingConc: fig(results.floorPingConc) },
    list: Object.fromEntries(roles.map((r) => [r.key, {
      total: r.total, scope: r.scopeSize, cutByDeadline: r.cut, ms: Math.round(r.ms), hardMs: Math.round(r.hardMs),
      api: { n: r.apiList.n, p50: round(r.apiList.p50), p95: round(r.apiList.p95), p99: round(r.apiList.p99) },
      driver: { n: r.driverList.n, p50: round(r.driverList.p50), p95: round(r.driverList.p95), p99: round(r.driverList.p99) },
      ratioP50: round(listRatios[r.key].p50, 3), ratioP95: round(listRatios[r.key].p95, 3),
      cpu: { client: round(r.cpu.client, 0), runtime: round(r.cpu.runtime, 0), database: round(r.cpu.database, 0), other: round(r.cpu.other, 0) },
    }])),
    loadDocsPerSec: Math.round(results.load.rate),
    loadAvg: { start: Number(startLoad), end: Number(loadavg()[0].toFixed(2)) },
    targets: {
      createSeq: createSeqRatio >= 0.5,
      createConc: createConcRatio >= 0.5,
      ...Object.fromEntries(roles.map((r) => [`listP95_${r.key}`, listRatios[r.key].p95 <= 2])),
    },
  }));
}

try {
  await main();
} catch (e) {
  console.error('[bench] failed:', e instanceof Error ? e.stack : e);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
// Keep-alive sockets and the database worker must not hold the process open after the figures are out.
process.exit(process.exitCode ?? 0);
