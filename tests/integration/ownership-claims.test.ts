import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolJson, RecordJson, RecordPage } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

let phones = 0;
const SALES_A = '23e72191-90a6-42d0-b71b-8832e2442338';

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1, agent2] = await Promise.all([rt.login('admin'), rt.login('agent1'), rt.login('agent2')]);
});
afterAll(async () => rt?.close());

async function poolPage(client: ApiClient, pool = 'default', query = ''): Promise<RecordPage> {
  const res = await client.get<RecordPage>(`/api/pools/${pool}/records?pageSize=200${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Creates `n` agents in Sales A and signs each in from an address of their own. */
async function makeAgents(prefix: string, n: number): Promise<ApiClient[]> {
  for (let i = 0; i < n; i++) {
    const res = await admin.post('/api/users', { login: `${prefix}${i}`, name: `${prefix} ${i}`, password: 'secret123', role: 'agent', teamId: SALES_A, locale: 'en' });
    expect(res.status).toBe(201);
  }
  return Promise.all(Array.from({ length: n }, (_, i) => rt.login(`${prefix}${i}`, 'secret123', { address: `10.9.${Math.floor(i / 200)}.${i % 200}` })));
}

/** Puts `n` new customers in a pool through the API (created by the admin, then moved in bulk). */
async function seedPool(n: number, pool = 'default', tag = 'seed'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await admin.post<RecordJson>('/api/records/customer', { values: { name: `${tag} ${i}`, phone: `+86137${String(++phones).padStart(8, '0')}` } });
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id);
  }
  const moved = await admin.post('/api/records/customer/batch/move', { ids, pool });
  expect(moved.body.refused).toEqual([]);
  return ids;
}

describe('pools', () => {
  it('an agent sees the pools they belong to, with counts; not the supervisors\' lost and invalid pools', async () => {
    const res = await agent1.get<PoolJson[]>('/api/pools');
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.key).sort()).toEqual(['default', 'online_leads']);
    const def = res.body.find((p) => p.key === 'default')!;
    expect(def).toMatchObject({ entity: 'customer', mode: 'manual', system: 'default', member: true, admin: false });
    expect(def.count).toBeGreaterThan(0);
  });

  it('the pool list is masked even for a role that may unmask, and a non-member is refused', async () => {
    const page = await poolPage(admin);
    const withPhone = page.items.find((r) => r.values.phone);
    expect(withPhone?.masked).toContain('phone');
    expect(String(withPhone?.values.phone)).toMatch(/\*{4}/);
    const lost = await agent1.get('/api/pools/lost/records');
    expect(lost.status).toBe(403);
    expect(lost.body.code).toBe('not_member');
  });
});

describe('claim', () => {
  it('claiming moves the customer to the agent: in Mine, gone from the pool for everyone, logged with where from', async () => {
    const [id] = await seedPool(1, 'default', 'claim-one');
    const claimed = await agent1.post<RecordJson>('/api/pools/default/claim', { id });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ id, ownerId: agent1.userId });
    expect(claimed.body.pool).toBeUndefined();
    expect((await poolPage(agent2)).items.map((r) => r.id)).not.toContain(id);
    expect((await agent1.get(`/api/records/customer/${id}`)).status).toBe(200);
    expect((await agent2.get(`/api/records/customer/${id}`)).status).toBe(404);
    const log = await agent1.get(`/api/records/customer/${id}/log`);
    expect(log.body[0]).toMatchObject({ action: 'claim', by: { id: agent1.userId }, detail: { fromPool: '公共公海', toOwner: '李娜 Li Na', fromOwner: null } });
    const again = await agent2.post('/api/pools/default/claim', { id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_taken');
  });

  it('50 agents claiming one customer at once: exactly one owner and 49 clear refusals', async () => {
    const agents = await makeAgents('race', 50);
    const [id] = await seedPool(1, 'default', 'race');
    const results = await Promise.all(agents.map((a) => a.post('/api/pools/default/claim', { id })));
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => r.status !== 200);
    expect(lost.map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(49).fill('409 already_taken'));
    expect(new Set(lost.map((r) => r.body.message))).toEqual(new Set(['Another agent has just taken this customer']));
    const owner = (await rt.app.db.collection('records_customer').findOne({ _id: id as never }))!;
    expect(owner.ownerId).toBe(won[0]!.body.ownerId);
    expect(owner.version).toBe(3); // created, moved into the pool, claimed once
  });

  it('20 agents claiming from a pool of 100 at once: nobody owns a customer twice, nobody goes over the cap', async () => {
    // A pool with a per-agent cap of 3, the agents' role allows 100: the pool's cap is the one that binds.
    const pool = { kind: 'pool', schemaVersion: 1, id: '0b0e7c1a-1111-4a2b-8c3d-000000000100', key: 'rush', label: { zh: '抢单', en: 'Rush' }, entity: 'customer', mode: 'manual', cap: 3, members: [{ type: 'team', ref: SALES_A }] };
    expect((await admin.post('/api/definitions', pool)).status).toBe(201);
    const published = await admin.post('/api/definitions/pool/rush/publish', { message: 'rush' });
    expect(published.status, published.text).toBe(200);
    const ids = await seedPool(100, 'rush', 'rush');
    const agents = await makeAgents('rush', 20);
    const shuffled = (seed: number) => ids.map((id, i) => ({ id, k: (i * 7919 + seed * 104729) % 100 })).sort((a, b) => a.k - b.k).map((x) => x.id);
    // Each agent fires 8 claims at once too, so the cap is raced within one agent as well as across agents.
    const attempts = await Promise.all(agents.map((a, n) =>
      Promise.all(shuffled(n).slice(0, 8).map(async (id) => (await a.post('/api/pools/rush/claim', { id })).status))));
    const docs = await rt.app.db.collection('records_customer').find({ _id: { $in: ids as never[] } }).toArray();
    const perOwner = new Map<string, number>();
    for (const d of docs) if (d.ownerId) perOwner.set(d.ownerId, (perOwner.get(d.ownerId) ?? 0) + 1);
    expect(Math.max(...perOwner.values())).toBeLessThanOrEqual(3);
    const successes = attempts.flat().filter((s) => s === 200).length;
    expect(successes).toBe([...perOwner.values()].reduce((a, b) => a + b, 0));
    expect(docs.filter((d) => d.ownerId).every((d) => d.poolKey === null && d.fromPool === 'rush')).toBe(true);
    expect(attempts.flat().every((s) => s === 200 || s === 409)).toBe(true);
    // Over the cap, the refusal says so.
    const full = agents.find((a) => perOwner.get(a.userId) === 3)!;
    const free = docs.find((d) => !d.ownerId)!;
    const refused = await full.post('/api/pools/rush/claim', { id: free._id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'over_cap', message: 'You own 3 customers from this pool, its limit is 3' });
  });
});
