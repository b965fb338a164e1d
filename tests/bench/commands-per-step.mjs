#!/usr/bin/env node
// The database commands each step of the cluster bench's agent loop issues (tests/bench/cluster-agents.mjs), counted
// with the driver's command monitoring: `node tests/bench/commands-per-step.mjs` after a build. One runtime
// (buildApp, TELEPHONY=simulated) on the embedded database, the insurance template, one agent (agent1) with its
// console stream open, customers in the default pool. Each step is one app.inject request run inside an
// AsyncLocalStorage context, so a command is counted to the step whose request (or whose timers: the simulated
// line's ringing, the event bus's write) sent it; commands sent by the process's own sweepers and the event bus's
// change stream land in "background". After each step the script waits STEP_SETTLE_MS so a step's follow-up work
// (the carrier's ringing 0.5 s after a dial) is counted to it. Prints per step: the count, and the commands by
// name and collection (find customers x2 ...). ROUNDS (default 3) loops; the table shows the last round (the first
// round warms caches). An investigation aid, not a target: it fails only when a step answers unexpectedly.
import { AsyncLocalStorage } from 'node:async_hooks';
import { request as httpRequest } from 'node:http';
import { startEmbeddedMongo } from '../../embedded-mongo/dist/index.js';
import { buildApp } from '../../runtime/dist/app.js';
import { installTemplate, templateDir } from '../../runtime/dist/templates/install.js';
import { customerValues } from './insurance-data.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const STEP_SETTLE_MS = Number(process.env.STEP_SETTLE_MS ?? 700);
process.env.TELEPHONY = 'simulated';

const step = new AsyncLocalStorage();
/** step name -> [command descriptions] of the current round. */
let counted = new Map();
const note = (name, what) => {
  if (!counted.has(name)) counted.set(name, []);
  counted.get(name).push(what);
};

