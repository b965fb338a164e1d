import { describe, expect, it } from 'vitest';
import type { CallJson, CallListJson, RecordJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/calls/plugin';
import { ConsolePage, type TrafficCapture } from './pages/console-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';
import { digitRuns, expectNoDigitsOf, squeeze } from './support/number-leaks.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';
const RING_TIMEOUT = 60_000;



/**
 * Calls without a phone line (TELEPHONY=simulated, the test default): agent 1 goes ready; a simulated caller
 * dials the template's entry number from a known customer's number; agent 1's console rings with the
 * customer's card; the agent answers, hangs up, tags the outcome, and the call list shows it. Then agent 1
 * calls a masked customer from the card, and nothing the page received carries that customer's number.
 */
describe('calls in simulated telephony: screen pop, answer, disposition, masked click-to-call', () => {
  let agent: ConsolePage;
  let admin: ConsolePage;
  let capture: TrafficCapture;
  const session = useSession({ afterStart: useOpenHoursClock, beforeClose: () => capture?.stop() });
  const { consoleAs } = session;

  // agent 1's own customers, as an admin (who may unmask) reads them: the real numbers to look for
  let caller: RecordJson;
  let callee: RecordJson;
  let inboundCallId = '';

  it('agent 1 goes ready; an inbound call rings with the caller\'s customer card; answer, hang up, outcome', async () => {
    admin = await consoleAs('admin', 'admin123');
    agent = await consoleAs('agent1', 'agent123');
    // from here on, everything agent 1's page receives is kept
    capture = await agent.captureTraffic();

    const all = await admin.api<{ items: RecordJson[] }>('POST', '/api/records/customer/query', { pageSize: 200 });
    expect(all.status).toBe(200);
    const agentId = (await agent.api<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
    const owned = all.body.items.filter((r) => r.ownerId === agentId && typeof r.values.phone === 'string');
    expect(owned.length).toBeGreaterThan(1);
    [caller, callee] = [owned[0]!, owned[1]!];
    expect(String(caller.values.phone)).toMatch(/\d{11}/);
    // the leak check finds the numbers where they are allowed to be (the admin's unmasked answer)
    expect(digitRuns(String(callee.values.phone)).every((run) => squeeze(JSON.stringify(all.body)).includes(run))).toBe(true);
    // the agent may not see these numbers
    const seen = await agent.api<RecordJson>('GET', `/api/records/customer/${callee.id}`);
    expect(seen.body.masked).toContain('phone');
    expect(String(seen.body.values.phone)).toContain('****');

    await agent.waitForPhone();
    expect(await agent.setAgentState('ready')).toBe('ready');

    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: String(caller.values.phone), to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }],
    });
    expect(started.status).toBe(201);
    inboundCallId = started.body.id;

    const ringing = await agent.waitForRinging(RING_TIMEOUT);
    expect(ringing.callId).toBe(inboundCallId);
    expect(ringing.pop).toContain(String(caller.values.name));
    // the caller's number shows masked, as the server sent it
    expect(await agent.page.getByTestId('call-party').textContent()).toMatch(/^\*{7}\d{4}$/);

    await agent.answerCall();
    await expect.poll(async () => agent.page.getByTestId('agent-state').getAttribute('data-state')).toBe('busy');
    await agent.hangUp();
    // after-call work: the outcomes of the template's dispositions, with the wrap-up countdown
    expect(await agent.dispositionKeys()).toEqual(expect.arrayContaining(['busy', 'interested', 'callback', 'deal']));
    expect(await agent.page.getByTestId('wrapup-countdown').textContent()).toMatch(/left/);
    await agent.dispose('interested', { note: 'Wants a quote for the family plan' });

    const stored = await admin.api<CallJson>('GET', `/api/calls/${inboundCallId}`);
    expect(stored.body).toMatchObject({
      direction: 'in', agentId, customer: { entity: 'customer', id: caller.id },
      hangupBy: 'agent', disposition: { key: 'interested', note: 'Wants a quote for the family plan' },
    });
    expect(stored.body.answerAt).toBeTruthy();
    expect(stored.body.trace?.length).toBeGreaterThan(0);
    // the caller stays in the flow for the satisfaction survey; the record gets its end time when they leave
    await expect
      .poll(async () => (await admin.api<CallJson>('GET', `/api/calls/${inboundCallId}`)).body.endAt, { timeout: 40_000, interval: 1000 })
      .toBeTruthy();
  }, 120_000);

  it('the call lists show the call with its outcome; the detail has the flow trace', async () => {
    await agent.openCalls('mine');
    const row = await agent.callRowText(inboundCallId);
    expect(row).toContain('Inbound');
    expect(row).toContain(String(caller.values.name));
    expect(row).toContain('Interested');
    expect(row).toMatch(/\*{7}\d{4}/);
    expect(row).not.toContain(String(caller.values.phone));
    await agent.page.getByTestId(`call-open-${inboundCallId}`).click();
    await agent.page.getByTestId('call-detail').waitFor();
    expect(await agent.page.getByTestId('call-trace').getByTestId('trace-step').count()).toBeGreaterThan(0);
    expect(await agent.page.getByTestId('detail-disposition').textContent()).toContain('Interested');

    // an agent has no "all calls" tab; the supervisor has
    expect(await agent.page.getByTestId('calls-tab-all').count()).toBe(0);
    await admin.openCalls('all');
    expect(await admin.callRowText(inboundCallId)).toContain('Interested');
  }, 60_000);

  it('click-to-call on a masked customer: the number never reaches the page', async () => {
    // the simulated network: the customer's phone rings 2 s, then they answer and stay on the line
    simulatedCarrierOf(session.product.app.calls)!.script(String(callee.values.phone), { outcome: 'answer', ringSec: 2, talkSec: 600 });
    await agent.openRecord('customer', callee.id);
    expect(await agent.value('phone')).toContain('****');
    const callId = await agent.clickToCall(callee.id);
    expect(callId).toBeTruthy();
    expect(await agent.page.getByTestId('call-party').textContent()).toMatch(/^\*{7}\d{4}$/);

    await agent.waitForTalking();
    await agent.hangUp();
    // "call back" asks for the contact plan time
    await agent.dispose('callback', { contactAt: '2030-01-15T10:30' });

    const call = await agent.api<CallJson>('GET', `/api/calls/${callId}`);
    expect(call.body).toMatchObject({ direction: 'out', customer: { entity: 'customer', id: callee.id }, masked: true, hangupBy: 'agent', disposition: { key: 'callback' } });
    expect(new Date(call.body.disposition!.contactAt!).getTime()).toBe(new Date('2030-01-15T10:30').getTime());
    expect(call.body.to).toContain('****');

    const list = await agent.api<CallListJson>('GET', '/api/calls?view=mine');
    expect(list.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([callId, inboundCallId]));

    // everything agent 1's page received since login: HTTP bodies, event-stream frames, WebSocket frames
    const texts = await capture.texts();
    expect(texts.some((t) => t.startsWith('sse ringing'))).toBe(true);
    expect(texts.some((t) => t.includes('/api/calls/dial'))).toBe(true);
    for (const customer of [callee, caller]) expectNoDigitsOf(texts, String(customer.values.phone), `${customer.values.name}'s number`);
  }, 90_000);

  it('after-call work: the panel names the customer, Call waits for the outcome, a reload keeps the countdown going', async () => {
    simulatedCarrierOf(session.product.app.calls)!.script(String(callee.values.phone), { outcome: 'answer', ringSec: 1, talkSec: 600 });
    await agent.openRecord('customer', callee.id);
    await agent.clickToCall(callee.id);
    await agent.waitForTalking();
    await agent.hangUp();
    const masked = /\*{7}\d{4}/;
    // the customer's title comes with their record, the countdown with the agent state
    await expect.poll(async () => (await agent.wrapupPanel()).party).toContain(String(callee.values.name));
    await agent.page.getByTestId('wrapup-countdown').waitFor();
    const first = await agent.wrapupPanel();
    expect(first.party).toMatch(masked);
    // the runtime refuses a new call and a state change until the outcome is given: the console says so first
    const dial = agent.page.getByTestId(`dial-${callee.id}`).first();
    expect(await dial.isDisabled()).toBe(true);
    expect(await dial.getAttribute('title')).toContain(`Give the outcome of your call with ${callee.values.name}`);
    expect(await agent.page.getByTestId('agent-state').isDisabled()).toBe(true);

    await agent.page.waitForTimeout(4000);
    await agent.reload();
    await expect.poll(async () => (await agent.wrapupPanel()).party).toContain(String(callee.values.name));
    await agent.page.getByTestId('wrapup-countdown').waitFor();
    const after = await agent.wrapupPanel();
    // the deadline is the server's: 4 s and a reload later the minute did not start again
    expect(after.left).not.toBeNull();
    expect(after.left!).toBeLessThanOrEqual(first.left! - 4);
    expect(after.left!).toBeGreaterThan(30);
    expect(after.party).toMatch(masked);

    await agent.dispose('interested');
    await agent.page.locator(`[data-testid=dial-${callee.id}]:not([disabled])`).first().waitFor();
  }, 90_000);

  it('a busy number: the phone bar, the call list and the call\'s page say why the call did not go through', async () => {
    simulatedCarrierOf(session.product.app.calls)!.script(String(caller.values.phone), { outcome: 'busy' });
    await agent.openRecord('customer', caller.id);
    const callId = await agent.clickToCall(caller.id);
    const bar = agent.page.getByTestId('wrapup-failure');
    await bar.waitFor({ timeout: 15_000 });
    expect((await bar.textContent())?.replace(/\s+/g, ' ').trim()).toBe('The call did not go through: Busy');
    await agent.dispose('busy');

    await agent.openCalls('mine');
    const row = agent.page.getByTestId(`call-row-${callId}`);
    expect(await row.locator('[data-testid=call-failure]').getAttribute('data-cause')).toBe('busy');
    await agent.page.getByTestId(`call-open-${callId}`).click();
    const detail = agent.page.locator(`[data-testid=call-detail][data-call="${callId}"] [data-testid=call-failure]`);
    await detail.waitFor();
    expect(await detail.textContent()).toBe('Busy');
  }, 60_000);

  it('a call that carried no audio (TELEPHONY=sip ends it as noMedia): the call list and the call\'s page say whose line was silent, in English and Chinese', async () => {
    // Written as the SIP bridge leaves it (sip-bridge.ts): answered, ended by the system, no talk time, disposed.
    const id = 'no-media-call';
    const at = new Date(session.product.app.calls.clock.now() - 60_000);
    const agentId = (await agent.api<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
    await session.product.app.db.collection('calls').insertOne({
      _id: id as never, direction: 'out', from: '', to: String(callee.values.phone), phoneEntity: 'customer', agentId,
      customer: { entity: 'customer', id: callee.id }, ringAt: at, answerAt: new Date(at.getTime() + 4000), endAt: new Date(at.getTime() + 14_000),
      talkSec: 0, hangupBy: 'system', status: 'ended', failure: { cause: 'noMedia', missing: 'customer' },
      disposition: { key: 'no_answer', by: agentId, at }, updatedAt: at,
    });
    await agent.openCalls('mine');
    const cause = agent.page.getByTestId(`call-row-${id}`).locator('[data-testid=call-failure]');
    expect(await cause.getAttribute('data-cause')).toBe('noMedia');
    expect((await cause.textContent())?.replace(/\s+/g, ' ').trim()).toBe('No audio (the customer\'s line sent none)');
    await agent.page.getByTestId(`call-open-${id}`).click();
    const detail = agent.page.locator(`[data-testid=call-detail][data-call="${id}"] [data-testid=call-failure]`);
    await detail.waitFor();
    expect((await detail.textContent())?.replace(/\s+/g, ' ').trim()).toBe('No audio (the customer\'s line sent none)');
    await agent.setLanguage('zh');
    await expect.poll(async () => (await detail.textContent())?.replace(/\s+/g, ' ').trim()).toBe('无语音 (客户线路无声音)');
    await agent.setLanguage('en');
  }, 60_000);
});
