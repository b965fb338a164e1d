import { randomUUID } from 'node:crypto';
// The route walk: every operation of the OpenAPI document, called as no one, as an agent (agent2), as a
// supervisor (lead) and as the admin, with path parameters that name real objects belonging to OTHER people
// (agent1's customer and call, the admin's import batch, file, saved filter and audio prompt, a pool agent2 is
// not a member of) and with ids that do not exist. No answer may be a 5xx; without a session everything but
// sign-in and health answers 401; agent2 gets 403/404 for another person's object and never sees its data.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { IDS, TEAM_SALES, raw, rawLogin } from '../integration/auth-support.js';
import { MA_FANG, startCallsRuntime, type CallsFixture } from '../integration/calls-support.js';
import { importedRecords, runImport, uploadCsv } from '../integration/import-support.js';
import { toneWav } from '../integration/audio-support.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
/** Signed in as agent2, a customer of agent2 (for merge, whose other side is agent1's). */
const GAO_JUAN = 'a292ac8f-82dd-4619-bd5c-747981b0c46e';
/** The admin's import: a row only the admin's batch, file and the lost pool hold. */
const IMPORTED = { name: 'Walkrow Secretname', phone: '13912345678' };
const FILTER_NAME = 'Admin walk filter';
/** A published report over the customers, by owner: each caller runs and drills it within their own scope. */
const WALK_REPORT = {
  kind: 'report', schemaVersion: 1, id: randomUUID(), key: 'walk_customers', label: { zh: '走查', en: 'Walk' }, source: 'records:customer',
  dimensions: [{ id: 'owner', by: 'owner' }], measures: [{ id: 'n', op: 'count' }], visual: { type: 'table' },
};

interface Caller {
  name: 'nobody' | 'agent2' | 'lead' | 'admin';
  headers: Record<string, string>;
}
interface Operation {
  method: string;
  path: string;
}
interface Answer {
  caller: Caller['name'];
  variant: 'foreign' | 'missing';
  op: string;
  url: string;
  body: unknown;
  status: number;
  text: string;
}

let fx: CallsFixture;
let rt: RuntimeFixture;
let operations: Operation[];
/** Ids of the other people's objects, filled in beforeAll. */
const ids = { call: '', batch: '', file: '', prompt: '', filter: '', lostRecord: '', number: '' };
const answers: Answer[] = [];

/** A path parameter's value: another person's object, or one that does not exist. */
function paramValue(path: string, name: string, variant: Answer['variant']): string {
  const foreign = variant === 'foreign';
  switch (name) {
    case 'entity': return foreign ? 'customer' : 'no_such_entity';
    case 'pool': return foreign ? 'lost' : 'no_such_pool';
    case 'kind': return foreign ? 'entity' : 'no_such_kind';
    case 'key': return !foreign ? 'no_such_key' : path.startsWith('/api/flows') ? 'inbound' : path.startsWith('/api/skill-groups') ? 'walk_group'
      : path.startsWith('/api/reports') ? WALK_REPORT.key
        // the template's supervisors' dashboard: agent2 (an agent) is not among its roles
        : path.startsWith('/api/dashboards') ? 'supervisors' : 'customer';
    case 'version': return foreign ? '1' : '999';
    // the template's outbound task, whose agents include agent2's role
    case 'task': return foreign ? 'renewal' : 'no_such_task';
    case 'source': return foreign ? 'walk_source' : 'no_such_source';
    case 'id': {
      if (!foreign) return MISSING_ID;
      if (path.startsWith('/api/users')) return IDS.agent1;
      if (path.startsWith('/api/teams')) return TEAM_SALES;
      if (path.startsWith('/api/pools')) return ids.lostRecord;
      if (path.startsWith('/api/calls') || path.startsWith('/api/outbound/calls')) return ids.call;
      if (path.startsWith('/api/outbound/tasks') && path.includes('/numbers/')) return ids.number;
      if (path.startsWith('/api/outbound') && path.includes('/imports/')) return ids.batch;
      if (path.startsWith('/api/imports')) return ids.batch;
      if (path.startsWith('/api/audio-prompts')) return ids.prompt;
      if (path.startsWith('/api/saved-filters')) return ids.filter;
      if (path.startsWith('/api/records')) return MA_FANG.id;
      break;
    }
  }
  throw new Error(`no value for {${name}} in ${path}`);
}

