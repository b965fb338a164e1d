import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, DialResultJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { expectNoNumber, MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

/** A valid Chinese mobile number no demo customer has. */
const STRANGER = '13912345678';

interface TypedDialJson {
  id: string;
  at: string;
  user: { id: string; login: string; name: string };
  number: string | null;
  masked: boolean;
  outcome: 'placed' | 'refused';
  callId: string | null;
}

let fx: CallsFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, lead, agent1] = await Promise.all([fx.rt.login('admin'), fx.rt.login('lead'), fx.rt.login('agent1')]);
});
afterAll(async () => {
  await fx?.close();
});

const dialNumber = (who: ApiClient, number: string, locale = 'en') =>
  who.request<DialResultJson & { call: CallJson } & { message?: string; errors: { path: string; message: string }[] }>('POST', '/api/calls/dial-number', { number }, { 'accept-language': locale });

/** Lets the scripted call ring out, talk and end, then gives its outcome so the next call may start. */
async function finish(who: ApiClient, callId: string) {
  await fx.advance(30_000);
  const res = await who.post(`/api/calls/${callId}/disposition`, { key: 'interested' });
  expect(res.status).toBe(200);
}

describe('the dial pad: a number typed by hand', () => {
  it('me tells the console who may dial numbers: admin and supervisor yes, agent no', async () => {
    expect((await admin.get('/api/auth/me')).body.permissions.dialNumbers).toBe(true);
    expect((await lead.get('/api/auth/me')).body.permissions.dialNumbers).toBe(true);
    expect((await agent1.get('/api/auth/me')).body.permissions.dialNumbers).toBe(false);
  });

  it('an admin dials a customer\'s number as typed: the call takes the click-to-call path and is linked to the customer', async () => {
    simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 2, talkSec: 10 });
    const res = await dialNumber(admin, '138 8183 6553');
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // the admin may see numbers: unmasked, normalised to E.164; the customer is found by number
    expect(res.body.call).toMatchObject({
      direction: 'out', to: `+86${MA_FANG.phone}`, masked: false, status: 'ringing', agentId: admin.userId,
      customer: { entity: 'customer', id: MA_FANG.id },
    });
    expect((await admin.get('/api/telephony/state')).body).toMatchObject({ kind: 'busy', callId: res.body.callId });
    await fx.advance(3000);
    expect((await admin.get<CallJson>(`/api/calls/${res.body.callId}`)).body.status).toBe('talking');
    // the customer's contact history shows the call
    const history = await admin.get<{ items: CallJson[] }>(`/api/records/customer/${MA_FANG.id}/calls`);
    expect(history.body.items.map((c) => c.id)).toContain(res.body.callId);
    await finish(admin, res.body.callId);
  });

  it('a supervisor dials an unknown number: placed with no customer, shown masked as their role sees phones', async () => {
    simulatedCarrierOf(fx.rt.app.calls)!.script(STRANGER, { outcome: 'answer', ringSec: 1, talkSec: 5 });
    const res = await dialNumber(lead, `+86${STRANGER}`);
    expect(res.status).toBe(201);
    expect(res.body.call).toMatchObject({ direction: 'out', to: '*******5678', masked: true, customer: null, agentId: lead.userId });
    expectNoNumber(res.text, STRANGER);
    await finish(lead, res.body.callId);
  });

  it('a supervisor typing a masked customer\'s number outside their own records gets no link (no number-to-customer oracle)', async () => {
    simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 1, talkSec: 5 });
    const res = await dialNumber(lead, MA_FANG.phone);
    expect(res.status).toBe(201);
    expect(res.body.call.customer).toBeNull();
    expectNoNumber(res.text, MA_FANG.phone);
    await finish(lead, res.body.callId);
  });

  it('an agent without the right is refused, in their language, and the attempt is logged', async () => {
    const zh = await dialNumber(agent1, STRANGER, 'zh');
    expect(zh.status).toBe(403);
    expect(zh.body).toMatchObject({ code: 'forbidden_dial_number', message: '你的角色不能拨打手动输入的号码，请在客户记录上点击呼叫' });
    const en = await dialNumber(agent1, STRANGER);
    expect(en.body).toMatchObject({ statusCode: 403, code: 'forbidden_dial_number', message: 'Your role may not call a number typed by hand: call from a customer\'s record' });
    // no call, and the agent is not made busy
    const state = (await agent1.get('/api/telephony/state')).body;
    expect(state.kind).not.toBe('busy');
  });

  it('an invalid number is a 400 with its path, in the reader\'s language; nothing is placed', async () => {
    const short = await dialNumber(admin, '12345');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'invalid_number', errors: [{ path: '/number', code: 'undialable_phone' }] });
    expect(short.body.message).toMatch(/Invalid number/);
    const zh = await dialNumber(admin, '12345', 'zh');
    expect(zh.body.errors[0].message).toMatch(/号码无效/);
    const letters = await dialNumber(admin, 'call me');
    expect(letters.status).toBe(400);
    expect(letters.body).toMatchObject({ code: 'invalid_number', errors: [{ path: '/number', code: 'not_a_number' }] });
    const empty = await dialNumber(admin, '');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('/body/number');
    expect((await admin.get('/api/telephony/state')).body.kind).not.toBe('busy');
  });

  it('one call at a time: a second number while the first rings is a 409', async () => {
    await fx.advance(1000); // after the refused attempts, in the log's order
    simulatedCarrierOf(fx.rt.app.calls)!.script(STRANGER, { outcome: 'answer', ringSec: 5, talkSec: 5 });
    const first = await dialNumber(admin, STRANGER);
    expect(first.status).toBe(201);
    const second = await dialNumber(admin, '13700001111');
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'already_on_call', callId: first.body.callId });
    await finish(admin, first.body.callId);
  });

  it('every typed-number call is in the log, whole for admins, masked for those who may not see numbers', async () => {
    const all = await admin.get<{ items: TypedDialJson[] }>('/api/calls/typed-dials');
    expect(all.status).toBe(200);
    const rows = all.body.items.map((e) => ({ login: e.user.login, number: e.number, outcome: e.outcome, placed: !!e.callId }));
    // newest first: two refused attempts of agent 1 lie between the supervisor's and the admin's last call
    expect(rows).toEqual([
      { login: 'admin', number: `+86${STRANGER}`, outcome: 'placed', placed: true },
      { login: 'agent1', number: `+86${STRANGER}`, outcome: 'refused', placed: false },
      { login: 'agent1', number: `+86${STRANGER}`, outcome: 'refused', placed: false },
      { login: 'lead', number: `+86${MA_FANG.phone}`, outcome: 'placed', placed: true },
      { login: 'lead', number: `+86${STRANGER}`, outcome: 'placed', placed: true },
      { login: 'admin', number: `+86${MA_FANG.phone}`, outcome: 'placed', placed: true },
    ]);
    expect(all.body.items.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);

    // the supervisor sees their own entries, masked
    const mine = await lead.get<{ items: TypedDialJson[] }>('/api/calls/typed-dials');
    expect(mine.body.items.map((e) => [e.user.login, e.number, e.masked])).toEqual([
      ['lead', '*******6553', true], ['lead', '*******5678', true],
    ]);
    expectNoNumber(mine.text, MA_FANG.phone);
    expectNoNumber(mine.text, STRANGER);
    const agents = await agent1.get<{ items: TypedDialJson[] }>('/api/calls/typed-dials');
    expect(agents.body.items).toHaveLength(2);
    expect(agents.body.items.every((e) => e.user.login === 'agent1' && e.number === '*******5678')).toBe(true);
  });
});
