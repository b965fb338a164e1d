import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BuilderPage } from './pages/builder-page.js';
import { launchBrowser } from './support/browser.js';
import { startProduct } from './support/product.js';

/**
 * Ticket administration in the builder: the admin grants an agent reward tickets with a reason, sees the
 * new balance and the history entry, and is told (not silently refused) when a deduction exceeds the balance.
 */
describe('ticket administration', () => {
  let product: Awaited<ReturnType<typeof startProduct>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    ({ browser, close: closeBrowser } = await launchBrowser());
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await product?.close();
  });

  it('grants reward tickets with a reason, shows the history, refuses an over-deduction', async () => {
    const agent = await product.app.db.collection<{ _id: string; login: string }>('users').findOne({ login: 'agent1' });
    await new BuilderPage(page).login(product.baseUrl, 'admin', 'admin123');
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
