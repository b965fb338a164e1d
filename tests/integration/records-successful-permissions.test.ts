// The permission layer on records: data scope on every route (agents see their own, supervisors their team,
// admins everything), masked numbers absent from every response a masked reader gets, owners on create.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type ApiResponse, type RuntimeFixture } from '../support/runtime-fixture.js';
import { ALL_DEMO_PHONES, DEMO, demoOf, expectNoPhones, filterParam, ids, phoneForms, publish } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((u) => rt.login(u)));
});
afterAll(async () => rt?.close());

const all = async (c: ApiClient, query = '') => c.get(`/api/records/customer?pageSize=200${query}`);
const demoIds = (owner?: string) => demoOf(owner).map((r) => r.id).sort();

describe('data scope', () => {
  it('agents list only their own records, the supervisor the team’s, the admin all', async () => {
    expect(ids(await all(agent1))).toEqual(demoIds('agent1'));
    expect(ids(await all(agent2))).toEqual(demoIds('agent2'));
    expect(ids(await all(lead))).toEqual([...demoIds('agent1'), ...demoIds('agent2'), ...demoIds('lead')].sort());
    expect(ids(await all(admin))).toEqual(DEMO.map((r) => r.id).sort());
    expect((await all(agent1)).body.total).toBe(demoOf('agent1').length);
  });

  it('agent1 never reads, finds, counts or changes a record of agent2: 404 exactly like a missing one', async () => {
    const missing = await agent1.get('/api/records/customer/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: '记录不存在' });
    for (const other of demoOf('agent2')) {
      const url = `/api/records/customer/${other.id}`;
      for (const res of [
        await agent1.get(url),
        await agent1.get(`${url}/log`),
        await agent1.patch(url, { version: 1, values: { name: 'taken' } }),
      ]) expect(res.body).toEqual(missing.body);
      const phone = String(other.values.phone);
      expect((await agent1.get(`/api/records/customer?q=${phone}`)).body.total).toBe(0);
      const byName = await agent1.post('/api/records/customer/query', { filter: { field: 'name', op: 'eq', value: other.values.name } });
      expect(byName.body.items.map((r: any) => r.ownerId)).not.toContain(agent2.userId);
    }
    const owned = await agent1.get(`/api/records/customer?filter=${filterParam({ field: 'ownerId', op: 'eq', value: agent2.userId })}`);
    expect(owned.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const first = demoOf('agent2')[0]!;
    expect((await admin.get(`/api/records/customer/${first.id}`)).body).toMatchObject({ version: 1, values: { name: first.values.name } });
  });

  it('the supervisor reads and changes team records, not records outside the team', async () => {
    const agents = demoOf('agent2')[0]!;
    const read = await lead.get(`/api/records/customer/${agents.id}`);
    expect(read.status).toBe(200);
    const upd = await lead.patch(`/api/records/customer/${agents.id}`, { version: read.body.version, values: { level: 'a' } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ version: read.body.version + 1, ownerId: agent2.userId, values: { level: 'a' } });
    const unowned = demoOf(undefined)[0]!;
    expect((await lead.get(`/api/records/customer/${unowned.id}`)).status).toBe(404);
    expect((await lead.delete(`/api/records/customer/${unowned.id}?version=1`)).status).toBe(404);
    expect((await admin.get(`/api/records/customer/${unowned.id}`)).body.deletedAt).toBeUndefined();
  });
});

describe('entity permissions', () => {
  it('an agent may not delete (the role says so), even their own records', async () => {
    const mine = demoOf('agent2')[3]!;
    const res = await agent2.delete(`/api/records/customer/${mine.id}?version=1`);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'Your role may not delete these records' });
    expect((await agent2.get(`/api/records/customer/${mine.id}`)).status).toBe(200);
  });
});

describe('owner of a new record', () => {
  it('an agent creates only for themself; a supervisor within the team; an admin for anyone', async () => {
    const refused = await agent1.post('/api/records/customer', { values: { name: 'X', phone: '13700000001' }, ownerId: agent2.userId });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: '您的角色不能把记录分配给其他人' });
    const outside = await lead.post('/api/records/customer', { values: { name: 'X', phone: '13700000001' }, ownerId: admin.userId });
    expect(outside.status).toBe(400);
    expect(outside.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_owner', message: '负责人不存在或不在您的数据范围内',
      errors: [{ path: '/ownerId', code: 'invalid_owner', message: '负责人不存在或不在您的数据范围内' }],
    });
    const nobody = await admin.post('/api/records/customer', { values: { name: 'X', phone: '13700000001' }, ownerId: 'no-such-user' });
    expect(nobody.body.code).toBe('invalid_owner');
    const ok = await admin.post('/api/records/customer', { values: { name: 'X', phone: '13700000001' }, ownerId: lead.userId });
    expect(ok.body).toMatchObject({ ownerId: lead.userId, ownerName: '王组长 Wang (lead)' });
  });
});

