#!/usr/bin/env node
// Benchmark of the runtime's records API against the official MongoDB driver on the same embedded database
// (`npm run bench:api`, which builds first; or `npx tsc -b embedded-mongo schemas runtime` and run this file).
//
// One process: the embedded database in a worker thread (memory only, startEmbeddedMongo), the runtime
// (buildApp, insurance template installed) listening on a real 127.0.0.1 port, and the clients: Node's fetch
// (undici, keep-alive) for the API and a separate MongoClient for the baseline.
//   1. create-record throughput: POST /api/records/customer signed in as an agent, sequential and with
//      BENCH_CONCURRENCY callers, vs insertOne of a document of the runtime's shape into a collection with the
//      same indexes. Target: API rate >= 1/2 of the driver's.
//   2. list-with-filter latency over BENCH_CUSTOMERS customers (insertMany in the runtime's document shape,
//      owned by several agents): GET /api/records/customer?filter=...&sort=-updatedAt&pageSize=20 as the
//      supervisor (team scope) and as the admin (all), vs the same find + sort + limit and countDocuments
//      that runtime/src/records/list-records.ts sends. Target: API p95 <= 2x the driver's.
// A benchmark: it prints figures, ratios and whether the targets are met; it fails only on wrong answers.
//   BENCH_CUSTOMERS     customers to load for the list figures (default 100000)
//   BENCH_CONCURRENCY   concurrent callers for the create figures (default 16)
//   BENCH_LIST_REQUESTS list requests per side and role (default 300)
//   BENCH_PHASE_MS      duration of each create measurement (default 4000)
//   BENCH_LIST_ROLES    who lists: supervisor and/or admin, comma-separated (default supervisor)
//   BENCH_LIST_BUDGET_MS  most time for the list requests of one role, both sides (default 180000); they also
//                       stop at BENCH_SOFT_DEADLINE_MS after the start (default 270000), so the run ends in ~5 min
//   BENCH_TIMEOUT_MS    watchdog for the whole run (default 420000)
import { randomUUID } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../embedded-mongo/dist/index.js';
import { buildApp } from '../../runtime/dist/app.js';
import { indexesFor } from '../../runtime/dist/records/indexes.js';
import { installTemplate, templateDir } from '../../runtime/dist/templates/install.js';
import { createRecordValidator } from '../../schemas/dist/index.js';
import { customerDoc, customerValues } from './insurance-data.mjs';

const CUSTOMERS = Math.max(1_000, Number(process.env.BENCH_CUSTOMERS ?? 100_000));
const C = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 16));
const LIST_N = Math.max(10, Number(process.env.BENCH_LIST_REQUESTS ?? 300));
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 4_000);
const LIST_BUDGET_MS = Number(process.env.BENCH_LIST_BUDGET_MS ?? 180_000);
const SOFT_DEADLINE_MS = Number(process.env.BENCH_SOFT_DEADLINE_MS ?? 270_000);
const LIST_ROLES = (process.env.BENCH_LIST_ROLES ?? 'supervisor').split(',').map((r) => r.trim()).filter(Boolean);
const WATCHDOG_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 7 * 60_000);
const MAX_CREATES = 50_000; // per create measurement
const PAGE_SIZE = 20;
const SORT = '-updatedAt';
const LIST_FILTER = { and: [{ field: 'status', op: 'eq', value: 'interested' }, { field: 'annual_premium', op: 'gte', value: 8000 }] };
const EXTRA_AGENTS = [
  // Sales A (the supervisor "lead" sees their records) and the parent team Sales centre (outside lead's scope).
  ...Array.from({ length: 6 }, (_, i) => ({ login: `agent${i + 3}`, team: 'sales_a' })),
  ...Array.from({ length: 3 }, (_, i) => ({ login: `agent${i + 9}`, team: 'sales' })),
];

const log = (...a) => console.error('[bench]', ...a); // progress to stderr, results to stdout
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const fmtMs = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a');
const ratioStr = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');
const quantile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);

