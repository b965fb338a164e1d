// The load generator of api.bench.mjs, forked by it as a child process (node:child_process fork, IPC channel).
// It is the only client in the benchmark, for both sides: it talks HTTP to the runtime (node:http keep-alive
// Agent, or global fetch with BENCH_HTTP_CLIENT=fetch) and talks to the embedded database with the official
// mongodb driver, so both figures are "a client in its own process" and neither side's client shares a CPU
// thread with the server it measures.
//
// Protocol: the parent sends { id, cmd, args }; the child answers { id, ok: true, result } or
// { id, ok: false, error }. Commands run one at a time (the parent awaits each). Progress goes to stderr only.
// Commands: init, setupDriver, probeCommands, measure, counts, load, list, close (the handlers at the bottom).
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { MongoClient } from 'mongodb';
import { customerDoc, customerValues } from './insurance-data.mjs';

if (!process.send) {
  console.error('api-load-client.mjs is forked by api.bench.mjs; it does not run on its own');
  process.exit(2);
}
// The parent went away (finished, failed or killed by its watchdog): nothing left to do.
process.on('disconnect', () => process.exit(0));

const quantile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);

// ---------------------------------------------------------------------------------------------------------------
// HTTP: one keep-alive connection per concurrent caller, the session cookie and the CSRF token

