import { describe, expect, it } from 'vitest';
import { BuilderPage } from './pages/builder-page.js';
import { ConsolePage } from './pages/console-page.js';
import { useSession } from './support/session.js';

/**
 * Roles are definitions too: an admin designs a read-only "intern" role in the builder, publishes it and
 * gives it to a new person, who can then read customers in the console but not create them.
 */
describe('a read-only role, designed in the builder and used in the console', () => {
  const session = useSession();

  it('the admin creates and publishes the role, then a user with it', async () => {
    const { browser, product } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const builder = new BuilderPage(page);
    await builder.login(product.baseUrl, 'admin', 'admin123');
    await builder.createRole('intern', '实习生', 'Intern');
    await builder.setPermission('*', 'read', true);
    expect(await builder.publish('Interns read customers')).toBe(1);
    const role = await product.app.definitions.getPublished('role', 'intern');
    expect(role).toMatchObject({ key: 'intern', entities: { '*': { read: true } } });
    expect((role as { entities: Record<string, { create?: boolean }> }).entities['*']!.create ?? false).toBe(false);

    await builder.createUser({ login: 'intern1', name: 'Intern One', password: 'intern-pass-1', role: 'intern', team: 'sales_a' });
    expect(await product.app.db.collection('users').findOne({ login: 'intern1' })).toMatchObject({ role: 'intern' });
    await page.close();
  });

  it('the intern reads customers in the console but is refused a create by the server', async () => {
    const { browser, product } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const console = new ConsolePage(page);
    await console.login(product.baseUrl, 'intern1', 'intern-pass-1');
    await console.openList('customer');
    expect(await page.getByTestId('nav-customer').count()).toBe(1);
    const create = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch('/api/records/customer', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ values: { name: 'Nope', phone: '13911112222', status: 'pending' } }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(create).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    await page.close();
  });
});
