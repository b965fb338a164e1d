import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, ScreenPopJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, expectNoNumber, flush, MA_FANG, openEvents, startCallsRuntime, type CallsFixture, type EventStream } from './calls-support.js';

let fx: CallsFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let lead: ApiClient;
let events1: EventStream;
let events2: EventStream;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1, agent2, lead] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1'), fx.rt.login('agent2'), fx.rt.login('lead')]);
  events1 = await openEvents(fx.rt, 'agent1');
  events2 = await openEvents(fx.rt, 'agent2');
});
afterAll(async () => {
  events1?.close();
  events2?.close();
  await fx?.close();
});

/** Ma Fang calls the hotline; agent1 (ready first) answers; agent2 becomes ready afterwards. */
async function answeredByAgent1(): Promise<string> {
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
  await fx.advance(1000);
  expect((await agent2.put('/api/telephony/state', { state: 'lunch' })).status).toBe(200);
  const res = await admin.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
  expect(res.status).toBe(201);
  await fx.advance(10_000);
  const answered = await agent1.post<CallJson>(`/api/calls/${res.body.id}/answer`);
  expect(answered.body).toMatchObject({ status: 'talking', agentId: agent1.userId });
  expect((await agent2.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
  await fx.advance(5000);
  return res.body.id;
}

describe('attended transfer', () => {
  let callId: string;

  it('consulting puts the caller on hold and rings the target agent with the card', async () => {
    callId = await answeredByAgent1();
    const res = await agent1.post<CallJson>(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'talking', held: true, agentId: agent1.userId, consult: { agentId: agent2.userId, by: agent1.userId, status: 'ringing' } });
    await flush();
    const pops = events2.of('ringing') as ScreenPopJson[];
    // The card follows agent2's own permissions: Ma Fang is agent1's customer, out of agent2's sight.
    expect(pops.at(-1)).toMatchObject({ call: { id: callId, from: '*******6553', consult: { agentId: agent2.userId, status: 'ringing' } }, customer: null });
    // Only the call's agent steers the consultation.
    expect((await agent2.post(`/api/calls/${callId}/complete-transfer`)).status).toBe(403);
    expect((await agent1.post(`/api/calls/${callId}/complete-transfer`)).body.code).toBe('consult_not_answered');
  });

  it('the consulted agent answers; the transfer completes: the caller is with agent2, agent1 wraps up', async () => {
    const answered = await agent2.post<CallJson>(`/api/calls/${callId}/answer`);
    expect(answered.status).toBe(200);
    expect(answered.body.consult).toMatchObject({ status: 'talking' });
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'busy', callId });
    await fx.advance(20_000);
    const done = await agent1.post<CallJson>(`/api/calls/${callId}/complete-transfer`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'talking', agentId: agent2.userId });
    expect(done.body.held).toBeUndefined();
    expect(done.body.consult).toBeUndefined();
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup', callId });
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'busy', callId });
    await flush();
    expect((events1.of('call') as { call: CallJson }[]).at(-1)!.call).toMatchObject({ id: callId, agentId: agent2.userId });
    expect((events2.of('call') as { call: CallJson }[]).at(-1)!.call).toMatchObject({ id: callId, agentId: agent2.userId });

    await fx.advance(30_000);
    const hung = await agent2.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(hung.body).toMatchObject({ status: 'wrapup', hangupBy: 'agent', agentId: agent2.userId });
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup', callId });
  });

  it('the record shows both agents with their times and the transfer', async () => {
    const rec = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    const [p1, p2] = rec.participants!;
    expect(rec.participants).toHaveLength(2);
    expect(p1).toMatchObject({ agentId: agent1.userId, role: 'agent', left: 'transferred' });
    expect(p2).toMatchObject({ agentId: agent2.userId, role: 'agent', left: 'hangup' });
    expect(Date.parse(p2!.joinAt!) - Date.parse(p2!.invitedAt!)).toBe(0);
    expect(Date.parse(p1!.leftAt!) - Date.parse(p2!.joinAt!)).toBe(20_000);
    expect(Date.parse(p2!.leftAt!) - Date.parse(p1!.leftAt!)).toBe(30_000);
    expect(rec.transfers).toEqual([expect.objectContaining({ kind: 'attended', from: agent1.userId, to: agent2.userId, at: p1!.leftAt })]);
    // Both agents find it among their calls; agent1 may read it, still masked.
    for (const a of [agent1, agent2]) expect((await a.get('/api/calls?view=mine')).body.items.map((c: CallJson) => c.id)).toContain(callId);
    const asAgent1 = await agent1.get<CallJson>(`/api/calls/${callId}`);
    expect(asAgent1.body.from).toBe('*******6553');
    expectNoNumber(asAgent1.text, MA_FANG.phone);
    await flush();
    expectNoNumber(events2.raw(), MA_FANG.phone);
    // agent1 is no longer the call's agent: they leave after-call work by choosing a state; agent2 disposes.
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    expect((await agent2.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
    await fx.advance(30_000);
  });
});

