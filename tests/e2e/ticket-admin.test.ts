import { describe, expect, it } from 'vitest';
import { useAdminInBuilder } from './support/session.js';

/**
 * Ticket administration in the builder: the admin grants an agent reward tickets with a reason, sees the
 * new balance and the history entry, and is told (not silently refused) when a deduction exceeds the balance.
 */
describe('ticket administration', () => {
  const admin = useAdminInBuilder();

  it('grants reward tickets with a reason, shows the history, refuses an over-deduction', async () => {
    const { page, product } = admin;
    const agent = await product.app.db.collection<{ _id: string; login: string }>('users').findOne({ login: 'agent1' });
    await page.getByTestId('nav-tickets').click();
    const row = page.locator(`[data-testid="ticket-row"][data-user="${agent!._id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-reward')).toBe('0');

    await row.getByTestId('ticket-adjust').click();
    const dialog = page.getByTestId('ticket-dialog');
    await dialog.getByTestId('ticket-amount').fill('2');
    // No reason: the form says so and sends nothing.
    await dialog.getByTestId('ticket-save').click();
    await dialog.locator('[data-path="/reason"]').waitFor();
    await dialog.getByTestId('ticket-reason').fill('Best conversion this week');
    await dialog.getByTestId('ticket-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="ticket-row"][data-user="${agent!._id}"][data-reward="2"]`).waitFor();

    await row.getByTestId('ticket-history').click();
    const history = page.getByTestId('ticket-history-dialog');
    const entry = history.getByTestId('ticket-log-row').first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-kind')).toBe('reward');
    expect(await entry.getAttribute('data-delta')).toBe('2');
    expect(await entry.innerText()).toContain('Best conversion this week');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    // Deducting 3 penalty tickets from a balance of 0 is caught before it is sent.
    await row.getByTestId('ticket-adjust').click();
    await dialog.locator('label:has([data-testid="ticket-deduct"])').click();
    await dialog.locator('label:has([data-testid="ticket-kind-penalty"])').click();
    await dialog.getByTestId('ticket-amount').fill('3');
    await dialog.getByTestId('ticket-reason').fill('Wasted leads');
    await dialog.getByTestId('ticket-save').click();
    await dialog.locator('[data-path="/delta"]').waitFor();
    expect(await dialog.isVisible()).toBe(true);
  });
});