/** Plausible bodies (and queries) that aim at other people's objects; every other write also gets `{}`. */
function plausible(op: string): { body?: unknown; query?: string } | undefined {
  const bodies: Record<string, () => { body?: unknown; query?: string }> = {
    'PATCH /api/users/{id}': () => ({ body: { name: 'Walk rename' } }),
    'PATCH /api/teams/{id}': () => ({ body: { name: { zh: '走查', en: 'Walk' } } }),
    'PATCH /api/records/{entity}/{id}': () => ({ body: { version: 1, values: { name: 'Walk changed' } } }),
    'DELETE /api/records/{entity}/{id}': () => ({ query: '?version=1' }),
    'POST /api/pools/{pool}/claim': () => ({ body: { id: ids.lostRecord } }),
    'POST /api/records/{entity}/{id}/transfer': () => ({ body: { ownerId: IDS.agent2 } }),
    'POST /api/records/{entity}/batch/assign': () => ({ body: { ids: [MA_FANG.id], ownerId: IDS.agent2 } }),
    'POST /api/records/{entity}/batch/move': () => ({ body: { ids: [MA_FANG.id], pool: 'default' } }),
    'POST /api/records/{entity}/{id}/request': () => ({ body: { type: 'invalid', reason: 'walk' } }),
    'POST /api/records/{entity}/{id}/review': () => ({ body: { approve: true } }),
    'POST /api/records/{entity}/merge': () => ({ body: { from: MA_FANG.id, into: GAO_JUAN } }),
    'POST /api/calls/dial': () => ({ body: { entity: 'customer', id: MA_FANG.id } }),
    'POST /api/calls/{id}/dtmf': () => ({ body: { digits: '1' } }),
    'POST /api/calls/{id}/transfer': () => ({ body: { to: IDS.agent2, type: 'agent' } }),
    'POST /api/calls/{id}/consult': () => ({ body: { to: { type: 'agent', ref: IDS.agent2 } } }),
    'POST /api/calls/{id}/disposition': () => ({ body: { key: 'busy' } }),
    'POST /api/imports/{entity}/preview': () => ({ body: { fileId: ids.file, mapping: { 姓名: 'name', 手机号: 'phone' } } }),
    'POST /api/imports/{entity}': () => ({ body: { fileId: ids.file, mapping: { 姓名: 'name', 手机号: 'phone' }, target: { type: 'pool', pool: 'default' } } }),
    'GET /api/tickets/log': () => ({ query: `?userId=${IDS.agent1}` }),
    'POST /api/reports/{key}/drill': () => ({ body: { cell: { owner: IDS.agent1 } } }),
    'POST /api/reports/preview': () => ({ body: { definition: { ...WALK_REPORT, key: 'walk_preview' } } }),
  };
  return bodies[op]?.();
}

/** Batch operations answer 200 with what was done and what was refused, item by item. */
const BATCHES = new Set(['POST /api/records/{entity}/batch/assign', 'POST /api/records/{entity}/batch/move']);
/** Operations whose body (not a path parameter) names another person's object. */
const FOREIGN_BY_BODY = new Set([
  ...BATCHES, 'POST /api/records/{entity}/merge', 'POST /api/calls/dial',
  // The admin's uploaded file: fixed by the stored-objects part (imports), which lands before the final merge.
  'POST /api/imports/{entity}/preview', 'POST /api/imports/{entity}',
]);

/** True when agent2's call, in the foreign variant, aims at an object that is not agent2's. */
function aimsAtOthers(op: Operation): boolean {
  const key = `${op.method} ${op.path}`;
  return FOREIGN_BY_BODY.has(key) || /\{(id|pool)\}/.test(op.path);
}

