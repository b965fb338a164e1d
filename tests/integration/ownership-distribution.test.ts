import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistributeResultJson } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((n) => rt.login(n)));
});
afterAll(async () => rt?.close());

const records = () => rt.app.db.collection('records_customer');

/** Customers waiting in the online-leads pool, written straight to the database. */
async function waiting(n: number, tag: string): Promise<string[]> {
  const now = Date.now();
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: randomUUID(), version: 1, ownerId: null, poolKey: 'online_leads', fromPool: null, ownedSince: null, followedUpAt: null, request: null,
    createdAt: new Date(now + i), createdBy: 'test', updatedAt: new Date(now + i), updatedBy: 'test', deletedAt: null, deletedBy: null,
    values: { name: `${tag} ${i}`, source: 'online' },
  }));
  await records().insertMany(docs as never[]);
  return docs.map((d) => d._id);
}

async function owners(ids: string[]): Promise<Map<string, number>> {
  const docs = await records().find({ _id: { $in: ids as never[] } }).toArray();
  const out = new Map<string, number>();
  for (const d of docs) out.set(d.ownerId ?? 'pool', (out.get(d.ownerId ?? 'pool') ?? 0) + 1);
  return out;
}

describe('automatic distribution from an automatic pool', () => {
  it('deals only to members who are online and receiving, reward tickets first, penalty tickets skip a turn', async () => {
    // Nobody online yet: everything waits, with the reason.
    const early = await waiting(3, 'early');
    const none = await admin.post<DistributeResultJson>('/api/pools/online_leads/distribute');
    expect(none.body).toEqual({ given: 0, undistributed: 3, reason: 'no_eligible_agent' });

    // agent1, agent2 and the lead are online (as the console's heartbeat leaves them); the lead has receiving off.
    // Written directly: the heartbeat itself would deal the waiting customers at once, in the background.
    const now = new Date();
    const status = rt.app.db.collection<{ _id: string }>('agent_status');
    for (const c of [agent1, agent2]) await status.updateOne({ _id: c.userId }, { $set: { lastSeenAt: now } }, { upsert: true });
    await status.updateOne({ _id: lead.userId }, { $set: { lastSeenAt: now, receiving: false } }, { upsert: true });
    await admin.post('/api/tickets', { userId: agent2.userId, kind: 'reward', delta: 2, reason: 'best week' });
    await admin.post('/api/tickets', { userId: agent1.userId, kind: 'penalty', delta: 1, reason: 'wasted leads' });

    const batch = await waiting(10, 'batch');
    const res = await admin.post<DistributeResultJson>('/api/pools/online_leads/distribute');
    expect(res.body).toEqual({ given: 13, undistributed: 0 });
    const dealt = await owners([...early, ...batch]);
    expect(dealt.get(lead.userId)).toBeUndefined();
    // 13 customers: agent2 takes 2 with reward tickets; agent1 loses one turn to the penalty; the rest one each per round.
    expect([dealt.get(agent2.userId), dealt.get(agent1.userId)]).toEqual([2 + 6, 5]);
    const balances = (await admin.get('/api/tickets')).body as Array<{ userId: string; reward: number; penalty: number }>;
    expect(balances.find((b) => b.userId === agent2.userId)).toMatchObject({ reward: 0 });
    expect(balances.find((b) => b.userId === agent1.userId)).toMatchObject({ penalty: 0 });
    const uses = (await admin.get(`/api/tickets/log?userId=${agent2.userId}`)).body;
    expect(uses[0]).toMatchObject({ kind: 'reward', delta: -2, reason: 'distribution: online_leads', by: { id: 'system' } });
  });

  it('logs each hand-out on the record with the reason, and the agents see their new customers', async () => {
    const [id] = await waiting(1, 'logged');
    await admin.post('/api/pools/online_leads/distribute');
    const doc = (await records().findOne({ _id: id as never }))!;
    const owner = [agent1, agent2].find((a) => a.userId === doc.ownerId)!;
    expect(doc).toMatchObject({ poolKey: null, fromPool: 'online_leads' });
    const log = await owner.get(`/api/records/customer/${id}/log`);
    expect(log.body[0]).toMatchObject({ action: 'distribute', by: { id: 'system' }, detail: { reason: 'round', toOwner: expect.any(String) } });
  });

  it('a manual pool cannot be distributed, and only pool admins may distribute', async () => {
    expect((await admin.post('/api/pools/default/distribute')).body.code).toBe('not_auto_pool');
    expect((await agent1.post('/api/pools/online_leads/distribute')).body.code).toBe('not_pool_admin');
  });

  it('records landing in an automatic pool are dealt without anyone asking', async () => {
    const created = await admin.post('/api/records/customer', { values: { name: 'lands', phone: '+8613500000999' } });
    await admin.post('/api/records/customer/batch/move', { ids: [created.body.id], pool: 'online_leads' });
    let doc = null;
    for (let i = 0; i < 50 && !doc?.ownerId; i++) {
      await new Promise((r) => setTimeout(r, 100));
      doc = await records().findOne({ _id: created.body.id });
    }
    expect([agent1.userId, agent2.userId]).toContain(doc?.ownerId);
  });
});