describe('a cancelled consultation', () => {
  it('rings a ready agent of the group, then gives the caller back to agent1', async () => {
    const callId = await answeredByAgent1();
    const res = await agent1.post<CallJson>(`/api/calls/${callId}/consult`, { to: { type: 'group', ref: 'sales' } });
    expect(res.status).toBe(200);
    expect(res.body.consult).toMatchObject({ agentId: agent2.userId, target: { type: 'group', ref: 'sales' } });
    expect((await agent1.post(`/api/calls/${callId}/unhold`)).body.code).toBe('consult_in_progress');
    expect((await agent2.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    await fx.advance(10_000);
    const back = await agent1.post<CallJson>(`/api/calls/${callId}/cancel-consult`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'talking', agentId: agent1.userId });
    expect(back.body.held).toBeUndefined();
    expect(back.body.consult).toBeUndefined();
    expect(back.body.participants!.map((p) => [p.role, p.left])).toEqual([['agent', undefined], ['consult', 'cancelled']]);
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'ready', callId: null });
    expect((await agent1.post(`/api/calls/${callId}/cancel-consult`)).body.code).toBe('no_consult');
    const hung = await agent1.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(hung.body).toMatchObject({ status: 'wrapup', agentId: agent1.userId });
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
    await fx.advance(30_000);
  });

  it('a consultation nobody answers stops ringing and gives the caller back', async () => {
    const callId = await answeredByAgent1();
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } })).status).toBe(200);
    await fx.advance(21_000);
    await flush();
    expect(events2.of('offerWithdrawn').map((d) => d.callId)).toContain(callId);
    const now = (await agent1.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(now.consult).toBeUndefined();
    expect(now.participants!.at(-1)).toMatchObject({ agentId: agent2.userId, role: 'consult', left: 'noAnswer' });
    await agent1.post(`/api/calls/${callId}/hangup`);
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
    await fx.advance(30_000);
  });
});

