import { describe, expect, it } from 'vitest';
import { BuilderPage } from './pages/builder-page.js';
import { useSession } from './support/session.js';

/**
 * A phone no one can dial is refused in the new-customer form before anything is sent, in the agent's
 * language; an admin who marks the field lenient in the builder (internal lines, extensions) lets it in.
 */
describe('an undiallable phone in the new-customer form', () => {
  const session = useSession();

  it('typing 67890 shows "Invalid number" under the phone, and Save sends nothing; in Chinese too', async () => {
    const agent = await session.consoleAs('agent1', 'agent123');
    await agent.openNew('customer');
    await agent.fill('name', '钱错号');
    await agent.fill('phone', '67890');
    expect(await agent.fieldError('phone')).toBe('Invalid number: not a number that can be dialled in CN (a foreign number starts with + and its country code)');
    expect((await agent.save()).status).toBeNull();

    await agent.fill('phone', '139 1234 5601');
    expect(await agent.fieldError('phone')).toBeNull();

    await agent.setLanguage('zh');
    await agent.openNew('customer');
    await agent.fill('phone', '67890');
    expect(await agent.fieldError('phone')).toMatch(/^号码无效/);
    expect(await session.product.app.db.collection('records_customer').countDocuments({ 'values.name': '钱错号' })).toBe(0);
  });

  it('once the admin ticks "lenient" on the phone field and publishes, 67890 is kept', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const builder = new BuilderPage(page);
    await builder.login(session.product.baseUrl, 'admin', 'admin123');
    await builder.openEntity('customer');
    await page.getByTestId('field-row-phone').click();
    await page.locator('[data-testid="field-panel"][data-key="phone"]').getByTestId('field-lenient').check();
    await builder.waitSaved();
    await builder.publish('Internal lines are phones too');
    const published = await session.product.app.definitions.getPublishedEntity('customer');
    expect(published!.fields.find((f) => f.key === 'phone')).toMatchObject({ lenient: true });
    await page.close();

    const agent = await session.consoleAs('agent1', 'agent123');
    await agent.openNew('customer');
    await agent.fill('name', '内线');
    await agent.fill('phone', '67890');
    expect(await agent.fieldError('phone')).toBeNull();
    expect((await agent.save()).status).toBe(201);
  });
});
