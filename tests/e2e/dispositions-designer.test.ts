import { describe, expect, it } from 'vitest';
import { DispositionsDesignerPage } from './pages/dispositions-designer-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * Call outcomes are definitions: the admin adds a "wrong person" outcome that requires a note to the
 * template's list and publishes it; an outcome key used twice is shown on its row and blocks publishing.
 */
describe('the call outcome designer', () => {
  const admin = useAdminInBuilder();

  it('the admin adds an outcome that requires a note and publishes it', async () => {
    const { page, builder } = admin;
    const outcomes = new DispositionsDesignerPage(page);
    await outcomes.open('default');
    const before = await pageApi(page, 'GET', '/api/definitions/dispositions/default');
    expect(before.status).toBe(200);
    const keysBefore = (before.body.published.outcomes as { key: string }[]).map((o) => o.key);
    expect(await outcomes.outcomeKeys()).toEqual(keysBefore);

    // A key already in the list is reported on the new row and keeps Publish from going ahead.
    await outcomes.addOutcome({ key: keysBefore[0]!, labelZh: '非本人', labelEn: 'Wrong person', requiresNote: true });
    const last = page.getByTestId('outcome-row').last();
    await last.locator('[data-testid="inline-issues"] li[data-path$="/key"]').waitFor();
    expect(Number(await page.getByTestId('issue-summary').getAttribute('data-count'))).toBeGreaterThan(0);

    await last.getByTestId('outcome-key').fill('wrong_person');
    await last.locator('[data-testid="inline-issues"]').waitFor({ state: 'detached' });
    await outcomes.waitSaved();
    expect(await page.getByTestId('issue-summary').getAttribute('data-count')).toBe('0');
    expect(await last.getByTestId('outcome-requiresNote').isChecked()).toBe(true);

    const version = await builder.publish('Wrong person outcome');
    expect(version).toBe(before.body.version + 1);
    // The versions page compares the new version with the one before.
    await page.getByTestId('diff').waitFor();

    const after = await pageApi(page, 'GET', '/api/definitions/dispositions/default');
    expect(after.status).toBe(200);
    expect(after.body.version).toBe(version);
    expect(after.body.draft).toBeNull();
    expect(after.body.published.outcomes.map((o: { key: string }) => o.key)).toEqual([...keysBefore, 'wrong_person']);
    expect(after.body.published.outcomes.at(-1)).toEqual({ key: 'wrong_person', label: { zh: '非本人', en: 'Wrong person' }, requiresNote: true });
  });
});