const mongo = await startEmbeddedMongo();
const app = await buildApp({ mongoUri: `${mongo.uri}?monitorCommands=true`, dbName: 'commands_per_step', embedded: true, jobs: false, logger: false });
await installTemplate(app, templateDir('insurance'));
app.mongoClient.on('commandStarted', (e) => {
  const c = e.command;
  const coll = typeof c[e.commandName] === 'string' ? c[e.commandName] : c.collection ?? '';
  const what = `${e.commandName}${coll ? ` ${coll}` : ''}`;
  note(step.getStore() ?? 'background', what);
  started.set(e.requestId, what);
  rememberQuery(e.commandName, coll, c);
});
// One example of each query shape (collection + filter fields + sort), explained at the end: a scan shows there.
const shapes = new Map();
function rememberQuery(name, coll, c) {
  const q = name === 'find' ? { filter: c.filter, sort: c.sort, limit: c.limit }
    : name === 'update' ? { filter: c.updates?.[0]?.q } : name === 'delete' ? { filter: c.deletes?.[0]?.q }
    : name === 'findAndModify' ? { filter: c.query, sort: c.sort } : name === 'count' ? { filter: c.query }
    : name === 'aggregate' && typeof coll === 'string' && c.pipeline?.[0]?.$match ? { filter: c.pipeline[0].$match } : null;
  if (!q || !q.filter || coll.startsWith('$') || name === 'getMore') return;
  const key = `${coll} ${JSON.stringify(Object.keys(q.filter))} ${JSON.stringify(q.sort ?? {})}`;
  if (!shapes.has(key)) shapes.set(key, { coll, name, ...q });
}
// Round-trip time per command kind (one request at a time, so close to the server's own time): where the database's time goes.
const started = new Map();
const timeOf = new Map();
app.mongoClient.on('commandSucceeded', (e) => {
  const what = started.get(e.requestId);
  started.delete(e.requestId);
  if (!what || what.startsWith('getMore')) return;
  const t = timeOf.get(what) ?? { n: 0, ms: 0 };
  t.n++;
  t.ms += e.duration;
  timeOf.set(what, t);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = app.server.address().port;

async function session(login, password) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const { csrfToken, user } = JSON.parse(res.body);
  return {
    cookie, userId: user.id,
    async send(method, url, body, expected = [200]) {
      const res = await app.inject({
        method, url, headers: { cookie, ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      if (!expected.includes(res.statusCode)) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.body ? JSON.parse(res.body) : undefined;
    },
  };
}

const admin = await session('admin', 'admin123');
const ids = [];
for (let i = 0; i < 60; i++) ids.push((await admin.send('POST', '/api/records/customer', { values: customerValues(i, { phonePrefix: '139', withIdNumber: false }) }, [201])).id);
await admin.send('POST', '/api/records/customer/batch/move', { ids, pool: 'default' });

const agent = await session('agent1', 'agent123');
// The console's event stream on a real port (its own commands are background).
const frames = [];
await new Promise((resolve, reject) => {
  const req = httpRequest({ host: '127.0.0.1', port, path: '/api/calls/events', headers: { cookie: agent.cookie, accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => frames.push(chunk));
    resolve();
  });
  req.on('error', reject);
  req.end();
});
await new Promise((r) => setTimeout(r, 500));

const settle = () => new Promise((r) => setTimeout(r, STEP_SETTLE_MS));
const run = (name, fn) => step.run(name, async () => {
  const out = await fn();
  await settle();
  return out;
});

for (let round = 1; round <= ROUNDS; round++) {
  counted = new Map();
  await run('state ready', () => agent.send('PUT', '/api/telephony/state', { state: 'ready' }));
  await run('list mine', () => agent.send('GET', '/api/records/customer?pageSize=20&sort=-updatedAt'));
  const pool = await run('list pool', () => agent.send('GET', '/api/pools/default/records?pageSize=50'));
  const id = pool.items[0].id;
  await run('claim', () => agent.send('POST', '/api/pools/default/claim', { id }));
  const opened = await run('open', () => agent.send('GET', `/api/records/customer/${id}`));
  await run('edit', () => agent.send('PATCH', `/api/records/customer/${id}`, { version: opened.version, values: { status: 'following', level: 'b' } }));
  const { callId } = await run('dial', () => agent.send('POST', '/api/calls/dial', { entity: 'customer', id }, [201]));
  await run('hangup', () => agent.send('POST', `/api/calls/${callId}/hangup`, undefined, [200, 409]));
  await run('outcome', () => agent.send('POST', `/api/calls/${callId}/disposition`, { key: 'interested' }));
  await run('release', () => agent.send('POST', `/api/records/customer/${id}/release`, {}, [200, 204]));
  if (round < ROUNDS) continue;
  const rows = [...counted].filter(([name]) => name !== 'background');
  const total = rows.reduce((s, [, list]) => s + list.length, 0);
  console.log(`Database commands per step of the agent loop (round ${round} of ${ROUNDS}; one runtime, embedded database):`);
  for (const [name, list] of rows) {
    const by = new Map();
    for (const w of list) by.set(w, (by.get(w) ?? 0) + 1);
    console.log(`  ${name.padEnd(12)} ${String(list.length).padStart(3)}  ${[...by].map(([w, n]) => (n > 1 ? `${w} x${n}` : w)).join(', ')}`);
    if (process.env.IN_ORDER) console.log(`               in order: ${list.join(' > ')}`);
  }
  console.log(`  ${'all steps'.padEnd(12)} ${String(total).padStart(3)}`);
  const bg = counted.get('background') ?? [];
  const bgBy = new Map();
  for (const w of bg) bgBy.set(w, (bgBy.get(w) ?? 0) + 1);
  console.log(`  background (sweepers, the bus's change stream) meanwhile: ${bg.length}: ${[...bgBy].map(([w, n]) => `${w} x${n}`).join(', ')}`);
}
if (process.env.TIMES) {
  console.log('Round trip per command kind over all rounds (ms total / count / mean):');
  for (const [w, t] of [...timeOf].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`  ${w.padEnd(36)} ${t.ms.toFixed(1).padStart(8)} ${String(t.n).padStart(5)} ${(t.ms / t.n).toFixed(2).padStart(7)}`);
}
if (process.env.EXPLAIN) {
  console.log('Query shapes sent (explained as a find; COLLSCAN = no index used):');
  const db = app.mongoClient.db('commands_per_step');
  for (const q of shapes.values()) {
    const plan = await db.command({ explain: { find: q.coll, filter: q.filter, ...(q.sort ? { sort: q.sort } : {}), ...(q.limit ? { limit: q.limit } : {}) } });
    console.log(`  ${plan.queryPlanner.planSummary.padEnd(36)} ${q.name} ${q.coll} ${JSON.stringify(q.filter).slice(0, 140)}${q.sort ? ` sort ${JSON.stringify(q.sort)}` : ''}`);
  }
}
console.log(`frames on the stream: ${frames.join('').split('\n\n').filter((b) => b.startsWith('event:')).length}`);
await app.close();
await mongo.stop();
process.exit(0);
