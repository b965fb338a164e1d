import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

/** Teams form a tree; a supervisor's "team" scope covers their team and every team below it. */
describe('teams and the supervisor scope', () => {
  let fx: RuntimeFixture;
  let admin: ApiClient;
  let lead: ApiClient;
  let teams: Record<string, { id: string; parentId: string | null }>;

  beforeAll(async () => {
    fx = await startRuntime();
    admin = await fx.login('admin');
    lead = await fx.login('lead');
    teams = Object.fromEntries((await admin.get('/api/teams')).body.map((t: any) => [t.key, t]));
  });
  afterAll(() => fx.close());

  it('a supervisor sees records of a team below theirs, and no longer once it is moved away', async () => {
    const sub = await admin.post('/api/teams', { key: 'sales_a1', name: { zh: '一组一班', en: 'Sales A1' }, parentId: teams.sales_a!.id });
    expect(sub.status).toBe(201);
    const user = await admin.post('/api/users', { login: 'agent3', name: 'Agent Three', password: 'agent3-pass', role: 'agent', teamId: sub.body.id });
    expect(user.status).toBe(201);
    const agent3 = await fx.login('agent3', 'agent3-pass');
    const created = await agent3.post('/api/records/customer', { values: { name: 'Sub-team customer', phone: '13900001111', status: 'pending' } });
    expect(created.status).toBe(201);

    expect((await lead.get(`/api/records/customer/${created.body.id}`)).status).toBe(200);

    const moved = await admin.patch(`/api/teams/${sub.body.id}`, { parentId: null });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBeNull();
    expect((await lead.get(`/api/records/customer/${created.body.id}`)).status).toBe(404);
  });

  it('refuses to move a team under itself or below it, and unknown parents', async () => {
    const cycle = await admin.patch(`/api/teams/${teams.sales!.id}`, { parentId: teams.sales_a!.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({ code: 'invalid_team', errors: [{ path: '/body/parentId', code: 'cycle' }] });
    const unknown = await admin.post('/api/teams', { key: 'ghost', name: { zh: '幽灵', en: 'Ghost' }, parentId: 'nope' });
    expect(unknown.status).toBe(400);
    expect((await admin.get('/api/teams')).body.map((t: any) => t.key)).not.toContain('ghost');
  });

  it('only people who manage users may change teams', async () => {
    const res = await lead.post('/api/teams', { key: 'rogue', name: { zh: '流氓', en: 'Rogue' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});
