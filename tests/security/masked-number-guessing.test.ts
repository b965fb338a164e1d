// Guessing a masked number: a reader who may see a customer but not its number must not be able to test
// guessed numbers against it at any useful rate (quick search, filters, sort, duplicate answers), while
// the owner still finds their own customer by the caller's full number and admins hear of the attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { demoOf } from '../integration/records-support.js';

/** The runtime's hourly budget of masked-value checks per person (runtime/src/records/masked-checks.ts). */
const BUDGET = 60;

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
/** A demo customer without owner: it waits in the default pool, where agent2 (Sales A) sees it masked. */
const pooled = demoOf(undefined)[0]!;
const mine = demoOf('agent1')[0]!;

/** `count` wrong guesses in the pooled number's own prefix, with the right number at `rightAt`. */
function guesses(count: number, rightAt: number): string[] {
  const right = String(pooled.values.phone);
  const out = Array.from({ length: count }, (_, i) => `${right.slice(0, 7)}${String(i).padStart(4, '0')}`).filter((g) => g !== right);
  out.splice(rightAt, 0, right);
  return out.slice(0, count);
}

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((u, i) => rt.login(u, undefined, { address: `10.0.3.${i + 1}` })));
});
afterAll(async () => rt?.close());

describe('guessing a masked number', () => {
  it('the owner finds their own customer by the full number (the answer stays masked)', async () => {
    const res = await agent1.get(`/api/records/customer?q=${mine.values.phone}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    expect(res.text).not.toContain(String(mine.values.phone).slice(0, 7));
  });

  it('a supervisor who sees the team\'s customers masked cannot confirm a number by searching it', async () => {
    const res = await lead.get(`/api/records/customer?q=${mine.values.phone}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('a pool member\'s guesses never match, and stop with 429 once the hourly budget is spent', async () => {
    const statuses: number[] = [];
    for (const guess of guesses(BUDGET + 5, 5)) {
      const res = await agent2.get(`/api/pools/default/records?q=${guess}`);
      statuses.push(res.status);
      if (res.status === 200) expect(res.body.items.map((r: { id: string }) => r.id)).not.toContain(pooled.id);
    }
    expect(statuses.slice(0, BUDGET).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(BUDGET).every((s) => s === 429)).toBe(true);
    const refused = await agent2.get(`/api/records/customer?q=${pooled.values.phone}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'masked_check_limit' });
  });

  it('past the budget, a create with the guessed number answers 429, not "duplicate"', async () => {
    const res = await agent2.post('/api/records/customer', { values: { name: 'Guess', phone: String(pooled.values.phone) } });
    expect(res.status).toBe(429);
    expect(res.text).not.toContain('duplicate');
  });

  it('admins see an alert naming who guessed (never the numbers); others may not read alerts', async () => {
    const alerts = await admin.get('/api/security-alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body).toEqual([expect.objectContaining({ kind: 'masked_guessing', user: expect.objectContaining({ login: 'agent2' }), entity: 'customer', limit: BUDGET })]);
    expect(alerts.text).not.toContain(String(pooled.values.phone).slice(-4));
    expect((await agent2.get('/api/security-alerts')).status).toBe(403);
  });

  it('filters and sort on a masked field refuse every comparison (eq, in, startsWith, contains, ne, nin)', async () => {
    const phone = String(pooled.values.phone);
    const ops: [string, unknown][] = [['eq', phone], ['in', [phone]], ['startsWith', phone.slice(0, 5)], ['contains', phone.slice(-4)], ['ne', phone], ['nin', [phone]]];
    for (const [op, value] of ops) {
      const filter = encodeURIComponent(JSON.stringify({ field: 'phone', op, value }));
      const res = await lead.get(`/api/records/customer?filter=${filter}`);
      expect(res.status, op).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: '/filter/op', code: 'masked_field' });
    }
    expect((await lead.get('/api/records/customer?sort=phone')).status).toBe(400);
    expect((await lead.post('/api/records/customer/query', { sort: '-phone' })).status).toBe(400);
  });
});