/** Text agent2 must never receive: agent1's customer, the admin's imported row, the admin's filter. */
const SECRETS = [MA_FANG.phone, '马芳', IMPORTED.name, IMPORTED.phone, FILTER_NAME];

/** The event streams (calls, wallboard) never end: their status is read over real HTTP and the connection dropped. */
async function streamStatus(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { port } = rt.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', () => undefined);
      if (res.statusCode === 200) setTimeout(() => { res.destroy(); resolve({ status: 200, text }); }, 100);
    });
    req.on('error', reject);
    req.end();
  });
}

async function call(caller: Caller, op: Operation, variant: Answer['variant'], body: unknown, query = '') {
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(paramValue(op.path, name, variant))) + query;
  const key = `${op.method} ${op.path}`;
  const res = (key === 'GET /api/calls/events' || key === 'GET /api/monitoring/wallboard/events') && caller.name !== 'nobody'
    ? await streamStatus(url, caller.headers)
    : await raw(rt, op.method, url, caller.headers, body);
  answers.push({ caller: caller.name, variant, op: key, url, body, status: res.status, text: res.text });
}

async function signIn(name: Exclude<Caller['name'], 'nobody'>, address: string): Promise<Caller> {
  const s = await rawLogin(rt, name, DEMO_PASSWORDS[name]!, address);
  if (s.status !== 200) throw new Error(`login ${name}: ${s.status}`);
  return { name, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'accept-language': 'en' } };
}

/** Walks every operation for one caller: foreign ids and missing ids, `{}` and a plausible body for writes. */
async function walk(caller: Caller) {
  // Signing out last, so the rest of the walk keeps its session.
  const ordered = [...operations].sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
  for (const op of ordered) {
    const write = ['POST', 'PUT', 'PATCH'].includes(op.method);
    for (const variant of ['foreign', 'missing'] as const) {
      const extra = plausible(`${op.method} ${op.path}`);
      if (write) await call(caller, op, variant, {});
      if (!write || extra?.body !== undefined) await call(caller, op, variant, extra?.body, extra?.query);
    }
  }
}

beforeAll(async () => {
  fx = await startCallsRuntime();
  rt = fx.rt;
  const admin = await rt.login('admin');
  const agent1 = await rt.login('agent1');
  const adminFiles = await uploader(rt.app, 'admin');

  // The admin's import into the lost pool (agent2 is no member): its batch, its file, its one record.
  const file = await uploadCsv(adminFiles, `姓名,手机号\n${IMPORTED.name},${IMPORTED.phone}\n`);
  ids.file = file.fileId;
  const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'lost' } });
  ids.batch = batch.id;
  ids.lostRecord = (await importedRecords(rt, batch.id))[0]!._id as unknown as string;
  expect(ids.lostRecord).toBeTruthy();
  expect((await admin.put('/api/imports/customer/mappings/walk_source', { mapping: file.suggested })).status).toBe(200);
  // A second file of the admin's, left unimported, for agent2 to try to preview.
  ids.file = (await uploadCsv(adminFiles, `姓名,手机号\n${IMPORTED.name},${IMPORTED.phone}\n`, 'second.csv')).fileId;

  const prompt = await adminFiles.upload('/api/audio-prompts', { name: 'walk.wav', content: toneWav(0.3, 440, 8000), type: 'audio/wav' });
  expect(prompt.status, prompt.text).toBeLessThan(300);
  ids.prompt = prompt.body.id;
  const filter = await admin.post('/api/saved-filters', { entity: 'customer', name: FILTER_NAME });
  expect(filter.status, filter.text).toBeLessThan(300);
  ids.filter = filter.body.id;
  const dialed = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
  expect(dialed.status, dialed.text).toBe(201);
  ids.call = dialed.body.callId;
  // A number of the template's outbound task that agent1 dialled (agent2 may see the task, not agent1's number).
  ids.number = randomUUID();
  await rt.app.db.collection('task_numbers').insertOne({
    _id: ids.number, task: 'renewal', phone: '+8613912345670', values: { name: '路过' }, state: 'done', attempts: 1,
    lastAgent: IDS.agent1, lastCallId: ids.call, createdAt: new Date(), updatedAt: new Date(),
  } as never);

  const created = await admin.post('/api/definitions', WALK_REPORT);
  expect(created.status, created.text).toBeLessThan(300);
  expect((await admin.post(`/api/definitions/report/${WALK_REPORT.key}/publish`, { message: 'walk' })).status).toBe(200);

  const doc = await admin.get('/api/openapi.json');
  expect(doc.status).toBe(200);
  operations = Object.entries<Record<string, unknown>>(doc.body.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path })));

  await walk({ name: 'nobody', headers: { 'accept-language': 'en' } });
  await walk(await signIn('agent2', '10.20.0.2'));
  await walk(await signIn('lead', '10.20.0.3'));
  await walk(await signIn('admin', '10.20.0.4'));
  const covered = new Set(answers.map((a) => a.op)).size;
  console.log(`route walk: ${covered} operations of ${operations.length} in the OpenAPI document, ${answers.length} requests as nobody, agent2, lead and admin`);
}, 300_000);
afterAll(async () => fx?.close());

