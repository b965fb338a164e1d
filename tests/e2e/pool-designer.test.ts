import { describe, expect, it } from 'vitest';
import { PoolDesignerPage } from './pages/pool-designer-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * Pools are definitions: an admin designs a "Shanghai" pool of customers for team Sales A, dealt
 * automatically with tickets and recycled after 48 hours without follow-up, and publishes it; a broken
 * landing condition is shown where it is typed and keeps the pool from being published.
 */
describe('the pool designer', () => {
  const admin = useAdminInBuilder();

  it('the admin creates and publishes an automatic pool with tickets and a recycle rule', async () => {
    const { page, builder, product } = admin;
    const pools = new PoolDesignerPage(page);
    await pools.createPool({ key: 'shanghai', labelZh: '上海公海', labelEn: 'Shanghai', entity: 'customer' });

    await pools.addPrincipal('members', 'team', 'sales_a');
    await page.locator('[data-testid="pool-members"] [data-testid="principal"][data-type="team"]').waitFor();
    await pools.setMode('auto');
    await pools.setTickets(true);
    await pools.addRule({ after: 48, unit: 'hours' });
    // The domain's default: a recycled customer goes back to "pending follow-up".
    expect(await page.getByTestId('rule-reset-field').inputValue()).toBe('status');
    expect(await page.getByTestId('rule-reset-value').inputValue()).toBe('pending');
    await pools.waitSaved();
    expect(await page.getByTestId('issue-summary').getAttribute('data-count')).toBe('0');

    // The live preview counts what the rule would take back now: nothing yet, no customer came from this pool.
    const preview = page.locator('[data-testid="recycle-preview"]:not([data-state="loading"])');
    await preview.waitFor();
    expect(await preview.getAttribute('data-state')).toBe('ready');
    expect(await preview.getAttribute('data-total')).toBe('0');
    expect(await page.getByTestId('rule-preview-count').getAttribute('data-count')).toBe('0');

    await page.getByTestId('tab-design').waitFor();
    expect(await builder.publish('Shanghai pool for Sales A')).toBe(1);

    const listed = await pageApi(page, 'GET', '/api/definitions?kind=pool');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'shanghai', version: 1, hasDraft: false })]));

    const salesA = await product.app.db.collection('teams').findOne({ key: 'sales_a' });
    const published = await product.app.definitions.getPublished('pool', 'shanghai');
    expect(published).toMatchObject({
      kind: 'pool',
      key: 'shanghai',
      label: { zh: '上海公海', en: 'Shanghai' },
      entity: 'customer',
      mode: 'auto',
      tickets: true,
      members: [{ type: 'team', ref: salesA!._id }],
      recycle: [{ when: 'noFollowUp', after: { value: 48, unit: 'hours' }, resetStatus: { field: 'status', value: 'pending' } }],
    });
    expect((published as { recycle: Array<{ toPool?: string }> }).recycle[0]!.toPool).toBeUndefined();
  });

  it('an invalid JSONata condition is shown under the input and blocks publishing', async () => {
    const { page } = admin;
    const pools = new PoolDesignerPage(page);
    await page.getByTestId('tab-design').click();
    await page.getByTestId('pool-settings').waitFor();
    await pools.setCondition("values.source = 'online' and (");
    const error = page.getByTestId('pool-condition-issues');
    await error.waitFor();
    expect(await error.locator('li').first().getAttribute('data-path')).toBe('/condition');
    expect(await page.getByTestId('pool-condition').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(Number(await page.getByTestId('issue-summary').getAttribute('data-count'))).toBeGreaterThan(0);
    // The runtime would refuse to count for an invalid pool, so the preview says what to do instead.
    await page.locator('[data-testid="recycle-preview"][data-state="blocked"]').waitFor();

    // The draft is kept as typed; the server refuses to publish it too.
    await pools.waitSaved();
    const refused = await pageApi(page, 'POST', '/api/definitions/pool/shanghai/publish', { message: 'broken condition' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_definition', errors: expect.arrayContaining([expect.objectContaining({ path: '/condition' })]) });

    // Fixed, the condition is accepted again.
    await pools.setCondition("values.source = 'online'");
    await error.waitFor({ state: 'detached' });
    await pools.waitSaved();
    expect(await page.getByTestId('publish').isEnabled()).toBe(true);
  });
});
