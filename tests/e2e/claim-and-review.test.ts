import { describe, expect, it } from 'vitest';
import type { RecordPage } from '@telesales/schemas';
import { ConsolePage } from './pages/console-page.js';
import { useSession } from './support/session.js';

/**
 * The heart of a telesales floor: agent A claims a customer from the default pool, agent B (in another
 * browser) can no longer take it, A asks for "invalid" with a reason, the supervisor approves in the
 * review list, and the customer waits in the invalid pool, with every step in its operation log.
 */
describe('claim from a pool, request "invalid", supervisor approves', () => {
  const { consoleAs } = useSession();

  let agentA: ConsolePage;
  let agentB: ConsolePage;
  let customerId = '';
  let customerName = '';
  const reason = 'Number is out of service (checked twice)';

  it('agent A claims a customer from the default pool; agent B, too late, gets the server\'s refusal', async () => {
    agentA = await consoleAs('agent1', 'agent123');
    agentB = await consoleAs('agent2', 'agent123');

    // both agents look at the default pool at the same time
    for (const agent of [agentA, agentB]) {
      await agent.openList('customer');
      await agent.openTab('pool:default');
    }
    const ids = await agentA.rowIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(await agentB.rowIds()).toEqual(ids);
    customerId = ids[0]!;
    const pooled = await agentA.api<RecordPage>('GET', '/api/pools/default/records?pageSize=200');
    const record = pooled.body.items.find((r) => r.id === customerId)!;
    customerName = String(record.values.name);
    // nobody owns a pooled customer, so its phone is masked even in the pool list
    expect(record.masked).toContain('phone');

    const claimed = await agentA.claim(customerId);
    expect(claimed).toEqual({ ok: true, message: `"${customerName}" is now yours.` });
    expect(await agentA.rowIds()).not.toContain(customerId);

    // B still has the stale row on screen: the claim is refused with the server's sentence, and the row goes
    const late = await agentB.claim(customerId);
    expect(late.ok).toBe(false);
    expect(late.message).toMatch(/taken/i);
    expect(await agentB.rowIds()).not.toContain(customerId);

    // a fresh look at the pool does not show it either, and the API agrees
    await agentB.reload();
    await agentB.openTab('pool:default');
    expect(await agentB.rowIds()).not.toContain(customerId);
    const direct = await agentB.api<{ code: string }>('POST', '/api/pools/default/claim', { id: customerId });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('already_taken');
  });

  it('A sees the customer under "Mine" with its cap, then asks for "invalid" with a reason', async () => {
    await agentA.openTab('mine');
    expect(await agentA.rowIds()).toContain(customerId);
    expect(await agentA.page.getByTestId('cap').textContent()).toMatch(/^\s*\d+ \/ 100 customers\s*$/);

    await agentA.openRecord('customer', customerId);
    expect(await agentA.title()).toBe(customerName);
    const banner = await agentA.requestReview('invalid', reason);
    expect(banner).toContain('Invalid requested by 李娜 Li Na');
    expect(banner).toContain(reason);
    // one pending request at a time
    expect(await agentA.page.getByTestId('request-open').isDisabled()).toBe(true);
    // the customer stays with A until a supervisor decides
    const mine = await agentA.api<{ ownerName: string; request?: { type: string } }>('GET', `/api/records/customer/${customerId}`);
    expect(mine.body).toMatchObject({ ownerName: '李娜 Li Na', request: { type: 'invalid' } });
  });

  it('the supervisor approves in the review list; the customer is in the invalid pool', async () => {
    const lead = await consoleAs('lead', 'lead123');
    await lead.openWorkbench();
    await expect.poll(async () => lead.page.getByTestId('pending-reviews').textContent()).toBe('1');

    await lead.openReviews();
    const row = await lead.reviewText(customerId);
    expect(row).toContain(customerName);
    expect(row).toContain('Invalid');
    expect(row).toContain(reason);
    expect(row).toContain('李娜 Li Na');

    expect(await lead.decideReview(customerId, true, 'Confirmed: dead number')).toBe(`Approved: "${customerName}" moved to its pool.`);
    await lead.page.getByTestId('reviews-page').getByTestId('state-empty').waitFor();

    // the supervisor is a member of the invalid pool: the customer waits there now
    await lead.openList('customer');
    await lead.openTab('pool:invalid');
    expect(await lead.rowIds()).toContain(customerId);
    const invalid = await lead.api<RecordPage>('GET', '/api/pools/invalid/records?pageSize=200');
    expect(invalid.body.items.map((r) => r.id)).toContain(customerId);
    expect(invalid.body.items.find((r) => r.id === customerId)).toMatchObject({ ownerId: null, pool: 'invalid' });

    // and A no longer owns it
    const gone = await agentA.api('GET', `/api/records/customer/${customerId}`);
    expect(gone.status).toBe(404);
  });

  it('the operation log tells the story: claimed, requested, approved, with owners, pools and reasons', async () => {
    const admin = await consoleAs('admin', 'admin123');
    await admin.openRecord('customer', customerId);
    await admin.openLog();
    const log = await admin.logDetails();
    expect(log.slice(0, 3).map((e) => e.action)).toEqual(['approve', 'request', 'claim']);
    const [approve, request, claim] = log;
    expect(approve!.detail).toContain('李娜 Li Na');
    expect(approve!.detail).toContain('Invalid pool');
    expect(approve!.detail).toContain('Confirmed: dead number');
    expect(request!.detail).toContain(reason);
    expect(claim!.detail).toContain('Default pool');
    expect(claim!.detail).toContain('李娜 Li Na');
    const actions = await admin.page.getByTestId('log-action').allTextContents();
    expect(actions.slice(0, 3)).toEqual(['Request approved', 'Requested review', 'Claimed']);
  });
});
