import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketBalanceJson } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

// Sellers are the people records are given to and who hold distribution tickets: the workspace's admin is
// not one of them (runtime/src/ownership/sellers.ts), the supervisor and the agents are.
let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((n) => rt.login(n)));
});
afterAll(async () => {
  await rt?.close();
});

describe('who sells', () => {
  it('the assign-to-agent list names the sellers of the entity, not the admin', async () => {
    const res = await admin.get<Array<{ id: string; login: string }>>('/api/records/customer/sellers');
    expect(res.status).toBe(200);
    expect(res.body.map((u) => u.login).sort()).toEqual(['agent1', 'agent2', 'lead']);
  });

  it('the tickets page lists the sellers only, and the admin gets no tickets', async () => {
    const balances = (await admin.get<TicketBalanceJson[]>('/api/tickets')).body;
    expect(balances.map((b) => b.userId).sort()).toEqual([agent1.userId, agent2.userId, lead.userId].sort());
    const refused = await admin.post('/api/tickets', { userId: admin.userId, kind: 'reward', delta: 1, reason: 'not a seller' });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('user_not_found');
  });

  it('an unknown entity has no sellers to list', async () => {
    expect((await admin.get('/api/records/nothing/sellers')).status).toBe(404);
  });
});
