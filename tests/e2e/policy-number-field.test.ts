import { beforeAll, describe, expect, it } from 'vitest';
import { BuilderPage } from './pages/builder-page.js';
import { ConsolePage } from './pages/console-page.js';
import { useSession } from './support/session.js';

/**
 * The foundation's loop end to end, in a real browser: an admin designs a field in the builder and
 * publishes; an agent sees it in the console at once, is held to its pattern, saves; the value and the
 * operation log survive a reload; another agent cannot open that customer.
 */
describe('a new required "policy number" field, from the builder to the console', () => {
  const session = useSession();
  let customer: { id: string; name: string };

  beforeAll(async () => {
    const { product } = session;
    const agent1 = await product.app.db.collection('users').findOne({ login: 'agent1' });
    const doc = await product.app.db.collection<{ _id: string; values: { name: string } }>('records_customer')
      .findOne({ ownerId: agent1!._id }, { sort: { _id: 1 } });
    customer = { id: doc!._id, name: doc!.values.name };
  });

  it('the admin adds the field with a pattern and publishes version 2', async () => {
    const { browser, product } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const builder = new BuilderPage(page);
    await builder.login(product.baseUrl, 'admin', 'admin123');
    await builder.openEntity('customer');
    await builder.addField({
      key: 'policy_no', labelZh: '保单号', labelEn: 'Policy number', type: 'text', required: true,
      pattern: '^P\\d{8}$', patternMessageZh: '保单号为 P 加 8 位数字', patternMessageEn: 'A policy number is P and 8 digits',
      section: 'insurance',
    });
    const version = await builder.publish('Add the policy number');
    expect(version).toBe(2);
    const versions = await builder.versions();
    expect(versions[0]).toMatchObject({ version: 2, message: 'Add the policy number' });
    const published = await product.app.definitions.getPublishedEntity('customer');
    expect(published!.fields.find((f) => f.key === 'policy_no')).toMatchObject({ required: true, pattern: '^P\\d{8}$' });
    await page.close();
  });

  it('agent1 sees the field, is held to the pattern, saves, and finds value and log after a reload', async () => {
    const { browser, product } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const console = new ConsolePage(page);
    await console.login(product.baseUrl, 'agent1', 'agent123');
    await console.setLanguage('en');
    await console.openList('customer');
    await console.search(customer.name);
    await console.openRecordByTitle(customer.name);
    expect(console.recordId()).toBe(customer.id);
    expect(await console.title()).toContain(customer.name);

    await console.fill('policy_no', 'X123');
    expect(await console.fieldError('policy_no')).toBe('A policy number is P and 8 digits');
    const refused = await console.save();
    expect(refused.status).toBeNull();
    const stored = await product.app.db.collection('records_customer').findOne({ _id: customer.id as never });
    expect(stored!.values.policy_no).toBeUndefined();

    await console.fill('policy_no', 'P20261123');
    expect(await console.fieldError('policy_no')).toBeNull();
    const saved = await console.save();
    expect(saved.status).toBe(200);

    await console.reload();
    expect(await console.value('policy_no')).toBe('P20261123');
    await console.openLog();
    const [latest] = await console.logEntries();
    expect(latest!.action).toBe('update');
    expect(latest!.who).toContain('Li Na');
    expect(latest!.changes).toContainEqual({ field: 'Policy number', before: expect.any(String), after: 'P20261123' });
    await page.close();
  });

  it('agent2 cannot open agent1\'s customer', async () => {
    const { browser, product } = session;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const console = new ConsolePage(page);
    await console.login(product.baseUrl, 'agent2', 'agent123');
    await console.openRecord('customer', customer.id);
    expect(await console.isNotFound()).toBe(true);
    expect(await page.content()).not.toContain(customer.name);
    await page.close();
  });
});
