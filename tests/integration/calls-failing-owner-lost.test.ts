import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStateJson, CallJson } from '@telesales/schemas';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import type { ApiClient } from '../support/runtime-fixture.js';
import { MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';

// What one runtime process does about calls held by another process that is gone or does not answer (the real
// two-process case, with a killed process: cluster-call-control.test.ts). Here the other process is only a name
// written on the call record, so each case is quick: a silent owner, a lost owner, after-call work it left behind.
process.env.CALL_OWNER_LEASE_MS = '600';
process.env.CALL_COMMAND_TIMEOUT_MS = '300';

let fx: CallsFixture;
let agent1: ApiClient;

beforeAll(async () => {
  // The simulated line's clock starts at the real time: leases are real time, so the two stay comparable.
  fx = await startCallsRuntime(Date.now());
  agent1 = await fx.rt.login('agent1');
});
afterAll(async () => {
  await fx?.close();
});

const calls = () => fx.rt.app.db.collection('calls');
const state = async () => (await agent1.get<AgentStateJson>('/api/telephony/state')).body;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** agent1 calls 马芳, who answers after 3 s and talks for 10 minutes. */
async function talkingCall(): Promise<string> {
  simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 3, talkSec: 600 });
  const res = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
  expect(res.status).toBe(201);
  await fx.advance(4_000);
  expect((await agent1.get<CallJson>(`/api/calls/${res.body.callId}`)).body.status).toBe('talking');
  return res.body.callId;
}

describe('a call held by another runtime process', () => {
  it('that does not take the request in time: 503 call_owner_unreachable, in en and zh, and the call is left as it was', async () => {
    const callId = await talkingCall();
    await calls().updateOne({ _id: callId } as never, { $set: { owner: { process: 'silent-process', until: new Date(Date.now() + 60_000) } } });
    const en = await agent1.request('POST', `/api/calls/${callId}/hold`, undefined, { 'accept-language': 'en' });
    expect(en.status).toBe(503);
    expect(en.body).toEqual({
      statusCode: 503, error: 'Service Unavailable', code: 'call_owner_unreachable',
      message: 'The runtime process carrying this call did not answer in time: try again in a moment',
    });
    const zh = await agent1.request('POST', `/api/calls/${callId}/hold`, undefined, { 'accept-language': 'zh' });
    expect(zh.body).toMatchObject({ code: 'call_owner_unreachable', message: '处理该通话的服务进程暂时没有响应，请稍后重试' });
    // Given up atomically: the silent process would find both commands expired and never carry them out late.
    const sent = await fx.rt.app.db.collection('process_commands').find({ to: 'silent-process' }).toArray();
    expect(sent.map((c) => c.status)).toEqual(['expired', 'expired']);
    expect(await calls().findOne({ _id: callId } as never)).toMatchObject({ status: 'talking' });
    expect((await calls().findOne({ _id: callId } as never))!.held).toBeUndefined();
    // Let the test's own process have it back, and end it.
    await calls().updateOne({ _id: callId } as never, { $set: { owner: { process: 'lost-process', until: new Date(Date.now() - 1) } } });
    await until('the call ended', async () => (await calls().findOne({ _id: callId } as never))?.endAt);
    // the end is written before the agent is moved to after-call work: give the outcome once they are there, as a
    // person does (the console learns of the end after that move)
    await until('agent1 in after-call work', async () => (await state()).kind === 'wrapup');
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
  });

  it('whose lease ran out: ended as processLost (the record kept), the agent in after-call work; controls answer as for an ended call', async () => {
    const callId = await talkingCall();
    const before = await calls().findOne({ _id: callId } as never);
    await calls().updateOne({ _id: callId } as never, { $set: { owner: { process: 'lost-process', until: new Date(Date.now() - 1) } } });
    const ended = await until('the lost call ended', async () => {
      const doc = await calls().findOne({ _id: callId } as never);
      return doc?.endAt && doc;
    });
    expect(ended).toMatchObject({
      status: 'ended', hangupBy: 'system', failure: { cause: 'processLost' }, agentId: before!.agentId, customer: before!.customer, answerAt: before!.answerAt,
    });
    const json = (await agent1.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(json).toMatchObject({ status: 'ended', failure: { cause: 'processLost' } });
    expect(await until('agent1 in after-call work', async () => { const s = await state(); return s.kind === 'wrapup' && s; })).toMatchObject({ kind: 'wrapup', callId });
    const hold = await agent1.request('POST', `/api/calls/${callId}/hold`, undefined, { 'accept-language': 'en' });
    expect(hold.status).toBe(409);
    expect(hold.body).toMatchObject({ code: 'not_talking' });
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
    expect(await state()).toMatchObject({ kind: 'ready' });
  });

  it('after-call work another process started, and whose timer went with it, ends on time here', async () => {
    const callId = await talkingCall();
    await fx.rt.app.calls.table.hangup(callId, 'caller');
    await fx.advance(0);
    const mine = await state();
    expect(mine).toMatchObject({ kind: 'wrapup', callId });
    // As another process would have written it: a stretch this process armed no timer for, already overdue.
    const since = new Date(fx.clock.now() - 70_000);
    await fx.rt.app.db.collection('agent_states').updateOne({ _id: agent1.userId } as never, {
      $set: { since, wrapupEndsAt: new Date(since.getTime() + 60_000) },
    });
    await until('agent1 ready again', async () => (await state()).kind === 'ready');
    expect(await calls().findOne({ _id: callId } as never)).toMatchObject({ status: 'ended', outcomeMissing: expect.anything() });
  });
});