// ---------------------------------------------------------------------------------------------------------------
// measurement

/**
 * Runs op(k) from `concurrency` callers until `ms` elapsed or maxOps ops were issued.
 * op returns false (or throws) on a wrong answer; those are counted and the first one is kept.
 */
async function measure(op, { concurrency = 1, ms = PHASE_MS, maxOps = Infinity } = {}) {
  const latencies = [];
  let issued = 0;
  let errors = 0;
  let firstError;
  const t0 = performance.now();
  const deadline = t0 + ms;
  const loop = async () => {
    while (issued < maxOps && performance.now() < deadline) {
      const k = issued++;
      const s = performance.now();
      try {
        const ok = await op(k);
        if (ok === false) throw new Error('wrong answer');
        latencies.push(performance.now() - s);
      } catch (e) {
        errors++;
        firstError ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length, errors, firstError, ms: elapsed, rate: (latencies.length * 1000) / elapsed,
    p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99),
  };
}

function summary(latencies) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

function check(result, what) {
  if (result.errors) {
    const e = result.firstError;
    throw new Error(`${what}: ${result.errors} of ${result.ops + result.errors} operations failed; first: ${e instanceof Error ? e.message : e}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// an API client over real HTTP: fetch (undici's global agent, keep-alive), the session cookie and the CSRF token

class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrfToken = '';
    this.user = null;
  }

  async login(login, password) {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${JSON.stringify(body)}`);
    this.cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='))?.split(';')[0] ?? '';
    this.csrfToken = body.csrfToken;
    this.user = body.user;
    return this;
  }

  async request(method, path, body) {
    const headers = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

// ---------------------------------------------------------------------------------------------------------------

let mongo;
let app;
let client;

async function cleanup() {
  await client?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await mongo?.stop().catch(() => undefined);
}

const watchdog = setTimeout(() => {
  console.error(`[bench] watchdog: still running after ${WATCHDOG_MS} ms, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const startLoad = loadavg()[0].toFixed(2);
const tStart = performance.now();

async function main() {
  // --- setup: embedded database (memory only), runtime on a real port, template, more agents
  mongo = await startEmbeddedMongo();
  const dbName = `bench_api_${process.pid}`;
  app = await buildApp({ mongoUri: mongo.uri, dbName, embedded: true });
  const installed = await installTemplate(app, templateDir('insurance'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  log(`runtime at ${base}, database ${mongo.uri}${dbName}; template ${installed.template} ${installed.version} (${installed.records} demo records)`);

  // The baseline's own client, configured like the runtime's (runtime/src/db/plugin.ts).
  client = new MongoClient(mongo.uri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(dbName);

  const admin = await new ApiClient(base).login('admin', 'admin123');
  const teams = (await admin.request('GET', '/api/teams')).body;
  const teamId = (key) => teams.find((t) => t.key === key).id;
  for (const a of EXTRA_AGENTS) {
    const r = await admin.request('POST', '/api/users', {
      login: a.login, name: `坐席 ${a.login}`, password: 'agent12345', role: 'agent', teamId: teamId(a.team), locale: 'zh',
    });
    if (r.status !== 201) throw new Error(`creating user ${a.login}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const users = (await admin.request('GET', '/api/users')).body;
  const owners = users.filter((u) => u.role === 'agent' || u.role === 'supervisor').map((u) => u.id);
  const agent = await new ApiClient(base).login('agent1', 'agent123');
  const lead = await new ApiClient(base).login('lead', 'lead123');

  const entity = await app.definitions.getPublishedEntity('customer');
  const validate = createRecordValidator(entity);
  for (let n = 0; n < 500; n++) {
    const issues = validate(customerValues(n), { mode: 'create' });
    if (issues.length) throw new Error(`generated customer ${n} is invalid: ${JSON.stringify(issues)}`);
  }
  const indexes = indexesFor(entity);
  const results = {};

  // --- 1. create throughput ----------------------------------------------------------------------------------
  // Distinct phone ranges per target so the unique phone index never refuses a write.
  let apiN = 0;
  let drvN = 0;
  let txN = 0;
  const agentId = agent.user.id;
  const apiCreate = async () => {
    const r = await agent.request('POST', '/api/records/customer', { values: customerValues(apiN++, { phonePrefix: '139', withIdNumber: false }) });
    if (r.status !== 201) throw new Error(`POST /api/records/customer -> ${r.status} ${JSON.stringify(r.body)}`);
  };
  const docFor = (values) => {
    const now = new Date();
    return { _id: randomUUID(), version: 1, ownerId: agentId, createdAt: now, createdBy: agentId, updatedAt: now, updatedBy: agentId, deletedAt: null, deletedBy: null, values };
  };
  const driverColl = db.collection('bench_driver_customer');
  await driverColl.createIndexes(indexes);
  const driverCreate = async () => {
    await driverColl.insertOne(docFor(customerValues(drvN++, { phonePrefix: '137', withIdNumber: false })));
  };
  // What the API writes for a create (create-record.ts, write-step.ts): the record and its operation-log entry
  // in one transaction. Not the target's baseline; shown to tell the cost of the writes from the cost of HTTP.
  const txColl = db.collection('bench_driver_tx_customer');
  await txColl.createIndexes(indexes);
  const txOplog = db.collection('bench_driver_tx_oplog');
  await txOplog.createIndex({ entity: 1, recordId: 1, version: -1 }, { name: 'record_history' });
  const txCreate = async () => {
    const doc = docFor(customerValues(txN++, { phonePrefix: '136', withIdNumber: false }));
    const changes = entity.fields.filter((f) => f.key in doc.values).map((f) => ({ field: f.key, after: doc.values[f.key] }));
    await client.withSession((session) => session.withTransaction(async () => {
      await txColl.insertOne(doc, { session });
      await txOplog.insertOne({ _id: randomUUID(), entity: 'customer', by: { id: agentId, name: agent.user.name }, recordId: doc._id, version: 1, action: 'create', at: doc.createdAt, changes }, { session });
    }));
  };
  const ping = db.admin();
  // The floor of any API call: GET /api/health runs one ping through the runtime's client, so next to a ping
  // through the driver it shows what HTTP, Fastify, the session hook and fetch cost by themselves.
  const apiHealth = async () => {
    const r = await agent.request('GET', '/api/health');
    if (r.status !== 200) throw new Error(`GET /api/health -> ${r.status}`);
  };

  // warm-up: JIT, connection pools (16 sockets each side), the validator and the definition caches
  for (const op of [driverCreate, apiCreate, txCreate]) check(await measure(op, { concurrency: C, ms: 600 }), 'warm-up');
  for (const op of [() => ping.command({ ping: 1 }), apiHealth]) check(await measure(op, { concurrency: C, ms: 300 }), 'warm-up');

  const phases = [
    ['createDriverSeq', driverCreate, 1], ['createApiSeq', apiCreate, 1],
    ['createDriverConc', driverCreate, C], ['createApiConc', apiCreate, C],
    ['createTxSeq', txCreate, 1], ['createTxConc', txCreate, C],
  ];
  for (const [name, op, concurrency] of phases) {
    results[name] = check(await measure(op, { concurrency, maxOps: MAX_CREATES }), name);
    log(`${name}: ${fmtInt(results[name].rate)}/s (p50 ${fmtMs(results[name].p50)} ms, p99 ${fmtMs(results[name].p99)} ms)`);
  }
  for (const [name, op, concurrency] of [['floorPingSeq', () => ping.command({ ping: 1 }), 1], ['floorHealthSeq', apiHealth, 1], ['floorPingConc', () => ping.command({ ping: 1 }), C], ['floorHealthConc', apiHealth, C]]) {
    results[name] = check(await measure(op, { concurrency, ms: Math.min(PHASE_MS, 2_000) }), name);
    log(`${name}: ${fmtInt(results[name].rate)}/s (p50 ${fmtMs(results[name].p50)} ms)`);
  }
  const apiCreated = await db.collection('records_customer').countDocuments({ createdBy: agentId });
  const expectCreated = results.createApiSeq.ops + results.createApiConc.ops;
  if (apiCreated < expectCreated) throw new Error(`API answered 201 for ${expectCreated} creates but ${apiCreated} records are stored`);

  // --- 2. list with filter over CUSTOMERS customers ------------------------------------------------------------
  const records = db.collection('records_customer');
  const tLoad = performance.now();
  const BATCH = 1_000;
  for (let loaded = 0; loaded < CUSTOMERS;) {
    const n = Math.min(BATCH, CUSTOMERS - loaded);
    await records.insertMany(Array.from({ length: n }, (_, k) => customerDoc(loaded + k, owners)), { ordered: true });
    loaded += n;
    if (loaded % 25_000 === 0) log(`loaded ${fmtInt(loaded)} customers`);
  }
  const loadMs = performance.now() - tLoad;
  results.load = { docs: CUSTOMERS, ms: loadMs, rate: (CUSTOMERS * 1000) / loadMs };
  const totalRecords = await records.countDocuments();
  log(`loaded ${fmtInt(CUSTOMERS)} customers in ${fmtMs(loadMs / 1000)} s (${fmtInt(results.load.rate)}/s); ${fmtInt(totalRecords)} records in the collection`);

  // The query list-records.ts builds for this filter: [scope, not deleted, the translated filter] under $and,
  // sort by the key then _id, skip (page-1)*pageSize, limit pageSize; the count in parallel with the find.
  const translated = { $and: [{ 'values.status': { $eq: 'interested' } }, { 'values.annual_premium': { $gte: 8000 } }] };
  // Supervisor scope (auth/permissions.ts ownerScope, org/teams.ts usersInTeamTree): self + the users of the team tree.
  const leadTeams = await db.collection('teams').find({ path: lead.user.teamId }, { projection: { _id: 1 } }).toArray();
  const teamUsers = await db.collection('users').find({ teamId: { $in: leadTeams.map((t) => t._id) } }, { projection: { _id: 1 } }).toArray();
  const leadScope = [...new Set([lead.user.id, ...teamUsers.map((u) => u._id)])];
  const roles = [
    { key: 'supervisor', who: 'as lead (supervisor, team scope)', api: lead, scope: { ownerId: { $in: leadScope } } },
    { key: 'admin', who: 'as admin (scope all)', api: admin, scope: {} },
  ].filter((r) => LIST_ROLES.includes(r.key));
  if (!roles.length) throw new Error(`BENCH_LIST_ROLES=${process.env.BENCH_LIST_ROLES}: expected supervisor and/or admin`);
  const url = `/api/records/customer?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${encodeURIComponent(SORT)}&page=1&pageSize=${PAGE_SIZE}`;
  const sortSpec = { updatedAt: -1, _id: 1 };

  for (const role of roles) {
    const query = { $and: [role.scope, { deletedAt: null }, translated].filter((p) => Object.keys(p).length) };
    const apiList = async () => {
      const r = await role.api.request('GET', url);
      if (r.status !== 200) throw new Error(`GET ${url} as ${role.key} -> ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const driverList = async () => {
      const [total, docs] = await Promise.all([
        records.countDocuments(query),
        records.find(query).sort(sortSpec).skip(0).limit(PAGE_SIZE).toArray(),
      ]);
      return { total, docs };
    };
    // Same answer both ways, or the comparison means nothing (also the warm-up of both paths).
    const a = await apiList();
    const d = await driverList();
    if (a.total !== d.total || !isDeepStrictEqual(a.items.map((i) => i.id), d.docs.map((x) => x._id))) {
      throw new Error(`${role.key}: the API (total ${a.total}) and the driver query (total ${d.total}) answer differently; the driver query no longer mirrors list-records.ts`);
    }
    const scopeSize = await records.countDocuments({ $and: [role.scope, { deletedAt: null }].filter((p) => Object.keys(p).length) });
    role.total = a.total;
    role.scopeSize = scopeSize;
    log(`${role.key}: ${fmtInt(a.total)} matches of ${fmtInt(scopeSize)} records in scope; API and driver agree on total and page`);

    // Pairs, the order alternating, so that drift (GC, the database thread, the machine) hits both sides alike.
    // Bounded by count and by this role's share of the time left before the soft deadline.
    const apiLat = [];
    const drvLat = [];
    const rolesLeft = roles.length - roles.indexOf(role);
    const budget = Math.max(5_000, Math.min(LIST_BUDGET_MS, (SOFT_DEADLINE_MS - (performance.now() - tStart)) / rolesLeft));
    const until = performance.now() + budget;
    const timed = async (fn, into) => {
      const s = performance.now();
      await fn();
      into.push(performance.now() - s);
    };
    while (apiLat.length < LIST_N && performance.now() < until) {
      if (apiLat.length % 2 === 0) {
        await timed(apiList, apiLat);
        await timed(driverList, drvLat);
      } else {
        await timed(driverList, drvLat);
        await timed(apiList, apiLat);
      }
    }
    role.budgetMs = budget;
    role.cut = apiLat.length < LIST_N;
    role.apiList = summary(apiLat);
    role.driverList = summary(drvLat);
    log(`${role.key}: list API p50 ${fmtMs(role.apiList.p50)} p95 ${fmtMs(role.apiList.p95)} ms (n ${role.apiList.n}); driver p50 ${fmtMs(role.driverList.p50)} p95 ${fmtMs(role.driverList.p95)} ms (n ${role.driverList.n})`);
  }

  // --- table ---------------------------------------------------------------------------------------------------
  const rows = [];
  const met = (ok) => (ok ? 'yes' : 'NO');
  const createRow = (label, api, drv) => {
    const r = api.rate / drv.rate;
    rows.push([`${label} (p50 ${fmtMs(api.p50)} / ${fmtMs(drv.p50)} ms)`, `${fmtInt(api.rate)}/s`, `${fmtInt(drv.rate)}/s`, ratioStr(r), '>= 0.50x', met(r >= 0.5)]);
    return r;
  };
  const createSeqRatio = createRow('create customer, sequential', results.createApiSeq, results.createDriverSeq);
  const createConcRatio = createRow(`create customer, ${C} concurrent`, results.createApiConc, results.createDriverConc);
  const info = (label, api, drv, r) => rows.push([label, api, drv, ratioStr(r), '(info)', '']);
  info('  same vs driver transaction insertOne + oplog insertOne, sequential', `${fmtInt(results.createApiSeq.rate)}/s`, `${fmtInt(results.createTxSeq.rate)}/s`, results.createApiSeq.rate / results.createTxSeq.rate);
  info(`  same vs driver transaction insertOne + oplog insertOne, ${C} concurrent`, `${fmtInt(results.createApiConc.rate)}/s`, `${fmtInt(results.createTxConc.rate)}/s`, results.createApiConc.rate / results.createTxConc.rate);
  info('  HTTP floor: GET /api/health (one ping inside) vs ping, sequential', `${fmtInt(results.floorHealthSeq.rate)}/s`, `${fmtInt(results.floorPingSeq.rate)}/s`, results.floorHealthSeq.rate / results.floorPingSeq.rate);
  info(`  HTTP floor: GET /api/health (one ping inside) vs ping, ${C} concurrent`, `${fmtInt(results.floorHealthConc.rate)}/s`, `${fmtInt(results.floorPingConc.rate)}/s`, results.floorHealthConc.rate / results.floorPingConc.rate);
  const listRatios = {};
  for (const role of roles) {
    const label = `list (${fmtInt(role.total)} match of ${fmtInt(role.scopeSize)}) ${role.who}`;
    const r95 = role.apiList.p95 / role.driverList.p95;
    const r50 = role.apiList.p50 / role.driverList.p50;
    listRatios[role.key] = { p50: r50, p95: r95 };
    rows.push([`${label}, p50 ms`, fmtMs(role.apiList.p50), fmtMs(role.driverList.p50), ratioStr(r50), '(info)', '']);
    rows.push([`${label}, p95 ms (n ${role.apiList.n}${role.cut ? `, time-bound ${fmtMs(role.budgetMs / 1000)} s` : ''})`, fmtMs(role.apiList.p95), fmtMs(role.driverList.p95), ratioStr(r95), '<= 2.00x', met(r95 <= 2)]);
  }
  rows.push([`load ${fmtInt(CUSTOMERS)} customers, insertMany x${BATCH} (driver only)`, '', `${fmtInt(results.load.rate)}/s`, '', '(info)', '']);

  const cpuModel = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  console.log(
    `\nAPI benchmark: runtime (buildApp, insurance template) on the embedded database (memory only, worker thread), ` +
      `HTTP on 127.0.0.1 via fetch keep-alive, same process\n` +
      `machine: ${availableParallelism()} cores (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, load average at start ${startLoad}; ` +
      `node ${process.version}; ${fmtMs(PHASE_MS / 1000)} s per create measurement; filter ${JSON.stringify(LIST_FILTER)}, sort ${SORT}, pageSize ${PAGE_SIZE}`,
  );
  const header = ['figure', 'API', 'driver', 'ratio', 'target', 'met?'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => '| ' + r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('ratio: API / driver (rates for creates, milliseconds for lists). Targets: API create rate >= half the driver insertOne rate; API list p95 <= 2x the driver find+count p95.');
  console.log('(info) rows: the writes a create makes (record + operation-log entry in one transaction) through the driver, and what one API call costs on top of one database command (HTTP, Fastify, session hook, fetch).');
  if (roles.some((r) => r.cut)) console.log(`list figures are time-bound: fewer than ${LIST_N} requests per side fit the budget (each is a find + count over the collection in the database).`);
  console.log(`total time ${fmtMs((performance.now() - tStart) / 1000)} s; load average at the end ${loadavg()[0].toFixed(2)}`);

  const round = (x, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);
  const fig = (r) => ({ rate: Math.round(r.rate), ops: r.ops, p50: round(r.p50), p99: round(r.p99) });
  console.log(JSON.stringify({
    bench: 'api',
    cpus: availableParallelism(),
    node: process.version,
    customers: CUSTOMERS,
    concurrency: C,
    create: {
      apiSeq: fig(results.createApiSeq), driverSeq: fig(results.createDriverSeq), apiConc: fig(results.createApiConc), driverConc: fig(results.createDriverConc),
      driverTxSeq: fig(results.createTxSeq), driverTxConc: fig(results.createTxConc), ratioSeq: round(createSeqRatio, 3), ratioConc: round(createConcRatio, 3),
    },
    floor: { healthSeq: fig(results.floorHealthSeq), pingSeq: fig(results.floorPingSeq), healthConc: fig(results.floorHealthConc), pingConc: fig(results.floorPingConc) },
    list: Object.fromEntries(roles.map((r) => [r.key, {
      total: r.total, scope: r.scopeSize, timeBound: r.cut, budgetMs: Math.round(r.budgetMs),
      api: { n: r.apiList.n, p50: round(r.apiList.p50), p95: round(r.apiList.p95), p99: round(r.apiList.p99) },
      driver: { n: r.driverList.n, p50: round(r.driverList.p50), p95: round(r.driverList.p95), p99: round(r.driverList.p99) },
      ratioP50: round(listRatios[r.key].p50, 3), ratioP95: round(listRatios[r.key].p95, 3),
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
// fetch's keep-alive sockets and the worker must not hold the process open after the figures are out.
process.exit(process.exitCode ?? 0);
