// The Content-Security-Policy the server sends must not break the apps it protects: the console (SvelteKit,
// started by an inline script allowed by its hash) and the builder (React, React Flow) load and work in
// Chromium with no CSP violation reported, and so does the API documentation page. The import wizard's
// encoding choice (a Latin-1 file the server can only guess) is driven here too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { BuilderPage } from '../e2e/pages/builder-page.js';
import { ConsolePage } from '../e2e/pages/console-page.js';
import { ImportPage } from '../e2e/pages/import-page.js';
import { useSession, VIEWPORT } from '../e2e/support/session.js';

/**
 * A page that records every CSP violation: the browser's console errors and the document's
 * securitypolicyviolation events (the listener is installed by the browser, so the CSP does not block it).
 */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; violations(): Promise<string[]> }> {
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) logged.push(m.text()); });
  return {
    page,
    async violations() {
      const events = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp).catch(() => []);
      return [...logged, ...events];
    },
  };
}

describe('the apps under their Content-Security-Policy', () => {
  let dir = '';
  const session = useSession({
    beforeStart: async () => { dir = await mkdtemp(join(tmpdir(), 'e2e-csp-')); },
    afterClose: async () => { if (dir) await rm(dir, { recursive: true, force: true }); },
  });

  it('the console: sign-in, a list, a record card and the import wizard’s encoding choice', async () => {
    const context = await session.browser.newContext({ viewport: VIEWPORT });
    const { page, violations } = await watchedPage(context);
    const response = await page.goto(`${session.product.baseUrl}/console/login`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const console = new ConsolePage(page);
    await console.login(session.product.baseUrl, 'admin', 'admin123');
    await console.setLanguage('en');
    await console.openList('customer');
    const [first] = await console.rowIds();
    expect(first).toBeTruthy();
    await console.openRecord('customer', first!);

    const file = join(dir, 'latin1.csv');
    await writeFile(file, Buffer.from('Name;Mobile\nJosé Müller;13912340011\n', 'latin1'));
    const wizard = new ImportPage(page);
    await wizard.open();
    await wizard.upload(file, 'customer');
    const choice = page.getByTestId('import-encoding-select');
    await choice.waitFor();
    expect(await choice.inputValue()).toBe('windows-1252');
    await page.getByTestId('import-mapping').getByText('José Müller').waitFor();
    // Another pick reads the file again with that encoding.
    await choice.selectOption('iso-8859-2');
    await page.locator('p.muted', { hasText: '(iso-8859-2)' }).waitFor();
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('the builder: sign-in, an entity and a call flow on its canvas', async () => {
    const context = await session.browser.newContext({ viewport: VIEWPORT });
    const { page, violations } = await watchedPage(context);
    const builder = new BuilderPage(page);
    await builder.login(session.product.baseUrl, 'admin', 'admin123');
    await builder.openEntity('customer');
    await page.getByTestId('nav-flows').click();
    await page.getByTestId('open-flow-inbound').click();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('the API documentation page', async () => {
    const context = await session.browser.newContext({ viewport: VIEWPORT });
    const { page, violations } = await watchedPage(context);
    // The docs need a session: sign in through the API in this context (its cookie jar is the page's).
    const signedIn = await context.request.post(`${session.product.baseUrl}/api/auth/login`, { data: { login: 'admin', password: 'admin123' } });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${session.product.baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await violations()).toEqual([]);
    // The watch sees a violation when there is one: an injected inline script is refused.
    await page.addScriptTag({ content: 'window.injected = true' }).catch(() => undefined);
    await expect.poll(violations).not.toEqual([]);
    await context.close();
  });
});
