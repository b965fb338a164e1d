import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignDesignerPage } from './pages/campaign-designer-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * The outbound task designer: the admin creates a task, gives it agents, windows, caller numbers, a script with a
 * field token, the outcomes it offers and rules; a window that ends before it starts (and one that overlaps) shows
 * under its weekday and keeps Publish from going ahead; fixed, the task publishes as the definition it shows.
 * SHOTS=<dir> also saves a screenshot of the designer in each language.
 */
describe('the outbound task designer', () => {
  const admin = useAdminInBuilder();

  it('the admin designs a task; an invalid window shows its error and blocks publish; fixed, it publishes', async () => {
    const { page, builder } = admin;
    const tasks = new CampaignDesignerPage(page);
    await page.getByTestId('language-switch').selectOption('en');
    await tasks.create('renewal_e2e', '续保回访', 'Renewal calls');

    await tasks.setMode('predictive');
    await page.getByTestId('campaign-maxConcurrent').fill('12');
    await page.getByTestId('campaign-abandonTarget').fill('2.5');
    await page.getByTestId('campaign-callerNumbers').fill('+861088886666, +861088886667');
    await tasks.addAgent('team', 'sales_a');
    await tasks.addAgent('role', 'agent');
    await page.getByTestId('campaign-add-column').click();
    await page.getByTestId('campaign-column-name').fill('姓名');
    await page.getByTestId('campaign-column-field').selectOption('name');

    // The script: typed text, then a field token put where the cursor is.
    await page.locator('[data-testid="campaign-script"] label:has([data-testid="campaign-script-lang-zh"])').click();
    const script = page.getByTestId('campaign-script-zh');
    await script.fill('您好，');
    await script.press('End');
    await page.getByTestId('campaign-script-token').selectOption('{{name}}');
    await expect.poll(() => script.inputValue()).toBe('您好，{{name}}');

    await page.getByTestId('campaign-dispositions').selectOption('default');
    await page.getByTestId('campaign-offer-callback').check();
    await page.getByTestId('campaign-offer-not_interested').check();
    await tasks.addRule('line:busy', 'retry', { after: 45, upTo: 3 });
    await tasks.addRule('agent:callback', 'callback');

    // A window that ends before it starts, and on another day two that overlap: each under its day.
    await tasks.setWindows('sat', '18:00-09:00');
    await tasks.setWindows('mon', '09:00-12:00, 11:00-13:00');
    await expect.poll(() => tasks.dayIssues('sat').innerText()).toBe('must be later than the start time');
    await expect.poll(() => tasks.dayIssues('mon').innerText()).toBe('overlaps the window 09:00-12:00');
    await expect.poll(() => tasks.issueCount()).toBe(2);
    await builder.waitSaved();
    await page.getByTestId('issue-summary').locator('button').first().click();
    if (process.env.SHOTS) {
      for (const lang of ['en', 'zh'] as const) {
        await page.getByTestId('language-switch').selectOption(lang);
        await page.screenshot({ path: join(process.env.SHOTS, `campaign-designer-${lang}.png`) });
      }
      await page.getByTestId('language-switch').selectOption('en');
    }

    // Publishing is refused while the problems are there.
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    const refused = await pageApi(page, 'POST', '/api/definitions/campaign/renewal_e2e/publish', { message: 'too early' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/schedule/week/mon/1', '/schedule/week/sat/0']);

    await tasks.setWindows('sat', '09:00-18:00');
    await tasks.setWindows('mon', '09:00-12:00, 13:00-18:00');
    await tasks.dayIssues('sat').waitFor({ state: 'detached' });
    await expect.poll(() => tasks.issueCount()).toBe(0);
    await builder.waitSaved();
    expect(await builder.publish('Renewal calls, first version')).toBe(1);

    const after = await pageApi(page, 'GET', '/api/definitions/campaign/renewal_e2e');
    const published = after.body.published;
    expect(published).toMatchObject({
      dialMode: 'predictive', maxConcurrent: 12, abandonTarget: 2.5,
      callerNumbers: { numbers: ['+861088886666', '+861088886667'] },
      columns: [{ column: '姓名', field: 'name' }],
      script: { zh: '您好，{{name}}' },
      dispositions: { definition: 'default', offered: ['callback', 'not_interested'] },
      schedule: { timeZone: 'Asia/Shanghai', week: { mon: ['09:00-12:00', '13:00-18:00'], sat: ['09:00-18:00'] } },
    });
    expect(published.agents.map((a: { type: string }) => a.type)).toEqual(['team', 'role']);
    expect(published.rules.map(({ id: _, ...r }: { id: string }) => r)).toEqual([
      { outcome: 'busy', action: 'retry', retryAfterMinutes: 45, maxAttempts: 3 },
      { disposition: 'callback', action: 'callback' },
    ]);
  });
});
