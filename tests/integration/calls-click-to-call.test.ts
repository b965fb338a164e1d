import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, DialResultJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { expectNoNumber, flush, MA_FANG, openEvents, startCallsRuntime, type CallsFixture, type EventStream } from './calls-support.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

let fx: CallsFixture;
let agent1: ApiClient;
let admin: ApiClient;
let events: EventStream;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [agent1, admin] = await Promise.all([fx.rt.login('agent1'), fx.rt.login('admin')]);
  events = await openEvents(fx.rt, 'agent1');
});
afterAll(async () => {
  events?.close();
  await fx?.close();
});

describe('click-to-call of a masked customer', () => {
  let dialled: DialResultJson & { call: CallJson };

  it('answers with a call id and a token, never the number', async () => {
    simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 3, talkSec: 40 });
    const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
    expect(res.status).toBe(201);
    expectNoNumber(res.text, MA_FANG.phone);
    dialled = res.body;
    expect(dialled.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(dialled.call).toMatchObject({ direction: 'out', to: '*******6553', masked: true, status: 'ringing', agentId: agent1.userId });
  });

  it('rings, is answered, talks and is hung up by the customer; the agent goes to after-call work', async () => {
    await fx.advance(1000);
    expect((await agent1.get(`/api/calls/${dialled.callId}`)).body.status).toBe('ringing');
    await fx.advance(3000);
    const talking = await agent1.get<CallJson>(`/api/calls/${dialled.callId}`);
    expect(talking.body).toMatchObject({ status: 'talking', to: '*******6553' });
    // Dialled at 0 s, the network takes half a second, the customer answers after 3 s of ringing.
    expect(talking.body.answerAt).toBe(new Date(fx.clock.now() - 500).toISOString());
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'busy', kind: 'busy', callId: dialled.callId });

    await fx.advance(40_000);
    const ended = await agent1.get<CallJson>(`/api/calls/${dialled.callId}`);
    expect(ended.body).toMatchObject({ status: 'wrapup', hangupBy: 'caller', talkSec: 40 });
    expect(ended.body.endAt).toBeDefined();
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup', kind: 'wrapup' });
  });

  it('the token worked once: the carrier used it, a second use gets nothing', async () => {
    expect(await fx.rt.app.calls.tokens.redeem(dialled.token)).toBeNull();
  });

  it('a token expires after two minutes', async () => {
    const fresh = await fx.rt.app.calls.tokens.issue('call-x', agent1.userId, '+8613800000000');
    await fx.advance(119_000);
    const early = await fx.rt.app.calls.tokens.issue('call-y', agent1.userId, '+8613800000001');
    await fx.advance(2_000);
    expect(await fx.rt.app.calls.tokens.redeem(fresh.token)).toBeNull();
    expect(await fx.rt.app.calls.tokens.redeem(early.token)).toMatchObject({ callId: 'call-y', number: '+8613800000001' });
    expect(await fx.rt.app.calls.tokens.redeem('not-a-token-at-all-xxxxx')).toBeNull();
  });

  it('after the disposition the agent is ready again', async () => {
    const res = await agent1.post(`/api/calls/${dialled.callId}/disposition`, { key: 'interested' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ended', disposition: { key: 'interested', by: agent1.userId } });
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'ready', callId: null });
  });

  it('no event frame the agent received holds the number; the frames followed the call', async () => {
    await flush();
    expectNoNumber(events.raw(), MA_FANG.phone);
    const statuses = events.of('call').map((d) => d.call.status);
    expect(statuses).toEqual(expect.arrayContaining(['ringing', 'talking', 'wrapup', 'ended']));
    expect(events.of('call').every((d) => d.call.to === '*******6553')).toBe(true);
    expect(events.of('state').map((s) => s.state)).toEqual(expect.arrayContaining(['busy', 'wrapup', 'ready']));
  });

  it('an admin, who may unmask, sees the number in the call record', async () => {
    const res = await admin.get<CallJson>(`/api/calls/${dialled.callId}`);
    expect(res.body).toMatchObject({ to: `+86${MA_FANG.phone}`, masked: false });
  });
});

describe('click-to-call outcomes and refusals', () => {
  it('a busy number: after-call work with the carrier\'s outcome', async () => {
    const created = await agent1.post('/api/records/customer', { values: { name: '测试 Busy', phone: '13900001111', status: 'pending' } });
    expect(created.status).toBe(201);
    simulatedCarrierOf(fx.rt.app.calls)!.script('13900001111', { outcome: 'busy' });
    const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: created.body.id });
    expect(res.status).toBe(201);
    await fx.advance(5000);
    const call = await agent1.get<CallJson>(`/api/calls/${res.body.callId}`);
    expect(call.body).toMatchObject({ status: 'wrapup', outcome: 'busy', failure: { cause: 'busy' }, hangupBy: 'system', talkSec: 0 });
    expect((await agent1.post(`/api/calls/${res.body.callId}/disposition`, { key: 'busy' })).status).toBe(200);
  });

  // The cause is what the far end said: the console names it in the phone bar and on the call's page.
  it.each([
    { outcome: 'noAnswer' as const, phone: '13900003333', wait: 31_000, json: { outcome: 'noAnswer', failure: { cause: 'noAnswer' } }, key: 'no_answer' },
    { outcome: 'emptyNumber' as const, phone: '13900004444', wait: 1000, json: { outcome: 'failed', failure: { cause: 'emptyNumber' } }, key: 'empty_number' },
  ])('$outcome: after-call work with the cause on the call and in the call list', async ({ outcome, phone, wait, json, key }) => {
    const created = await agent1.post('/api/records/customer', { values: { name: `测试 ${outcome}`, phone, status: 'pending' } });
    expect(created.status).toBe(201);
    simulatedCarrierOf(fx.rt.app.calls)!.script(phone, { outcome });
    const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: created.body.id });
    expect(res.status).toBe(201);
    await fx.advance(wait);
    const call = await agent1.get<CallJson>(`/api/calls/${res.body.callId}`);
    expect(call.body).toMatchObject({ status: 'wrapup', hangupBy: 'system', talkSec: 0, ...json });
    const listed = (await agent1.get<{ items: CallJson[] }>('/api/calls?view=mine')).body.items.find((c) => c.id === res.body.callId);
    expect(listed).toMatchObject(json);
    expect((await agent1.post(`/api/calls/${res.body.callId}/disposition`, { key, note: 'x' })).status).toBe(200);
  });

  it('an answered call has no failure', async () => {
    const mine = (await agent1.get<{ items: CallJson[] }>('/api/calls?view=mine')).body.items;
    const answered = mine.find((c) => c.answerAt);
    expect(answered).toBeDefined();
    expect(answered).not.toHaveProperty('failure');
  });

  it('a record the agent may not read cannot be called (answered like a missing record)', async () => {
    const other = await admin.post('/api/records/customer', { values: { name: '测试 Other', phone: '13900002222', status: 'pending' }, ownerId: (await admin.get('/api/users')).body.find((u: any) => u.login === 'agent2').id });
    expect(other.status).toBe(201);
    const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: other.body.id });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await agent1.post('/api/calls/dial', { entity: 'nothing', id: 'x' })).status).toBe(404);
  });

  it('nobody else sees an agent\'s call', async () => {
    const agent2 = await fx.rt.login('agent2');
    const mine = await agent1.get('/api/calls?view=mine');
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    expect((await agent2.get(`/api/calls/${mine.body.items[0].id}`)).status).toBe(404);
    expect((await agent2.get('/api/calls?view=mine')).body.total).toBe(0);
  });
});
