import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_BUILTIN_TOKENS, fieldToken, type CallJson, type RecordJson } from '@telesales/schemas';
import type { Page } from 'playwright-core';
import { BuilderPage } from './pages/builder-page.js';
import { FlowDesignerPage } from './pages/flow-designer-page.js';
import type { ConsolePage } from './pages/console-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { VIEWPORT, useSession } from './support/session.js';
import {
  builderCatalogue, consoleCatalogue, foreignTexts, settle, shownTexts, templateData, type LanguageCheck, type UiLanguage,
} from './support/ui-texts.js';

/**
 * Words the Chinese UI shows in Latin letters on purpose, each with its reason. A word here is allowed
 * anywhere in the zh UI, so keep it to names of things that have no Chinese name.
 */
const LATIN_ALLOWED: Record<string, string> = {
  CSV: 'a file format',
  XLSX: 'a file format',
  JSON: 'a data format (the report designer\'s JSON tab); Chinese says JSON too',
  MB: 'the unit of a file size',
  CNY: 'a currency shows as its ISO code',
  Ctrl: 'a key on the keyboard, as printed on it',
  Shift: 'a key on the keyboard, as printed on it',
  Del: 'a key on the keyboard, as printed on it',
  Aa: 'the icon of the text field type',
  HTTP: 'the protocol; Chinese says HTTP too',
  Web: 'Chinese says Web 服务 too',
  IVR: 'the industry name of a voice menu',
  JSONata: 'the expression language',
  v: 'version badges (v1, v2), and the V of Ctrl+C/V',
  IANA: 'the time-zone database, named so in Chinese too (IANA 时区)',
  HH: 'how a time is typed (HH:MM)',
  MM: 'how a time is typed (HH:MM)',
  YYYY: 'how a date is typed (YYYY-MM-DD)',
  DD: 'how a date is typed (YYYY-MM-DD)',
  Markdown: 'the text format, which has no Chinese name',
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY_NUMBER = '4008001234';

/**
 * Issue 13: a page in one UI language shows no word of the other. Every console page (as an agent, a
 * supervisor and an admin) and every builder page (as the admin), with the main dialogs open, in Chinese and
 * then in English; data (customer names, labels from definitions) is cut out before the check.
 */
describe('every page speaks the chosen UI language only', () => {
  const session = useSession({ afterStart: useOpenHoursClock });
  const catalogues = {} as Record<'console' | 'builder', Record<UiLanguage, string[]>>;
  // what the test itself types is data too
  const NOTE = '想要家庭保单报价';
  const NEW_OPTION = { value: 'extra', label: { zh: '其他', en: 'Other' } };
  // an outbound task's built-in script tokens are syntax typed into a script, like field keys (schemas' script-tokens.ts)
  const data = { console: [...templateData(), NOTE], builder: [...templateData('insurance', true), NEW_OPTION.value, NEW_OPTION.label.zh, NEW_OPTION.label.en, ...SCRIPT_BUILTIN_TOKENS.map(fieldToken)] };
  let customerId = '';
  let callId = '';

  beforeAll(async () => {
    catalogues.console = { zh: consoleCatalogue('zh'), en: consoleCatalogue('en') };
    catalogues.builder = { zh: await builderCatalogue('zh'), en: await builderCatalogue('en') };
    const customer = await session.product.app.db.collection('records_customer').findOne({});
    customerId = String(customer?._id ?? '');
  });

  const checkFor = (app: 'console' | 'builder', lang: UiLanguage): LanguageCheck => ({
    lang,
    foreign: catalogues[app][lang === 'zh' ? 'en' : 'zh'],
    own: catalogues[app][lang],
    data: data[app],
    latinAllowed: LATIN_ALLOWED,
  });

  /** Checks what the page shows now; a finding is "<where on the page>: <text>". */
  async function findings(page: Page, app: 'console' | 'builder', lang: UiLanguage, label: string): Promise<string[]> {
    await settle(page);
    return foreignTexts(await shownTexts(page), checkFor(app, lang)).map((f) => `${label} ${f}`);
  }

  /**
   * The console's pages (console/src/routes/(app)): workbench, calls and a call, the customer list, card and new form,
   * import, reviews, monitoring, reports and the template's reports (a chart and a table), dashboards.
   */
  function consoleRoutes(): string[] {
    return [
      '/', '/calls', ...(callId ? [`/calls/${callId}`] : []), '/e/customer', `/e/customer/${customerId}`, '/e/customer/new', '/import', '/reviews', '/monitoring',
      '/reports', '/reports/workbench_customers', '/reports/workbench_opportunities', '/dashboards',
    ];
  }

  async function visitConsole(console: ConsolePage, lang: UiLanguage): Promise<string[]> {
    await console.setLanguage(lang);
    const page = console.page;
    const base = new URL(page.url()).origin;
    const found: string[] = [];
    for (const route of consoleRoutes()) {
      await page.goto(`${base}/console${route}`);
      await page.getByTestId('nav').waitFor();
      found.push(...(await findings(page, 'console', lang, route)));
      if (route === '/calls') {
        for (const tab of ['incoming', 'mine', 'all']) {
          const button = page.getByTestId(`calls-tab-${tab}`);
          if (!(await button.count())) continue;
          await button.click();
          found.push(...(await findings(page, 'console', lang, `/calls#${tab}`)));
        }
      }
    }
    return found;
  }

  async function signIn(login: string, password: string, lang: UiLanguage): Promise<ConsolePage> {
    const console = await session.consoleAs(login, password);
    await console.setLanguage(lang);
    return console;
  }

  it('console in Chinese as agent 1, with a call ringing, talking and wrapped up', async () => {
    const agent = await signIn('agent1', 'agent123', 'zh');
    const admin = await signIn('admin', 'admin123', 'en');
    const found: string[] = [];
    await agent.waitForPhone();
    found.push(...(await findings(agent.page, 'console', 'zh', 'phone ready')));
    await agent.setAgentState('ready');
    const customer = (await admin.api<RecordJson>('GET', `/api/records/customer/${customerId}`)).body;
    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: String(customer.values.phone), to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }],
    });
    expect(started.status).toBe(201);
    callId = started.body.id;
    // the call page's title shows the call's short id: data, though a random hex id can be all letters
    data.console.push(callId.slice(0, 8));
    await agent.waitForRinging(60_000);
    found.push(...(await findings(agent.page, 'console', 'zh', 'ringing')));
    await agent.answerCall();
    found.push(...(await findings(agent.page, 'console', 'zh', 'talking')));
    await agent.page.getByTestId('call-transfer').click();
    await agent.page.getByTestId('call-transfer-dialog').waitFor();
    found.push(...(await findings(agent.page, 'console', 'zh', 'transfer dialog')));
    await agent.page.keyboard.press('Escape');
    await agent.hangUp();
    found.push(...(await findings(agent.page, 'console', 'zh', 'wrap-up')));
    await agent.dispose('interested', { note: NOTE });
    found.push(...(await visitConsole(agent, 'zh')));
    expect(found).toEqual([]);
  }, 180_000);

  for (const [login, password] of [['lead', 'lead123'], ['admin', 'admin123']] as const) {
    it(`console in Chinese as ${login}`, async () => {
      expect(await visitConsole(await signIn(login, password, 'zh'), 'zh')).toEqual([]);
    }, 120_000);
  }

  it('console in Chinese: a request the browser cannot send reads as a network error in Chinese', async () => {
    const lead = await signIn('lead', 'lead123', 'zh');
    // the browser's own words for it ("Failed to fetch") are English
    await lead.page.route('**/api/records/customer/query', (route) => route.abort('internetdisconnected'));
    await lead.page.goto(`${new URL(lead.page.url()).origin}/console/e/customer`);
    await lead.page.getByTestId('state-error').waitFor();
    expect(await findings(lead.page, 'console', 'zh', 'offline')).toEqual([]);
    expect(await lead.page.getByTestId('state-error').innerText()).toContain('服务器');
  });

  for (const [login, password] of [['agent1', 'agent123'], ['lead', 'lead123'], ['admin', 'admin123']] as const) {
    it(`console in English as ${login}`, async () => {
      expect(await visitConsole(await signIn(login, password, 'en'), 'en')).toEqual([]);
    }, 120_000);
  }

  /** The builder's hash routes of every stored definition (editor and versions) and of the list pages. */
  async function builderRoutes(): Promise<string[]> {
    const router = (await import(join(root, 'builder/src/app/use-hash-route.ts'))) as {
      routeHref(route: unknown): string;
      kindRoutes: Record<string, { list(): unknown; editor(key: string): unknown; versions(key: string): unknown }>;
    };
    const heads = await session.product.app.db.collection('definitions').find({}, { projection: { kind: 1, key: 1 } }).toArray();
    const routes = new Set<string>();
    for (const kind of Object.keys(router.kindRoutes)) routes.add(router.routeHref(router.kindRoutes[kind]!.list()));
    for (const { kind, key } of heads) {
      const r = router.kindRoutes[kind as string];
      if (!r) continue;
      routes.add(router.routeHref(r.editor(key)));
      routes.add(router.routeHref(r.versions(key)));
    }
    routes.add(router.routeHref({ page: 'tickets' }));
    routes.add(router.routeHref({ page: 'people' }));
    return [...routes];
  }

  /** Opens a dialog (or panel) by its button, checks it, closes it with Escape. */
  async function withDialog(page: Page, button: string, shown: string, lang: UiLanguage): Promise<string[]> {
    const open = page.getByTestId(button).first();
    if (!(await open.count()) || (await open.isDisabled())) return [`${button}: the button is missing or disabled`];
    await open.click();
    await page.getByTestId(shown).first().waitFor();
    const found = await findings(page, 'builder', lang, `${button} →`);
    await page.keyboard.press('Escape');
    return found;
  }

  async function visitBuilder(page: Page, lang: UiLanguage): Promise<string[]> {
    await page.getByTestId('language-switch').selectOption(lang);
    const base = new URL(page.url()).origin;
    const found: string[] = [];
    for (const hash of await builderRoutes()) {
      await page.goto(`${base}/builder/${hash}`);
      await page.getByTestId('nav-entities').waitFor();
      found.push(...(await findings(page, 'builder', lang, hash)));
      if (hash === '#/entities') found.push(...(await withDialog(page, 'new-entity', 'new-entity-key', lang)));
      if (hash === '#/entities/customer') found.push(...(await withDialog(page, 'add-field', 'add-field-dialog', lang)));
      if (hash === '#/people') found.push(...(await withDialog(page, 'new-user', 'user-dialog', lang)));
      if (/^#\/[a-z-]+\/[^/]+\/versions$/.test(hash) && (await page.getByTestId('compare-2').count())) {
        await page.getByTestId('compare-2').click();
        await page.getByTestId('diff-row').first().waitFor();
        found.push(...(await findings(page, 'builder', lang, `${hash} diff`)));
      }
      if (hash === '#/flows/inbound') {
        // a test call: the log says what the caller heard and what the flow asked the phone system to do
        const flow = new FlowDesignerPage(page);
        await flow.openTestPanel();
        // the template's hotline is open on weekdays 09:00-18:00 in Shanghai: the test call runs at a Monday 10:00
        // there, whatever the hour of the run (after 18:00 the closed branch asks for no keys)
        await page.getByTestId('sim-clock').fill('2026-12-07T10:00');
        await flow.startCall();
        // through the language menu (key 1) on to the queue: a gather and an enqueue command on the way
        await flow.waitForKeys();
        await flow.press('1');
        await page.getByTestId('call-log').locator('[data-kind=command]').nth(1).waitFor();
        found.push(...(await findings(page, 'builder', lang, `${hash} test call`)));
      }
    }
    return found;
  }

  /** A second version of the customer object and of the inbound flow, so the versions pages have a diff to show. */
  async function publishSecondVersions(): Promise<void> {
    const { definitions } = session.product.app;
    const by = { id: 'e2e', name: 'e2e' };
    const customer = structuredClone((await definitions.getPublished('entity', 'customer')) as unknown as { fields: Record<string, unknown>[] });
    const select = customer.fields.find((f) => f.type === 'select')!;
    select.required = !select.required;
    (select.options as Record<string, unknown>[]).push({ id: '0b8f5a52-2f2e-4f55-9d55-3c1c5ac1e1a1', ...NEW_OPTION });
    const text = customer.fields.find((f) => f.type === 'text' && f !== select)!;
    text.type = 'longtext';
    await definitions.publish('entity', 'customer', customer as never, 'v2', by, 'en');
  }

  it('builder in Chinese as an agent: the no-access page names the role, not its key', async () => {
    const page = await session.browser.newPage({ viewport: VIEWPORT });
    await page.goto(new URL('/builder/', session.product.baseUrl).toString());
    await page.getByTestId('language-switch').selectOption('zh');
    await page.getByTestId('login-name').fill('agent1');
    await page.getByTestId('login-password').fill('agent123');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('no-access').waitFor();
    const found = await findings(page, 'builder', 'zh', 'no access');
    await page.close();
    expect(found).toEqual([]);
  });

  it('builder in Chinese and in English as the admin: every page, the main dialogs, a diff and a test call', async () => {
    await publishSecondVersions();
    const page = await session.browser.newPage({ viewport: VIEWPORT });
    const builder = new BuilderPage(page);
    await builder.login(session.product.baseUrl, 'admin', 'admin123');
    const found = [...(await visitBuilder(page, 'zh')), ...(await visitBuilder(page, 'en'))];
    await page.close();
    expect(found).toEqual([]);
  }, 240_000);
});