class Http {
  constructor(base, { sockets, mode }) {
    this.url = new URL(base);
    this.mode = mode;
    // maxSockets = the concurrency: every caller keeps its own connection, none is opened during a measurement.
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** -> { status, headers, text } with the whole body read. */
  send(method, path, headers, body) {
    if (this.mode === 'fetch') return this.#fetch(method, path, headers, body);
    return new Promise((resolve, reject) => {
      const h = { ...headers };
      if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
      const req = httpRequest(
        { host: this.url.hostname, port: this.url.port, method, path, agent: this.agent, headers: h },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async #fetch(method, path, headers, body) {
    // Node's fetch (undici): keep-alive through its global agent.
    const res = await fetch(new URL(path, this.url), { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: { 'set-cookie': res.headers.getSetCookie() }, text };
  }

  close() {
    this.agent.destroy();
  }
}

class Session {
  constructor(http) {
    this.http = http;
    this.cookie = '';
    this.csrfToken = '';
    this.user = null;
  }

  async login(login, password) {
    const r = await this.http.send('POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ login, password }));
    const body = r.text ? JSON.parse(r.text) : undefined;
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.text}`);
    const cookies = [].concat(r.headers['set-cookie'] ?? []);
    this.cookie = cookies.find((c) => c.startsWith('sid='))?.split(';')[0] ?? '';
    if (!this.cookie) throw new Error(`login ${login}: no sid cookie in the answer`);
    this.csrfToken = body.csrfToken;
    this.user = body.user;
    return this;
  }

  /** -> { status, body } (body parsed as JSON, as a client would). */
  async request(method, path, body) {
    const headers = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await this.http.send(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    return { status: r.status, body: r.text ? JSON.parse(r.text) : undefined };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// state set by init / setupDriver

let http;
let client;
let db;
const sessions = {}; // by role key: agent, lead, admin
let entityInfo; // { defaults, fieldKeys } of the published customer entity
let driverColl;
let baseIndexes; // { indexes, oplogIndex } from setupDriver
let same; // the sameWrites target: { coll } in a database of its own
// Phone number counters: each target has its own prefix and every create (warm-up included) takes the next
// number, so no create is ever refused by the unique phone index and every API create is a distinct customer.
const counters = { api: 0, driver: 0, same: 0 };
let apiCreated = 0; // 201 answers, warm-ups included: the parent checks the database holds exactly these

/** The values the runtime stores for what the API is sent: the definition's defaults, then the sent values. */
const storedValues = (values) => ({ ...entityInfo.defaults, ...values });
const sentValues = (n, phonePrefix) => customerValues(n, { phonePrefix, withIdNumber: false });
const recordDoc = (values, userId) => {
  const now = new Date();
  return { _id: randomUUID(), version: 1, ownerId: userId, createdAt: now, createdBy: userId, updatedAt: now, updatedBy: userId, deletedAt: null, deletedBy: null, values };
};

const ops = {
  /** POST /api/records/customer as agent1: one new customer per request. */
  async apiCreate() {
    const r = await sessions.agent.request('POST', '/api/records/customer', { values: sentValues(counters.api++, '139') });
    if (r.status !== 201) throw new Error(`POST /api/records/customer -> ${r.status} ${JSON.stringify(r.body)}`);
    apiCreated++;
  },
  /** The target's baseline: insertOne of the document the runtime stores, into a collection with its indexes. */
  async driverCreate() {
    await driverColl.insertOne(recordDoc(storedValues(sentValues(counters.driver++, '137')), sessions.agent.user.id));
  },
  /** (info) The database writes the API makes per create, through the driver: see sameWrite. */
  async sameWrites() {
    await sameWrite(same);
  },
  /** GET /api/health: the runtime sends one ping to the database and answers a small JSON. */
  async apiHealth() {
    const r = await sessions.agent.request('GET', '/api/health');
    if (r.status !== 200) throw new Error(`GET /api/health -> ${r.status}`);
  },
  async ping() {
    await db.command({ ping: 1 });
  },
};

/**
 * What the runtime writes for a create, mirrored (keep in step with runtime/src/records/create-record.ts):
 * ONE insertOne of the record, nothing else (the operation log derives a creation from the record itself).
 * The parent's command probe compares the commands this sends with the commands the runtime sends and says
 * so when they drift apart.
 */
async function sameWrite(target) {
  const values = storedValues(sentValues(counters.same++, '136'));
  await target.coll.insertOne(recordDoc(values, sessions.agent.user.id));
}

/** A sameWrites target: records_customer with the runtime's indexes. */
async function sameTarget(database) {
  const coll = database.collection('records_customer');
  await coll.createIndexes(baseIndexes.indexes);
  return { coll };
}

/**
 * Runs ops[op] from `concurrency` callers until `ms` elapsed or maxOps were issued. Returns the raw latencies
 * (so the parent can merge the halves of an A-B-B-A schedule) and this process's CPU time meanwhile.
 */
async function measure({ op, concurrency, ms, maxOps = Infinity }) {
  const fn = ops[op];
  if (!fn) throw new Error(`unknown op ${op}`);
  const latencies = [];
  let issued = 0;
  let errors = 0;
  let firstError;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + ms;
  const loop = async () => {
    while (issued < maxOps && performance.now() < deadline) {
      issued++;
      const s = performance.now();
      try {
        await fn();
        latencies.push(performance.now() - s);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ops: latencies.length, errors, firstError, ms: elapsed, latencies: Float64Array.from(latencies), cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Loads customers into the runtime's records collection (insertMany of the runtime's document shape). */
async function load({ collection, count, owners, batch }) {
  const coll = db.collection(collection);
  const t0 = performance.now();
  for (let loaded = 0; loaded < count;) {
    const n = Math.min(batch, count - loaded);
    await coll.insertMany(Array.from({ length: n }, (_, k) => customerDoc(loaded + k, owners)), { ordered: true });
    loaded += n;
    if (loaded % 25_000 === 0) console.error(`[bench client] loaded ${loaded.toLocaleString('en-US')} customers`);
  }
  return { ms: performance.now() - t0 };
}

/**
 * List latency, both sides, one request at a time: pairs in alternating order (API then driver, driver then
 * API, ...) so drift hits both alike. Every answer is checked against the first API answer (total and the ids
 * of the page), so the two sides are known to do the same work throughout.
 * Stops at maxN pairs; after minN pairs once softMs has passed; at hardMs whatever the count.
 */
async function list({ role, path, collection, query, projection, sort, pageSize, minN, maxN, softMs, hardMs }) {
  const api = sessions[role];
  const coll = db.collection(collection);
  const apiList = async () => {
    const r = await api.request('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} as ${role} -> ${r.status} ${JSON.stringify(r.body)}`);
    return { total: r.body.total, ids: r.body.items.map((i) => i.id) };
  };
  // What runtime/src/records/list-records.ts sends: the count and the page (with its projection) in parallel.
  const driverList = async () => {
    const [total, docs] = await Promise.all([
      coll.countDocuments(query),
      coll.find(query, { projection }).sort(sort).skip(0).limit(pageSize).toArray(),
    ]);
    return { total, ids: docs.map((d) => d._id) };
  };
  // First pair, untimed (also the warm-up of both paths): the same answer both ways, or nothing is compared.
  const expected = await apiList();
  const first = await driverList();
  if (expected.total !== first.total || !isDeepStrictEqual(expected.ids, first.ids)) {
    return { mismatch: { api: expected, driver: first } };
  }
  const apiLat = [];
  const drvLat = [];
  let wrong = 0;
  let wrongExample;
  const timed = async (fn, into, side) => {
    const s = performance.now();
    const got = await fn();
    into.push(performance.now() - s);
    if (got.total !== expected.total || !isDeepStrictEqual(got.ids, expected.ids)) {
      wrong++;
      wrongExample ??= { side, got, expected };
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (;;) {
    const n = apiLat.length;
    const elapsed = performance.now() - t0;
    if (n >= maxN || elapsed >= hardMs || (n >= minN && elapsed >= softMs)) break;
    if (n % 2 === 0) {
      await timed(apiList, apiLat, 'api');
      await timed(driverList, drvLat, 'driver');
    } else {
      await timed(driverList, drvLat, 'driver');
      await timed(apiList, apiLat, 'api');
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    total: expected.total, ms: performance.now() - t0, wrong, wrongExample,
    api: Float64Array.from(apiLat), driver: Float64Array.from(drvLat), cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const handlers = {
  /** Connects both clients and signs in (POST /api/auth/login; the cookie and the CSRF token are kept). */
  async init({ base, mongoUri, dbName, concurrency, httpClient, logins, entity }) {
    http = new Http(base, { sockets: concurrency, mode: httpClient });
    for (const { role, login, password } of logins) sessions[role] = await new Session(http).login(login, password);
    // Configured like the runtime's own client (runtime/src/db/plugin.ts).
    client = new MongoClient(mongoUri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    db = client.db(dbName);
    entityInfo = entity;
    return { users: Object.fromEntries(Object.entries(sessions).map(([k, s]) => [k, s.user])), pid: process.pid };
  },
  /**
   * The baseline collection, with the indexes the runtime gives records_customer; the sameWrites target in a
   * database of its own (<dbName>_same), so its records_customer and oplog are named as the runtime's.
   */
  async setupDriver({ indexes, oplogIndex }) {
    baseIndexes = { indexes, oplogIndex };
    driverColl = db.collection('bench_driver_customer');
    await driverColl.createIndexes(indexes);
    same = await sameTarget(client.db(`${db.databaseName}_same`));
    return {};
  },
  /**
   * The database commands sameWrite sends per create, counted by command and collection with a client of its
   * own that monitors commands (never the measured one), on a database of its own: `creates` creates one
   * after the other, then `settleMs` for anything the writes set off in the background.
   */
  async probeCommands({ mongoUri, creates, settleMs }) {
    const probe = new MongoClient(mongoUri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000, monitorCommands: true });
    await probe.connect();
    try {
      const target = await sameTarget(probe.db(`${db.databaseName}_probe_same`));
      await sameWrite(target);
      await new Promise((r) => setTimeout(r, settleMs));
      const tally = {};
      const count = (e) => {
        const coll = e.command[e.commandName];
        const key = `${e.commandName}${typeof coll === 'string' ? ` ${coll}` : ''}`;
        tally[key] = (tally[key] ?? 0) + 1;
      };
      probe.on('commandStarted', count);
      for (let i = 0; i < creates; i++) await sameWrite(target);
      await new Promise((r) => setTimeout(r, settleMs));
      probe.off('commandStarted', count);
      return { tally: Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v / creates])) };
    } finally {
      await probe.close();
    }
  },
  measure,
  load,
  list,
  counts: async () => ({ apiCreated, counters }),
  async close() {
    await client?.close().catch(() => undefined);
    http?.close();
    return {};
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unknown command ${cmd}`);
    process.send({ id, ok: true, result: await handler(args ?? {}) });
  } catch (e) {
    process.send({ id, ok: false, error: e instanceof Error ? e.stack : String(e) });
  }
});
process.send({ ready: true });
