import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordJson, ReviewJson, WorkbenchOwnershipJson } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let phones = 0;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((n) => rt.login(n)));
});
afterAll(async () => rt?.close());

/** A customer the agent created, so owns. */
async function own(client: ApiClient, name: string): Promise<RecordJson> {
  const res = await client.post<RecordJson>('/api/records/customer', { values: { name, phone: `+86136${String(++phones).padStart(8, '0')}`, status: 'following' } });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const stored = (id: string) => rt.app.db.collection('records_customer').findOne({ _id: id as never });

describe('release and transfer', () => {
  it('the owner releases a customer to the default pool; others may not release it', async () => {
    const rec = await own(agent1, 'release me');
    expect((await agent2.post(`/api/records/customer/${rec.id}/release`)).status).toBe(404);
    expect((await lead.post(`/api/records/customer/${rec.id}/release`)).body.code).toBe('not_owner');
    const res = await agent1.post(`/api/records/customer/${rec.id}/release`);
    expect(res.status).toBe(204);
    expect(await stored(rec.id)).toMatchObject({ ownerId: null, poolKey: 'default', fromPool: null });
    const log = await admin.get(`/api/records/customer/${rec.id}/log`);
    expect(log.body[0]).toMatchObject({ action: 'release', detail: { fromOwner: '李娜 Li Na', toPool: '公共公海' } });
    // Entering the same number again says where the customer is, not whose or what.
    const phone = (await rt.app.db.collection('records_customer').findOne({ _id: rec.id as never }))!.values.phone;
    const again = await agent2.post('/api/records/customer', { values: { name: 'same person', phone } });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: '/values/phone', code: 'duplicate', message: 'A customer with this Mobile is waiting in a public pool; claim it there' }]);
  });

  it('a supervisor transfers between agents of the team; an agent may not', async () => {
    const rec = await own(agent1, 'hand over');
    const refused = await agent1.post(`/api/records/customer/${rec.id}/transfer`, { ownerId: agent2.userId });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden_transfer');
    const res = await lead.post<RecordJson>(`/api/records/customer/${rec.id}/transfer`, { ownerId: agent2.userId });
    expect(res.status, res.text).toBe(200);
    expect(res.body.ownerId).toBe(agent2.userId);
    expect((await agent2.get(`/api/records/customer/${rec.id}`)).status).toBe(200);
    expect((await agent1.get(`/api/records/customer/${rec.id}`)).status).toBe(404);
    const outside = await lead.post(`/api/records/customer/${rec.id}/transfer`, { ownerId: admin.userId });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].path).toBe('/ownerId');
  });

  it('into a pool only its admins: the supervisor may fill the default pool, not an unknown one', async () => {
    const rec = await own(agent2, 'to the pool');
    const res = await lead.post(`/api/records/customer/${rec.id}/transfer`, { pool: 'default' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.pool).toBe('default');
    expect((await lead.post(`/api/records/customer/${rec.id}/transfer`, { pool: 'nowhere' })).status).toBe(404);
  });

  it('batch assign reports each refusal with its reason and does the rest', async () => {
    const a = await own(admin, 'batch a');
    const b = await own(admin, 'batch b');
    const res = await admin.post('/api/records/customer/batch/assign', { ids: [a.id, b.id, 'missing'], ownerId: agent2.userId });
    expect(res.status).toBe(200);
    expect(res.body.done).toEqual([a.id, b.id]);
    expect(res.body.refused).toEqual([{ id: 'missing', code: 'not_found', message: expect.any(String) }]);
    const log = await admin.get(`/api/records/customer/${a.id}/log`);
    expect(log.body[0]).toMatchObject({ action: 'assign', detail: { fromOwner: '管理员 Admin', toOwner: '张伟 Zhang Wei' } });
  });

  it('assigning over the new owner\'s cap is refused with their name', async () => {
    const role = (await admin.get('/api/definitions/role/agent')).body;
    const capped = { ...role.published, entities: { '*': { ...role.published.entities['*'], cap: 1 } } };
    await admin.put('/api/definitions/role/agent/draft', capped);
    expect((await admin.post('/api/definitions/role/agent/publish', { message: 'cap 1' })).status).toBe(200);
    try {
      const rec = await own(admin, 'one too many');
      const res = await admin.post(`/api/records/customer/${rec.id}/transfer`, { ownerId: agent2.userId });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('over_cap');
      expect(res.body.message).toMatch(/^张伟 Zhang Wei 已拥有 \d+ 个客户，达到上限 1 个$/);
    } finally {
      await admin.put('/api/definitions/role/agent/draft', role.published);
      await admin.post('/api/definitions/role/agent/publish', { message: 'cap back' });
    }
  });
});

