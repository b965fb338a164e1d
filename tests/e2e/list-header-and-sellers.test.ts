import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';

/**
 * The supervisor's customer list says how many customers the list holds and how many of them are theirs, in
 * the same noun ("33 customers · 9 mine", not "33 records · 9 customers"); the admin's assign-to-agent list
 * names the sellers only, not the admin.
 */
describe('the list header and the assign-to-agent list', () => {
  const { consoleAs } = useSession();

  it('the supervisor reads the count in the entity\'s noun, and their own share as theirs', async () => {
    const lead = await consoleAs('lead', 'lead123');
    await lead.openList('customer');
    const count = lead.page.getByTestId('list-count');
    expect((await count.textContent())?.trim()).toMatch(/^\d+ customers$/);
    expect((await lead.page.getByTestId('cap').textContent())?.trim()).toMatch(/^\d+ mine$/);
    await lead.setLanguage('zh');
    await expect.poll(async () => (await count.textContent())?.trim()).toMatch(/^共 \d+ 个客户$/);
    expect((await lead.page.getByTestId('cap').textContent())?.trim()).toMatch(/^我名下 \d+ 个$/);
  }, 60_000);

  it('assign to agent offers the sellers, not the admin', async () => {
    const admin = await consoleAs('admin', 'admin123');
    await admin.openList('customer');
    await admin.page.locator('[data-testid^=select-]:not([data-testid=select-all])').first().check();
    const owner = admin.page.getByTestId('batch-owner');
    await expect.poll(async () => owner.locator('option').count()).toBeGreaterThan(1);
    const logins = (await owner.locator('option').allTextContents()).slice(1).map((t) => /\((\w+)\)$/.exec(t.trim())?.[1]);
    expect(logins.sort()).toEqual(['agent1', 'agent2', 'lead']);
  }, 60_000);
});
