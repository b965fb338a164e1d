import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallJson, RecordJson } from '@telesales/schemas';
import type { ConsolePage } from './pages/console-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';
const SHOTS = process.env.SHOTS ?? join(tmpdir(), 'telesales-shots');

/**
 * Live monitoring (issue 17): the supervisor's wallboard shows agent 1 going from ready to talking within 2 s of each
 * event, with the caller's number masked as the supervisor's role sees it; the supervisor listens in from the tile and
 * the call's page logs it. Screenshots of the wallboard in Chinese and English go to SHOTS.
 */
describe('live monitoring: the wallboard follows an agent from ready to talking; the supervisor listens in', () => {
  const session = useSession({ afterStart: useOpenHoursClock });
  let lead: ConsolePage;
  let agent: ConsolePage;
  let admin: ConsolePage;
  let agentId = '';
  let callId = '';

  const tile = () => lead.page.locator(`[data-testid=wb-agent][data-agent="${agentId}"]`);
  /** Polls the tile until it shows `kind`; when it did (this process's clock). */
  async function seenAt(kind: string, timeoutMs: number): Promise<number> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if ((await tile().getAttribute('data-kind')) === kind) return Date.now();
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`agent 1's tile never showed ${kind} within ${timeoutMs} ms (it shows ${await tile().getAttribute('data-kind')})`);
  }

  it('the supervisor opens Live monitoring from the navigation; an agent sees no such entry', async () => {
    lead = await session.consoleAs('lead', 'lead123');
    agent = await session.consoleAs('agent1', 'agent123');
    admin = await session.consoleAs('admin', 'admin123');
    agentId = (await agent.api<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
    expect(await agent.page.getByTestId('nav-monitoring').count()).toBe(0);
    await lead.page.getByTestId('nav-monitoring').click();
    await lead.page.getByTestId('monitoring-page').waitFor();
    await tile().waitFor();
    await lead.page.locator('[data-testid=wb-link][data-link=open]').waitFor();
    expect(await lead.page.getByTestId('wb-agent').count()).toBe(3);
    expect(await lead.page.getByTestId('wb-queue').count()).toBe(2);
    expect(await lead.page.getByTestId('wb-no-tasks').textContent()).toContain('No outbound task is running');
  }, 60_000);

  it('agent 1 goes ready: the tile turns ready within 2 s', async () => {
    await agent.waitForPhone();
    const t0 = Date.now();
    expect(await agent.setAgentState('ready')).toBe('ready');
    expect((await seenAt('ready', 2000 + (Date.now() - t0))) - t0).toBeLessThan(2000 + 500);
  }, 30_000);

  it('agent 1 answers a call: talking, with the masked number and the duration ticking, within 2 s of the answer', async () => {
    const customer = (await admin.api<{ items: RecordJson[] }>('POST', '/api/records/customer/query', { pageSize: 1 })).body.items[0]!;
    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: String(customer.values.phone), to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }],
    });
    callId = started.body.id;
    await agent.waitForRinging(60_000);
    await agent.answerCall();
    const seen = await seenAt('busy', 4000);
    // The answer's time on the calls' clock (open hours), back on the real one: event to page.
    const answerAt = Date.parse((await admin.api<CallJson>('GET', `/api/calls/${callId}`)).body.answerAt!);
    const offset = session.product.app.calls.clock.now() - Date.now();
    expect(seen - (answerAt - offset)).toBeLessThan(2000);
    await tile().getByTestId('wb-call').waitFor();
    expect(await tile().getByTestId('wb-customer').textContent()).toMatch(/^\*{7}\d{4}$/);
    const before = await tile().getByTestId('wb-duration').textContent();
    await lead.page.waitForFunction(([id, text]) => document.querySelector(`[data-agent="${id}"] [data-testid=wb-duration]`)?.textContent !== text, [agentId, before] as const, { timeout: 3000 });
  }, 90_000);

  it('the supervisor listens in from the tile; the call records it and its page shows it', async () => {
    await tile().getByTestId('wb-listen').click();
    await tile().getByTestId('wb-my-mode').waitFor();
    expect(await tile().getByTestId('wb-listen').getAttribute('aria-pressed')).toBe('true');
    const call = (await admin.api<CallJson>('GET', `/api/calls/${callId}`)).body;
    expect(call.monitors).toEqual([expect.objectContaining({ mode: 'listen', supervisorName: '王组长 Wang (lead)' })]);

    mkdirSync(SHOTS, { recursive: true });
    await lead.page.screenshot({ path: join(SHOTS, 'live-monitoring-en.png') });
    await lead.setLanguage('zh');
    await lead.page.getByText('实时监控', { exact: true }).first().waitFor();
    await lead.page.screenshot({ path: join(SHOTS, 'live-monitoring-zh.png') });
    await lead.setLanguage('en');

    await tile().getByTestId('wb-stop').click();
    await tile().getByTestId('wb-my-mode').waitFor({ state: 'detached' });
    await lead.page.goto(`${new URL(lead.page.url()).origin}/console/calls/${callId}`);
    const log = lead.page.getByTestId('call-monitor');
    await log.first().waitFor();
    expect(await log.first().textContent()).toContain('王组长 Wang (lead): Listen, ');
  }, 60_000);
});