describe('lost and invalid requests', () => {
  it('the agent asks, the supervisor sees it in the review list and approves: the customer is in the invalid pool', async () => {
    const rec = await own(agent1, 'wrong number');
    const asked = await agent1.post<RecordJson>(`/api/records/customer/${rec.id}/request`, { type: 'invalid', reason: 'empty number' });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.body.request).toMatchObject({ type: 'invalid', reason: 'empty number', by: { id: agent1.userId } });
    expect((await agent1.post(`/api/records/customer/${rec.id}/request`, { type: 'lost', reason: 'again' })).body.code).toBe('request_pending');
    expect((await agent1.get('/api/reviews')).body).toEqual([]);
    const reviews = await lead.get<ReviewJson[]>('/api/reviews');
    const mine = reviews.body.find((r) => r.record.id === rec.id)!;
    expect(mine.request).toMatchObject({ type: 'invalid', reason: 'empty number', by: { name: '李娜 Li Na' } });
    const me = await lead.get<WorkbenchOwnershipJson>('/api/ownership/me');
    expect(me.body.pendingReviews).toBeGreaterThanOrEqual(1);
    expect((await agent1.post(`/api/records/customer/${rec.id}/review`, { approve: true })).body.code).toBe('forbidden_review');
    expect((await lead.post(`/api/records/customer/${rec.id}/review`, { approve: true, note: 'checked' })).status).toBe(204);
    expect(await stored(rec.id)).toMatchObject({ ownerId: null, poolKey: 'invalid', request: null });
    expect((await lead.get(`/api/pools/invalid/records`)).body.items.map((r: RecordJson) => r.id)).toContain(rec.id);
    const card = await lead.get<RecordJson>(`/api/pools/invalid/records/${rec.id}`);
    expect(card.body).toMatchObject({ id: rec.id, pool: 'invalid', masked: ['phone'] });
    const log = await lead.get(`/api/pools/invalid/records/${rec.id}/log`);
    expect(log.body.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['approve', 'request']);
  });

  it('a rejected request leaves the customer with the agent', async () => {
    const rec = await own(agent1, 'not lost yet');
    await agent1.post(`/api/records/customer/${rec.id}/request`, { type: 'lost', reason: 'chose a competitor' });
    expect((await lead.post(`/api/records/customer/${rec.id}/review`, { approve: false, note: 'call again' })).status).toBe(204);
    expect(await stored(rec.id)).toMatchObject({ ownerId: agent1.userId, request: null });
    expect((await lead.post(`/api/records/customer/${rec.id}/review`, { approve: true })).body.code).toBe('no_request');
  });
});

describe('workbench and tickets', () => {
  it('shows owned customers against the cap, tickets and the receiving switch', async () => {
    const me = await agent1.get<WorkbenchOwnershipJson>('/api/ownership/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ receiving: true, online: true, tickets: { reward: 0, penalty: 0 } });
    const owned = await rt.app.db.collection('records_customer').countDocuments({ ownerId: agent1.userId, deletedAt: null });
    expect(me.body.entities).toEqual([{ entity: 'customer', label: { zh: '客户', en: 'Customer' }, owned, cap: 100 }]);
    const off = await agent1.put<WorkbenchOwnershipJson>('/api/ownership/me/receiving', { receiving: false });
    expect(off.body.receiving).toBe(false);
  });

  it('admins grant and deduct tickets with a reason; a balance never goes below zero; agents may not', async () => {
    expect((await agent1.post('/api/tickets', { userId: agent1.userId, kind: 'reward', delta: 5, reason: 'self' })).status).toBe(403);
    const granted = await admin.post('/api/tickets', { userId: agent2.userId, kind: 'reward', delta: 3, reason: 'top converter of the week' });
    expect(granted.body).toMatchObject({ userId: agent2.userId, reward: 3, penalty: 0 });
    const tooMuch = await admin.post('/api/tickets', { userId: agent2.userId, kind: 'reward', delta: -4, reason: 'oops' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('tickets_below_zero');
    expect((await admin.post('/api/tickets', { userId: agent2.userId, kind: 'reward', delta: -1, reason: 'wasted leads' })).body.reward).toBe(2);
    const log = await admin.get(`/api/tickets/log?userId=${agent2.userId}`);
    expect(log.body.map((e: { delta: number; reason: string }) => [e.delta, e.reason])).toEqual([[-1, 'wasted leads'], [3, 'top converter of the week']]);
    expect((await agent2.get<WorkbenchOwnershipJson>('/api/ownership/me')).body.tickets).toEqual({ reward: 2, penalty: 0 });
  });
});
