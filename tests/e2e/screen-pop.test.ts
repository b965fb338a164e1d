import { describe, expect, it } from 'vitest';
import type { CallJson, RecordJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/calls/plugin';
import { ConsolePage, type TrafficCapture } from './pages/console-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';
import { expectNoDigitsOf } from './support/number-leaks.js';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';
const RING_TIMEOUT = 60_000;
/** A number no demo customer has. */
const STRANGER = '13975318642';


/**
 * The screen pop on answering (来电弹屏): a known caller's card opens by itself; an unknown caller gets the
 * new-customer form with their number shown masked and filled in by the server from the call record; the
 * drawer's list of pops survives a reload; and nothing agent 1's page received carries either number.
 */
describe('screen pop: answering an inbound call opens the caller\'s card or the new-customer form', () => {
  let agent: ConsolePage;
  let admin: ConsolePage;
  let capture: TrafficCapture;
  const session = useSession({ afterStart: useOpenHoursClock, beforeClose: () => capture?.stop() });
  const { consoleAs } = session;
  let caller: RecordJson;
  const callIds: string[] = [];

  async function ringAndAnswer(from: string, digits: Array<{ afterMs: number; digits: string }>): Promise<string> {
    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', { from, to: ENTRY_NUMBER, digits });
    expect(started.status).toBe(201);
    const ringing = await agent.waitForRinging(RING_TIMEOUT);
    expect(ringing.callId).toBe(started.body.id);
    await agent.answerCall();
    callIds.push(started.body.id);
    return started.body.id;
  }

  async function finishCall(): Promise<void> {
    await agent.hangUp();
    await agent.dispose('interested');
    expect(await agent.setAgentState('ready')).toBe('ready');
  }

  it('a known caller: their card opens when the agent answers', async () => {
    admin = await consoleAs('admin', 'admin123');
    agent = await consoleAs('agent1', 'agent123');
    capture = await agent.captureTraffic();
    const agentId = (await agent.api<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
    const all = await admin.api<{ items: RecordJson[] }>('POST', '/api/records/customer/query', { pageSize: 200 });
    caller = all.body.items.find((r) => r.ownerId === agentId && typeof r.values.phone === 'string')!;
    expect(String(caller.values.phone)).toMatch(/\d{11}/);

    await agent.waitForPhone();
    expect(await agent.setAgentState('ready')).toBe('ready');
    await ringAndAnswer(String(caller.values.phone), [{ afterMs: 300, digits: '1' }]);
    await agent.page.waitForURL(new RegExp(`/e/customer/${caller.id}$`));
    await agent.page.getByTestId('record-title').waitFor();
    expect(await agent.title()).toContain(String(caller.values.name));
    await finishCall();
  }, 120_000);

  it('an unknown caller: the new-customer form shows the masked number; saving stores the full one', async () => {
    // Mandarin, then "sales" in the main menu
    const callId = await ringAndAnswer(STRANGER, [{ afterMs: 300, digits: '1' }, { afterMs: 9000, digits: '1' }]);
    await agent.page.waitForURL(/\/e\/customer\/new\?fromCall=/);
    await agent.page.getByTestId('save').waitFor();
    expect(await agent.page.getByTestId('from-call').textContent()).toMatch(/\*{7}8642/);
    expect(await agent.value('phone')).toMatch(/^\*{7}8642$/);
    await agent.fill('name', 'Caller Newman');
    await agent.save();
    // created: the new customer's card replaces the form
    await agent.page.waitForURL(/\/e\/customer\/[0-9a-f-]{36}$/);
    const id = agent.recordId();
    const stored = await admin.api<RecordJson>('GET', `/api/records/customer/${id}`);
    expect(stored.body.values).toMatchObject({ name: 'Caller Newman', phone: `+86${STRANGER}` });
    expect((await admin.api<CallJson>('GET', `/api/calls/${callId}`)).body.customer).toEqual({ entity: 'customer', id });
    await finishCall();
  }, 120_000);

  it('the screen pops drawer keeps both calls after a reload', async () => {
    await agent.reload();
    await agent.page.getByTestId('pops-toggle').click();
    for (const id of callIds) await agent.page.getByTestId(`pop-${id}`).waitFor();
    expect(await agent.page.getByTestId(`pop-${callIds[1]}`).textContent()).toContain('Caller Newman');
  }, 60_000);

  it('nothing agent 1\'s page received carries either number', async () => {
    const texts = await capture.texts();
    expect(texts.some((t) => t.includes('/caller-record'))).toBe(true);
    for (const number of [String(caller.values.phone), STRANGER]) expectNoDigitsOf(texts, number, number === STRANGER ? 'the stranger' : 'the caller');
  });
});