describe('masking', () => {
  it('no response of any route carries a masked number to a reader without unmask', async () => {
    const texts: ApiResponse[] = [];
    for (const reader of [agent1, lead]) {
      const mine = (await all(reader)).body.items[0];
      const newPhone = reader === agent1 ? '13600000011' : '13600000012';
      const created = await reader.post('/api/records/customer', { values: { name: 'M', phone: newPhone } });
      const other = demoOf('agent2')[1]!;
      texts.push(
        await all(reader),
        await reader.post('/api/records/customer/query', { filter: { field: 'phone', op: 'isNotEmpty' }, pageSize: 200 }),
        await reader.get(`/api/records/customer/${mine.id}`),
        created,
        await reader.patch(`/api/records/customer/${created.body.id}`, { version: 1, values: { phone: `${newPhone.slice(0, -1)}9` } }),
        await reader.get(`/api/records/customer/${created.body.id}/log`),
        await reader.get(`/api/records/customer/${mine.id}/log`),
        await reader.get(`/api/records/customer?q=${String(other.values.phone)}`),
        await reader.get(`/api/records/customer?q=${String(DEMO.find((r) => r.owner === reader.login)?.values.phone)}`),
        // errors: duplicate (own and someone else's), version conflict, invalid value, masked filter
        await reader.post('/api/records/customer', { values: { name: 'D', phone: String(other.values.phone) } }),
        await reader.post('/api/records/customer', { values: { name: 'D', phone: `${newPhone.slice(0, -1)}9` } }),
        await reader.patch(`/api/records/customer/${created.body.id}`, { version: 1, values: { phone: String(other.values.phone) } }),
        await reader.patch(`/api/records/customer/${created.body.id}`, { version: 2, values: { phone: String(other.values.phone) } }),
        await reader.post('/api/records/customer', { values: { name: 'D', phone: '1'.repeat(25) } }),
        await reader.post('/api/records/customer/query', { filter: { field: 'phone', op: 'eq', value: String(other.values.phone) } }),
        await reader.post('/api/saved-filters', { entity: 'customer', name: `q-${reader.login}`, q: String(other.values.phone) }),
        await reader.get('/api/saved-filters'),
      );
      const phones = [...ALL_DEMO_PHONES, ...phoneForms(newPhone), ...phoneForms(`${newPhone.slice(0, -1)}9`)];
      for (const res of texts) {
        expect(res.status).toBeLessThan(500);
        // A saved search text is the reader's own input, not stored record data: leave it out of the check.
        expectNoPhones(res.text.replace(/"q":"[^"]*"/g, ''), phones);
      }
      expect(texts.some((r) => r.text.includes('****'))).toBe(true);
    }
    // The check itself works: the admin (unmask) gets the numbers.
    expect((await all(admin)).text).toContain(`+86${String(DEMO[0]!.values.phone)}`);
  });

  it('masked values are listed per record, and hidden or read-only fields per reader', async () => {
    const rec = (await all(agent1)).body.items.find((r: any) => r.values.phone);
    expect(rec.masked).toEqual(['phone']);
    expect(rec.readOnly).toEqual(['id_number']);
    const asAdmin = await admin.get(`/api/records/customer/${rec.id}`);
    expect(asAdmin.body).toMatchObject({ masked: [], readOnly: [] });
  });
});

describe('role changes take effect at once', () => {
  it('with delete granted, an agent deletes own records but agent2’s stay out of reach (404)', async () => {
    const role = (await admin.get('/api/definitions/role/agent')).body.published;
    role.entities['*'].delete = true;
    expect((await publish(admin, role)).status).toBe(200);
    const theirs = demoOf('agent2')[2]!;
    const res = await agent1.delete(`/api/records/customer/${theirs.id}?version=1`);
    expect(res.status).toBe(404);
    expect((await admin.get(`/api/records/customer/${theirs.id}`)).body.deletedAt).toBeUndefined();
    const mine = demoOf('agent1')[2]!;
    expect((await agent1.delete(`/api/records/customer/${mine.id}?version=1`)).status).toBe(204);
    // Deleted records are for restorers only (the agent role has no restoreRecords).
    const bin = await agent1.get('/api/records/customer?deleted=true');
    expect(bin.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: '您的角色不能查看或恢复已删除的记录' });
    expect((await agent1.post(`/api/records/customer/${mine.id}/restore`)).body.code).toBe('forbidden');
  });

  it('without read on an entity, every records route answers 403', async () => {
    const role = (await admin.get('/api/definitions/role/agent')).body.published;
    role.entities.customer = { read: false };
    expect((await publish(admin, role)).status).toBe(200);
    const expected = { statusCode: 403, error: 'Forbidden', code: 'forbidden', message: '您的角色没有查看此类记录的权限' };
    expect((await all(agent2)).body).toEqual({ ...expected, message: 'Your role may not read these records' });
    expect((await agent1.get(`/api/records/customer/${demoOf('agent1')[0]!.id}`)).body).toEqual(expected);
    expect((await agent1.post('/api/records/customer', { values: { name: 'N', phone: '13500000000' } })).body)
      .toEqual({ ...expected, message: '您的角色没有新建此类记录的权限' });
  });
});

describe('log lines', () => {
  it('request logs do not carry the numbers people search for', async () => {
    const { Writable } = await import('node:stream');
    const { buildApp } = await import('@telesales/runtime/app');
    let lines = '';
    const stream = new Writable({ write(chunk, _enc, done) { lines += String(chunk); done(); } });
    // A second runtime process on the same database, logging at info level into memory.
    const app = await buildApp({ mongoUri: rt.uri, dbName: rt.dbName, embedded: true, logger: { level: 'info', stream } });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'lead', password: 'lead123' } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const phone = String(demoOf('lead')[0]!.values.phone);
      const filter = filterParam({ field: 'phone', op: 'isNotEmpty' });
      for (const url of [`/api/records/customer?q=${phone}`, `/api/records/customer?filter=${filter}&q=%2B86${phone}&page=1`]) {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode).toBe(200);
      }
      expect(lines).toContain('/api/records/customer?q=[redacted]');
      expect(lines).toContain('/api/records/customer?filter=[redacted]&q=[redacted]&page=1');
      expectNoPhones(lines, phoneForms(phone));
    } finally {
      await app.close();
    }
  });
});
