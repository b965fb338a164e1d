import { describe, expect, it } from 'vitest';
import type { DispositionsDefinition } from '@telesales/schemas';
import { DispositionsDesignerPage } from './pages/dispositions-designer-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

type Head = { version: number; published: DispositionsDefinition };

/**
 * The outcome's "next contact" box (`setsField`): the time an outcome asks for is also written into that
 * date-and-time field of the called record. The admin gives a new outcome the template customer's next_contact
 * field and publishes it; on the way, a key that is no key, a field set without asking for the time, and a field
 * that is not a date-and-time field of any callable object are each refused, saying where.
 */
describe('the outcome designer\'s next-contact field', () => {
  const admin = useAdminInBuilder();

  it('a malformed key and a field without a contact plan are shown on the row and keep Publish disabled', async () => {
    const { page } = admin;
    const outcomes = new DispositionsDesignerPage(page);
    await outcomes.open('default');
    await outcomes.addOutcome({ key: 'call_later', labelZh: '稍后再打', labelEn: 'Call later', asksContactPlan: true });
    const row = page.getByTestId('outcome-row').last();
    const box = row.getByTestId('outcome-setsField');
    // the box appears once the outcome asks for a contact time
    await box.waitFor();

    await box.fill('Next Contact');
    await row.locator('[data-testid="inline-issues"] li[data-path$="/setsField"]').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);

    await box.fill('next_contact');
    await row.getByTestId('outcome-asksContactPlan').setChecked(false);
    // the box stays while it holds a field, so the problem can be seen and fixed where it is
    const needsPlan = row.locator('[data-testid="inline-issues"] li[data-path$="/setsField"]');
    await needsPlan.waitFor();
    expect(await needsPlan.textContent()).toContain('only an outcome that asks for the next contact\'s time can set field "next_contact"');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);

    await row.getByTestId('outcome-asksContactPlan').setChecked(true);
    await row.locator('[data-testid="inline-issues"]').waitFor({ state: 'detached' });
    await outcomes.waitSaved();
    expect(await page.getByTestId('issue-summary').getAttribute('data-count')).toBe('0');
  });

  it('a field that is no date-and-time field of a callable object is refused at publishing, on the outcome', async () => {
    const { page, builder } = admin;
    const row = page.getByTestId('outcome-row').last();
    // `name` is the customer's text field: the next contact's time could not be written there
    await row.getByTestId('outcome-setsField').fill('name');
    await new DispositionsDesignerPage(page).waitSaved();
    const refused = await builder.publish('Call later outcome').then(() => '', (e: Error) => e.message);
    expect(refused).toContain('No object with phone numbers has a date-and-time field "name"');
    const dialog = page.getByTestId('publish-dialog');
    const index = (await pageApi<Head>(page, 'GET', '/api/definitions/dispositions/default')).body.published.outcomes.length;
    expect(await dialog.locator(`[data-testid="publish-error"] li[data-path="/outcomes/${index}/setsField"]`).count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('with next_contact the outcome publishes, and the published definition carries the field', async () => {
    const { page, builder } = admin;
    const before = await pageApi<Head>(page, 'GET', '/api/definitions/dispositions/default');
    const row = page.getByTestId('outcome-row').last();
    await row.getByTestId('outcome-setsField').fill('next_contact');
    await new DispositionsDesignerPage(page).waitSaved();
    const version = await builder.publish('Call later outcome');
    expect(version).toBe(before.body.version + 1);

    const after = await pageApi<Head>(page, 'GET', '/api/definitions/dispositions/default');
    expect(after.body.version).toBe(version);
    expect(after.body.published.outcomes.at(-1)).toEqual({
      key: 'call_later', label: { zh: '稍后再打', en: 'Call later' }, asksContactPlan: true, setsField: 'next_contact',
    });
  });
});
