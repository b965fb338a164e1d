import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStateJson, CallJson, CallListJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

// A call's outcome is never lost: while agent1 owes one they cannot dial or leave after-call work by hand;
// when the wrap-up state's 60 s run out the call is recorded as "no outcome given", which supervisors can list
// and the agent can still replace with the real outcome.

let fx: CallsFixture;
let agent1: ApiClient;
let lead: ApiClient;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [agent1, lead] = await Promise.all([fx.rt.login('agent1'), fx.rt.login('lead')]);
});
afterAll(async () => {
  await fx?.close();
});

/** agent1 calls 马芳, who answers after 3 s and hangs up after 20 s: agent1 is in after-call work. */
async function callEndedWithAgent1(): Promise<string> {
  simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 3, talkSec: 20 });
  const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
  expect(res.status).toBe(201);
  await fx.advance(24_000);
  expect((await agent1.get<CallJson>(`/api/calls/${res.body.callId}`)).body.status).toBe('wrapup');
  return res.body.callId;
}

const state = async () => (await agent1.get<AgentStateJson>('/api/telephony/state')).body;

describe('an agent who owes the outcome of their last call', () => {
  let callId: string;

  it('sees when after-call work ends, from the server: a reload 20 s in reads 40 s left, not the full minute', async () => {
    callId = await callEndedWithAgent1();
    const first = await state();
    expect(first).toMatchObject({ kind: 'wrapup', callId, wrapupLeftSec: 60 });
    expect(Date.parse(first.wrapupEndsAt!) - Date.parse(first.since!)).toBe(60_000);
    await fx.advance(20_000);
    expect(await state()).toMatchObject({ kind: 'wrapup', wrapupEndsAt: first.wrapupEndsAt, wrapupLeftSec: 40 });
  });

  it('cannot set Ready (or a break) by hand: 409 naming the customer as the agent sees them, in zh and en', async () => {
    const en = await agent1.request('PUT', '/api/telephony/state', { state: 'ready' }, { 'accept-language': 'en' });
    expect(en.status).toBe(409);
    expect(en.body).toMatchObject({ code: 'outcome_required', message: 'Give the outcome of your call with 马芳 (*******6553) first', callId });
    const zh = await agent1.request('PUT', '/api/telephony/state', { state: 'lunch' }, { 'accept-language': 'zh' });
    expect(zh.status).toBe(409);
    expect(zh.body).toMatchObject({ code: 'outcome_required', message: '请先填写与 马芳 (*******6553) 的通话结果' });
    expect(await state()).toMatchObject({ kind: 'wrapup', callId });
  });

  it('cannot dial another call: 409, and no call is created', async () => {
    const before = (await agent1.get<CallListJson>('/api/calls?view=mine')).body.total;
    const res = await agent1.request('POST', '/api/calls/dial', { entity: 'customer', id: MA_FANG.id }, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'outcome_required', callId });
    expect((await agent1.get<CallListJson>('/api/calls?view=mine')).body.total).toBe(before);
  });

  it('gives the outcome: ready again, and dialling works', async () => {
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
    expect(await state()).toMatchObject({ kind: 'ready', callId: null, wrapupEndsAt: null, wrapupLeftSec: null });
    const next = await callEndedWithAgent1();
    expect((await agent1.post(`/api/calls/${next}/disposition`, { key: 'interested' })).status).toBe(200);
  });
});

describe('after-call work that runs out', () => {
  let callId: string;

  it('records the call as "no outcome given" and makes the agent ready', async () => {
    callId = await callEndedWithAgent1();
    const endsAt = (await state()).wrapupEndsAt;
    await fx.advance(59_000);
    expect(await state()).toMatchObject({ kind: 'wrapup', wrapupLeftSec: 1 });
    await fx.advance(1_000);
    expect(await state()).toMatchObject({ kind: 'ready', callId: null, wrapupEndsAt: null });
    const call = (await agent1.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(call).toMatchObject({ status: 'ended', outcomeMissing: { at: endsAt } });
    expect(call.disposition).toBeUndefined();
  });

  it('is listed under the supervisor\'s "no outcome" filter (and the agent\'s), not the calls that have one', async () => {
    const all = await lead.get<CallListJson>('/api/calls?view=all&noOutcome=true');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c) => c.id)).toEqual([callId]);
    expect(all.body.total).toBe(1);
    expect((await agent1.get<CallListJson>('/api/calls?view=mine&noOutcome=true')).body.items.map((c) => c.id)).toEqual([callId]);
    expect((await lead.get<CallListJson>('/api/calls?view=all')).body.total).toBe(3);
  });

  it('the agent can still give the outcome later, which clears the mark and the listing', async () => {
    const res = await agent1.post<CallJson>(`/api/calls/${callId}/disposition`, { key: 'callback', contactAt: '2026-05-05T02:00:00.000Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ended', disposition: { key: 'callback', by: agent1.userId } });
    expect(res.body.outcomeMissing).toBeUndefined();
    expect((await lead.get<CallListJson>('/api/calls?view=all&noOutcome=true')).body.total).toBe(0);
    expect(await state()).toMatchObject({ kind: 'ready', callId: null });
  });

  it('ends on time even when the runtime restarted meanwhile (the deadline is stored, not only a timer)', async () => {
    const restarted = await callEndedWithAgent1();
    // a new process: the old one's timers are gone, it starts from what the database holds
    fx.rt.app.calls.states.stop();
    await fx.rt.app.calls.states.init();
    await fx.advance(60_000);
    expect(await state()).toMatchObject({ kind: 'ready', callId: null });
    expect((await agent1.get<CallJson>(`/api/calls/${restarted}`)).body.outcomeMissing).toBeDefined();
  });
});
