// Records: create, read, update, soft delete, restore, the operation log, paging, sort and quick search,
// against the real runtime with the insurance demo template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { DEMO, demoOf, expectNoPhones } from './records-support.js';

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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('create, read, update', () => {
  it('creates a record owned by its creator, with defaults, normalised and masked phone', async () => {
    const res = await agent1.post('/api/records/customer', { values: { name: 'Zhao Lei', phone: '139 1234 5678', gender: 'male' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      entity: 'customer',
      version: 1,
      ownerId: agent1.userId,
      ownerName: '李娜 Li Na',
      createdAt: expect.stringMatching(ISO),
      createdBy: agent1.userId,
      updatedAt: res.body.createdAt,
      updatedBy: agent1.userId,
      values: { name: 'Zhao Lei', gender: 'male', phone: '*******5678', status: 'pending' },
      masked: ['phone'],
      readOnly: ['id_number'],
    });
    const asAdmin = await admin.get(`/api/records/customer/${res.body.id}`);
    expect(asAdmin.body.values.phone).toBe('+8613912345678');
    expect(asAdmin.body).toMatchObject({ masked: [], readOnly: [] });
    expect(await agent1.get(`/api/records/customer/${res.body.id}`)).toMatchObject({ status: 200, body: res.body });
  });

  it('updates only what changed, bumps the version, clears with null, keeps a masked value sent back untouched', async () => {
    const created = await agent1.post('/api/records/customer', { values: { name: 'Qian Yu', phone: '13912340001', gender: 'female', level: 'b' } });
    const { id } = created.body;
    const res = await agent1.patch(`/api/records/customer/${id}`, {
      version: 1,
      values: { ...created.body.values, name: 'Qian Yu 2', gender: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: 2, values: { name: 'Qian Yu 2', phone: '*******0001', level: 'b', status: 'pending' } });
    expect(res.body.values).not.toHaveProperty('gender');
    expect(res.body.updatedAt >= created.body.updatedAt).toBe(true);
    expect((await admin.get(`/api/records/customer/${id}`)).body.values.phone).toBe('+8613912340001');

    const same = await agent1.patch(`/api/records/customer/${id}`, { version: 2, values: { name: 'Qian Yu 2' } });
    expect(same.body.version).toBe(2); // nothing changed: no new version, no log entry
  });

  it('lets a supervisor give a new record to a team member, and an admin to anyone', async () => {
    const byLead = await lead.post('/api/records/customer', { values: { name: 'Sun Li', phone: '13912340002' }, ownerId: agent2.userId });
    expect(byLead.status).toBe(201);
    expect(byLead.body).toMatchObject({ ownerId: agent2.userId, ownerName: '张伟 Zhang Wei', createdBy: lead.userId });
    expect((await agent2.get(`/api/records/customer/${byLead.body.id}`)).status).toBe(200);
    const byAdmin = await admin.post('/api/records/customer', { values: { name: 'Zhou Bo', phone: '13912340003' }, ownerId: agent1.userId });
    expect(byAdmin.body).toMatchObject({ ownerId: agent1.userId, values: { phone: '+8613912340003' } });
  });
});

describe('soft delete, restore and the operation log', () => {
  it('deletes softly, hides the record, lists it for restorers, restores it, and logs every step', async () => {
    const { body: rec } = await agent1.post('/api/records/customer', { values: { name: 'Wu Fei', phone: '13912340004' } });
    const upd = await agent1.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { phone: '13912340005', level: 'a' } });
    expect(upd.body.version).toBe(2);

    expect((await lead.delete(`/api/records/customer/${rec.id}?version=2`)).status).toBe(204);
    expect((await agent1.get(`/api/records/customer/${rec.id}`)).status).toBe(404);
    const live = await admin.get('/api/records/customer?pageSize=200');
    expect(live.body.items.map((r: { id: string }) => r.id)).not.toContain(rec.id);
    const bin = await admin.get('/api/records/customer?deleted=true');
    expect(bin.body.items).toEqual([expect.objectContaining({ id: rec.id, version: 3, deletedAt: expect.stringMatching(ISO), deletedBy: lead.userId })]);
    expect(bin.body.total).toBe(1);
    expect((await admin.get(`/api/records/customer/${rec.id}`)).body).toMatchObject({ deletedAt: expect.any(String) });

    const restored = await admin.post(`/api/records/customer/${rec.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: rec.id, version: 4 });
    expect(restored.body).not.toHaveProperty('deletedAt');
    expect((await agent1.get(`/api/records/customer/${rec.id}`)).status).toBe(200);

    const log = await agent1.get(`/api/records/customer/${rec.id}/log`);
    expect(log.status).toBe(200);
    const by = (c: ApiClient, name: string) => ({ id: c.userId, name });
    expect(log.body).toEqual([
      { id: expect.any(String), action: 'restore', at: expect.stringMatching(ISO), by: by(admin, '管理员 Admin'), changes: [] },
      { id: expect.any(String), action: 'delete', at: expect.stringMatching(ISO), by: by(lead, '王组长 Wang (lead)'), changes: [] },
      {
        id: expect.any(String), action: 'update', at: expect.stringMatching(ISO), by: by(agent1, '李娜 Li Na'),
        changes: [
          { field: 'phone', label: '手机号', before: '*******0004', after: '*******0005' },
          { field: 'level', label: '客户等级', before: null, after: 'a' },
        ],
      },
      {
        id: expect.any(String), action: 'create', at: expect.stringMatching(ISO), by: by(agent1, '李娜 Li Na'),
        changes: [
          { field: 'name', label: '姓名', before: null, after: 'Wu Fei' },
          { field: 'phone', label: '手机号', before: null, after: '*******0004' },
          { field: 'status', label: '跟进状态', before: null, after: 'pending' },
        ],
      },
    ]);
    expectNoPhones(log.text, ['13912340004', '+8613912340004', '13912340005', '+8613912340005']);
    const adminLog = await admin.get(`/api/records/customer/${rec.id}/log`);
    // English labels for an English-speaking reader; the admin may unmask.
    const agent2Log = await agent2.get(`/api/records/customer/${rec.id}/log`);
    expect(agent2Log.status).toBe(404);
    expect(adminLog.body[2].changes[0]).toEqual({ field: 'phone', label: '手机号', before: '+8613912340004', after: '+8613912340005' });
  });
});

describe('lists: paging, sort, quick search', () => {
  it('pages through every record exactly once, with the total', async () => {
    const total = (await admin.get('/api/records/customer?pageSize=1')).body.total;
    expect(total).toBeGreaterThanOrEqual(DEMO.length);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 7); page++) {
      const res = await admin.get(`/api/records/customer?page=${page}&pageSize=7`);
      expect(res.body).toMatchObject({ total, page, pageSize: 7 });
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const beyond = await admin.get('/api/records/customer?page=99&pageSize=7');
    expect(beyond.body).toEqual({ items: [], total, page: 99, pageSize: 7 });
    const defaults = await admin.get('/api/records/customer');
    expect(defaults.body).toMatchObject({ page: 1, pageSize: 20 });
    expect(defaults.body.items).toHaveLength(20);
  });

  it('sorts by list and sortable fields and system dates, ties broken by id in the same direction', async () => {
    const byName = (await admin.get('/api/records/customer?sort=name&pageSize=200')).body.items.map((r: any) => r.values.name);
    expect(byName).toEqual([...byName].sort());
    const byPremium = (await admin.get('/api/records/customer?sort=-annual_premium&pageSize=200')).body.items;
    for (let i = 1; i < byPremium.length; i++) {
      const [a, b] = [byPremium[i - 1], byPremium[i]];
      const pa = a.values.annual_premium ?? -Infinity;
      const pb = b.values.annual_premium ?? -Infinity;
      expect(pa >= pb).toBe(true);
      if (pa === pb) expect(a.id > b.id).toBe(true); // descending sort: ties by id descending too
    }
    const newest = (await admin.get('/api/records/customer?pageSize=200')).body.items.map((r: any) => r.updatedAt);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = (await admin.get('/api/records/customer?sort=createdAt&pageSize=200')).body.items.map((r: any) => r.createdAt);
    expect(oldest).toEqual([...oldest].sort());
  });

  it('quick search matches text fields in part and case-insensitively', async () => {
    const res = await admin.get(`/api/records/customer?q=${encodeURIComponent('CUSTOMER3@')}&pageSize=200`);
    expect(res.body.items.map((r: any) => r.values.email)).toEqual(['customer3@example.com']);
    const name = DEMO[0]!.values.name as string;
    const byName = await admin.get(`/api/records/customer?q=${encodeURIComponent(name.slice(1))}&pageSize=200`);
    const expected = DEMO.filter((r) => String(r.values.name).includes(name.slice(1)) || String(r.values.email ?? '').includes(name.slice(1)));
    expect(byName.body.total).toBe(expected.length);
  });

  it('quick search matches phone digits for readers who may unmask, only the full number for the others', async () => {
    const mine = demoOf('agent1')[0]!;
    const phone = String(mine.values.phone);
    const part = await admin.get(`/api/records/customer?q=${phone.slice(3, 8)}`);
    expect(part.body.items.map((r: any) => r.id)).toContain(mine.id);
    const spaced = await admin.get(`/api/records/customer?q=${encodeURIComponent(`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`)}`);
    expect(spaced.body.items.map((r: any) => r.id)).toEqual([mine.id]);

    const masked = await agent1.get(`/api/records/customer?q=${phone.slice(3, 8)}`);
    expect(masked.body.total).toBe(0);
    const exact = await agent1.get(`/api/records/customer?q=${phone}`);
    expect(exact.body.items.map((r: any) => r.id)).toEqual([mine.id]);
    expect(exact.body.items[0].values.phone).toBe(`*******${phone.slice(-4)}`);
    expectNoPhones(exact.text, [phone, `+86${phone}`]);
  });

  it('the query route answers like the list route', async () => {
    const filter = { field: 'status', op: 'eq', value: 'won' };
    const viaGet = await lead.get(`/api/records/customer?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=name&pageSize=5`);
    const viaPost = await lead.post('/api/records/customer/query', { filter, sort: 'name', pageSize: 5 });
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toEqual(viaGet.body);
    expect(viaPost.body.total).toBe(DEMO.filter((r) => r.owner && r.owner !== 'admin' && r.values.status === 'won').length);
  });
});

describe('saved filters', () => {
  it('saves, lists and deletes a person’s own quick filters', async () => {
    const filter = { and: [{ field: 'status', op: 'in', value: ['pending', 'following'] }, { field: 'level', op: 'eq', value: 'a' }] };
    const saved = await agent1.post('/api/saved-filters', { entity: 'customer', name: 'Hot', filter, sort: '-updatedAt' });
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual({ id: expect.any(String), entity: 'customer', name: 'Hot', filter, q: null, sort: '-updatedAt' });
    const qOnly = await agent1.post('/api/saved-filters', { entity: 'customer', name: 'Zhao', q: 'Zhao' });
    expect(qOnly.status).toBe(201);

    expect((await agent1.get('/api/saved-filters?entity=customer')).body).toEqual([saved.body, qOnly.body]);
    expect((await agent2.get('/api/saved-filters?entity=customer')).body).toEqual([]);
    expect((await agent2.delete(`/api/saved-filters/${saved.body.id}`)).status).toBe(404);
    expect((await agent1.delete(`/api/saved-filters/${saved.body.id}`)).status).toBe(204);
    expect((await agent1.get('/api/saved-filters')).body).toEqual([qOnly.body]);
  });
});