describe('three-way conference', () => {
  it('all three talk; agent1 leaves to after-call work; agent2 and the caller stay', async () => {
    const callId = await answeredByAgent1();
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } })).status).toBe(200);
    expect((await agent1.post(`/api/calls/${callId}/conference`)).body.code).toBe('consult_not_answered');
    expect((await agent2.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    const conf = await agent1.post<CallJson>(`/api/calls/${callId}/conference`);
    expect(conf.status).toBe(200);
    expect(conf.body).toMatchObject({ status: 'talking', conference: true, agentId: agent1.userId });
    expect(conf.body.held).toBeUndefined();
    expect(conf.body.participants!.map((p) => [p.agentId, p.role])).toEqual([[agent1.userId, 'agent'], [agent2.userId, 'conference']]);
    await flush();
    expect((events2.of('call') as { call: CallJson }[]).at(-1)!.call).toMatchObject({ id: callId, conference: true });

    await fx.advance(15_000);
    const left = await agent1.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'talking', agentId: agent2.userId });
    expect(left.body.conference).toBeUndefined();
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup', callId });
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'busy', callId });

    await fx.advance(10_000);
    const hung = await agent2.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(hung.body).toMatchObject({ status: 'wrapup', hangupBy: 'agent', agentId: agent2.userId, talkSec: 30 });
    const rec = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(rec.participants!.map((p) => [p.agentId, p.role, p.left])).toEqual([[agent1.userId, 'agent', 'hangup'], [agent2.userId, 'agent', 'hangup']]);
    // The caller goes on in the flow (the survey) and it ends as usual.
    await fx.advance(30_000);
    const after = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(after.endAt).toBeDefined();
    expect(after.trace!.map((s) => s.node)).toContain('survey');
    await agent1.put('/api/telephony/state', { state: 'ready' });
    expect((await agent2.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
  });

  it('the caller hanging up during a conference ends it for both agents', async () => {
    const res = await admin.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }], hangupAfterMs: 60_000 });
    await agent2.put('/api/telephony/state', { state: 'lunch' });
    await fx.advance(10_000);
    const callId = res.body.id;
    expect((await agent1.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    await agent2.put('/api/telephony/state', { state: 'ready' });
    await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } });
    await agent2.post(`/api/calls/${callId}/answer`);
    await agent1.post(`/api/calls/${callId}/conference`);
    await fx.advance(60_000);
    const rec = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(rec).toMatchObject({ status: 'wrapup', hangupBy: 'caller', agentId: agent1.userId });
    expect(rec.participants!.map((p) => p.left)).toEqual(['caller', 'caller']);
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup' });
    expect((await agent2.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup' });
    await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' });
    await agent2.put('/api/telephony/state', { state: 'ready' });
  });
});

describe('refusals', () => {
  it('not your call: 404 for strangers, 403 for the consulted agent; a target not ready: 409 with a clear message', async () => {
    const callId = await answeredByAgent1();
    expect((await lead.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } })).status).toBe(404);
    expect((await agent2.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent1.userId } })).status).toBe(404);
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent1.userId } })).status).toBe(400);
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'group', ref: 'nope' } })).status).toBe(400);
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'elsewhere', ref: 'x' } })).status).toBe(400);

    await agent2.put('/api/telephony/state', { state: 'lunch' });
    const busy = await agent1.request('POST', `/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } }, { 'accept-language': 'en' });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'consult_agent_not_ready', message: '张伟 Zhang Wei is not ready to take a consultation now' });
    const zh = await agent1.request('POST', `/api/calls/${callId}/consult`, { to: { type: 'group', ref: 'service' } }, { 'accept-language': 'zh' });
    expect(zh.status).toBe(409);
    expect(zh.body).toMatchObject({ code: 'consult_group_not_ready', message: '客服组 没有就绪的坐席可以接听咨询' });

    await agent2.put('/api/telephony/state', { state: 'ready' });
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'agent', ref: agent2.userId } })).status).toBe(200);
    // The consulted agent may read the call but not steer it; a second consultation waits for the first.
    expect((await agent2.get(`/api/calls/${callId}`)).status).toBe(200);
    expect((await agent2.post(`/api/calls/${callId}/cancel-consult`)).status).toBe(403);
    expect((await agent2.post(`/api/calls/${callId}/conference`)).status).toBe(403);
    expect((await agent1.post(`/api/calls/${callId}/consult`, { to: { type: 'group', ref: 'sales' } })).body.code).toBe('consult_in_progress');
    expect((await agent1.post(`/api/calls/${callId}/transfer`, { to: 'sales', type: 'group' })).body.code).toBe('consult_in_progress');
    // The consulted agent declines: the caller is back with agent1.
    const declined = await agent2.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(declined.status).toBe(200);
    const now = (await agent1.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(now.consult).toBeUndefined();
    expect(now.participants!.at(-1)).toMatchObject({ role: 'consult', left: 'declined' });
    expect((await agent2.post(`/api/calls/${callId}/answer`)).status).toBe(404);
  });
});
