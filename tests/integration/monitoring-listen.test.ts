import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson } from '@telesales/schemas';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';

let fx: CallsFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let outsider: ApiClient;
let callId: string;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, lead, agent1, agent2] = await Promise.all([fx.rt.login('admin'), fx.rt.login('lead'), fx.rt.login('agent1'), fx.rt.login('agent2')]);
  // A supervisor of another team: agent1 is not theirs to monitor.
  const team = await admin.post('/api/teams', { key: 'sales_b', name: { zh: '销售二组', en: 'Sales B' }, parentId: null });
  expect(team.status).toBe(201);
  const user = await admin.post('/api/users', { login: 'lead2', name: 'Lead B', password: 'lead2pass123', role: 'supervisor', teamId: team.body.id, locale: 'en' });
  expect(user.status).toBe(201);
  outsider = await fx.rt.login('lead2', 'lead2pass123');
});
afterAll(async () => { await fx?.close(); });

const hearing = () => simulatedCarrierOf(fx.rt.app.calls)!.hearing(callId);

async function agent1Talking(): Promise<string> {
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
  expect((await agent2.put('/api/telephony/state', { state: 'lunch' })).status).toBe(200);
  const res = await admin.post<CallJson>('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
  await fx.advance(10_000);
  const answered = await agent1.post(`/api/calls/${res.body.id}/answer`);
  expect(answered.body).toMatchObject({ status: 'talking' });
  return res.body.id;
}

describe('failing: who may monitor which call', () => {
  it('a call that is not live yet: 409', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'lunch' })).status).toBe(200);
    const queued = await admin.post<CallJson>('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }], hangupAfterMs: 15_000 });
    await fx.advance(5000);
    const res = await lead.post(`/api/calls/${queued.body.id}/monitor`, { mode: 'listen' });
    expect(res).toMatchObject({ status: 409, body: { code: 'call_not_live', message: '通话未在进行中，无法监听' } });
    await fx.advance(20_000);
  });

  it('an agent, and a supervisor of another team: 403', async () => {
    callId = await agent1Talking();
    expect(await agent2.post(`/api/calls/${callId}/monitor`, { mode: 'listen' })).toMatchObject({
      status: 403, body: { code: 'forbidden_monitor', message: 'Only supervisors and admins may monitor their team\'s calls' },
    });
    expect(await outsider.post(`/api/calls/${callId}/monitor`, { mode: 'barge' })).toMatchObject({
      status: 403, body: { code: 'monitor_outside_team', message: 'The agent on this call is not in your team' },
    });
    expect((await lead.post(`/api/calls/${callId}/monitor`, { mode: 'shout' })).status).toBe(400);
    expect(await lead.post(`/api/calls/${callId}/monitor/stop`)).toMatchObject({ status: 409, body: { code: 'not_monitoring' } });
    expect(hearing()).toBeNull();
  });
});

describe('successful: listen, whisper, barge on the simulated carrier', () => {
  const L = () => `supervisor:${lead.userId}` as const;
  const A = () => `agent:${agent1.userId}` as const;

  it('listen: the supervisor hears both sides, nobody hears them', async () => {
    const res = await lead.post<CallJson>(`/api/calls/${callId}/monitor`, { mode: 'listen' });
    expect(res.status).toBe(200);
    expect(res.body.monitors).toEqual([{ supervisorId: lead.userId, supervisorName: '王组长 Wang (lead)', mode: 'listen', from: expect.any(String) }]);
    const h = hearing()!;
    expect(h[L()].sort()).toEqual(['caller', A()].sort());
    expect(h.caller).toEqual([A()]);
    expect(h[A()]).toEqual(['caller']);
  });

  it('whisper: only the agent hears the supervisor', async () => {
    await fx.advance(10_000);
    const res = await lead.post<CallJson>(`/api/calls/${callId}/monitor`, { mode: 'whisper' });
    expect(res.body.monitors!.map((m) => [m.mode, !!m.to])).toEqual([['listen', true], ['whisper', false]]);
    const h = hearing()!;
    expect(h[A()].sort()).toEqual(['caller', L()].sort());
    expect(h.caller).toEqual([A()]);
  });

  it('barge: everyone hears everyone; the admin may listen too', async () => {
    await fx.advance(10_000);
    await lead.post(`/api/calls/${callId}/monitor`, { mode: 'barge' });
    const adminListens = await admin.post<CallJson>(`/api/calls/${callId}/monitor`, { mode: 'listen' });
    expect(adminListens.status).toBe(200);
    const h = hearing()!;
    const ADMIN = `supervisor:${admin.userId}` as const;
    expect(h.caller.sort()).toEqual([A(), L()].sort());
    expect(h[A()].sort()).toEqual(['caller', L()].sort());
    expect(h[ADMIN].sort()).toEqual(['caller', A(), L()].sort());
    expect(h[L()]).not.toContain(ADMIN);
  });

  it('stop ends the stretch; each is logged on the call, who, mode, from/to, and shown to the agent too', async () => {
    await fx.advance(5000);
    const res = await lead.post<CallJson>(`/api/calls/${callId}/monitor/stop`);
    expect(res.status).toBe(200);
    const mine = res.body.monitors!.filter((m) => m.supervisorId === lead.userId);
    expect(mine.map((m) => m.mode)).toEqual(['listen', 'whisper', 'barge']);
    expect(mine.every((m) => m.to)).toBe(true);
    expect(Date.parse(mine[2]!.to!) - Date.parse(mine[2]!.from)).toBe(5000);
    expect(Object.keys(hearing()!)).not.toContain(`supervisor:${lead.userId}`);
    const seen = await agent1.get<CallJson>(`/api/calls/${callId}`);
    expect(seen.body.monitors).toHaveLength(4);
  });

  it('the call ends: the open stretch ends with it, and monitoring it now is 409', async () => {
    await fx.advance(3000);
    expect((await agent1.post(`/api/calls/${callId}/hangup`)).status).toBe(200);
    const doc = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(doc.monitors!.find((m) => m.supervisorId === admin.userId)!.to).toBeDefined();
    expect(hearing()).toBeNull();
    expect(await lead.post(`/api/calls/${callId}/monitor`, { mode: 'listen' })).toMatchObject({ status: 409, body: { code: 'call_not_live' } });
  });
});