const show = (a: Answer) => `${a.caller} ${a.op} -> ${a.url} ${JSON.stringify(a.body) ?? ''}: ${a.status} ${a.text.slice(0, 200)}`;

describe('the route walk', () => {
  it('covers every operation of the OpenAPI document, for each of the four callers', () => {
    expect(operations.length).toBeGreaterThan(90);
    for (const caller of ['nobody', 'agent2', 'lead', 'admin'] as const) {
      expect(new Set(answers.filter((a) => a.caller === caller).map((a) => a.op)).size, caller).toBeGreaterThanOrEqual(operations.length);
    }
  });

  it('no answer is a 5xx, whoever asks and whatever the ids', () => {
    expect(answers.filter((a) => a.status >= 500).map(show)).toEqual([]);
  });

  it('without a session every route but sign-in and health answers 401', () => {
    const open = new Set(['POST /api/auth/login', 'GET /api/health']);
    const wrong = answers.filter((a) => a.caller === 'nobody' && !open.has(a.op) && a.status !== 401).map(show);
    expect(wrong).toEqual([]);
    for (const op of open) expect(answers.some((a) => a.caller === 'nobody' && a.op === op && a.status !== 401), op).toBe(true);
  });

  it('agent2 asking for another person\'s object gets 403 or 404 (or 400 for an empty body)', () => {
    const wrong = answers.filter((a) => {
      const op = operations.find((o) => `${o.method} ${o.path}` === a.op)!;
      if (a.caller !== 'agent2' || a.variant !== 'foreign' || !aimsAtOthers(op)) return false;
      const allowed = a.body !== undefined && JSON.stringify(a.body) === '{}' ? [400, 403, 404] : [403, 404];
      if (BATCHES.has(a.op) && a.status === 200) return JSON.parse(a.text).done.length > 0;
      return !allowed.includes(a.status);
    }).map(show);
    expect(wrong).toEqual([]);
  });

  it('a dashboard for other roles is not found for agent2; the supervisor and the admin open it', () => {
    const opened = answers.filter((a) => a.op === 'GET /api/dashboards/{key}' && a.variant === 'foreign').map((a) => [a.caller, a.status]);
    expect(Object.fromEntries(opened)).toEqual({ nobody: 401, agent2: 404, lead: 200, admin: 200 });
  });

  it('no answer to agent2 holds another person\'s data (their customer\'s name or number, the admin\'s import or filter)', () => {
    // The walk reaches that data: the admin, who may see it all, is shown each piece somewhere.
    for (const secret of SECRETS) expect(answers.some((a) => a.caller === 'admin' && a.text.includes(secret)), secret).toBe(true);
    // Agent2's answers; the admin's file previewed by agent2 is fixed by the stored-objects part (imports).
    const leaks = answers.filter((a) => a.caller === 'agent2').flatMap((a) =>
      SECRETS.filter((secret) => a.text.includes(secret)).map((secret) => `${show(a)} holds "${secret}"`));
    expect(leaks).toEqual([]);
  });
});
