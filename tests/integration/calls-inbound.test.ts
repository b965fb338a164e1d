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

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1, agent2, lead] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1'), fx.rt.login('agent2'), fx.rt.login('lead')]);
  events1 = await openEvents(fx.rt, 'agent1');
});
afterAll(async () => {
  events1?.close();
  await fx?.close();
});

describe('an inbound call through the template\'s hotline flow', () => {
  let callId: string;

  it('only admins simulate callers, and only to numbers a published flow answers', async () => {
    expect((await agent1.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER })).status).toBe(403);
    const none = await admin.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: '+861099999999' });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('no_flow_for_number');
  });

  it('queues the known caller and rings the ready agent of group sales with the customer\'s card', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).body).toMatchObject({ state: 'ready', kind: 'ready' });
    // The caller picks Mandarin while the greeting plays.
    const res = await admin.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
    expect(res.status).toBe(201);
    callId = res.body.id;
    await fx.advance(10_000);
    await flush();
    const pops = events1.of('ringing') as ScreenPopJson[];
    expect(pops).toHaveLength(1);
    expect(pops[0]!.call).toMatchObject({ id: callId, direction: 'in', from: '*******6553', to: ENTRY_NUMBER, queue: 'sales', status: 'ringing' });
    expect(pops[0]!.customer).toMatchObject({ id: MA_FANG.id, values: { name: '马芳', phone: '*******6553' } });
    expect(pops[0]!.customer!.masked).toContain('phone');
  });

  it('the agent answers, talks, and hangs up; the caller goes on to the survey; the agent wraps up', async () => {
    const answered = await agent1.post<CallJson>(`/api/calls/${callId}/answer`);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'talking', agentId: agent1.userId, from: '*******6553' });
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'busy' });
    for (const action of ['hold', 'unhold', 'mute', 'unmute']) expect((await agent1.post(`/api/calls/${callId}/${action}`)).status).toBe(200);
    expect((await agent1.post(`/api/calls/${callId}/dtmf`, { digits: '12#' })).status).toBe(200);
    await fx.advance(30_000);
    const hung = await agent1.post<CallJson>(`/api/calls/${callId}/hangup`);
    expect(hung.body).toMatchObject({ status: 'wrapup', hangupBy: 'agent', talkSec: 30 });
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'wrapup', callId });
    // The survey asks, nobody keys in, the flow says goodbye and hangs up.
    await fx.advance(30_000);
    const after = await admin.get<CallJson>(`/api/calls/${callId}`);
    expect(after.body.endAt).toBeDefined();
    expect(after.body.trace!.map((s) => s.node)).toEqual(expect.arrayContaining(['entry', 'hours', 'language', 'lookup', 'greet_known', 'sales_queue', 'survey', 'goodbye']));
  });

  it('the disposition follows the published outcomes\' rules', async () => {
    const unknown = await agent1.post(`/api/calls/${callId}/disposition`, { key: 'maybe' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_disposition', errors: [{ path: '/key' }] });
    const noNote = await agent1.post(`/api/calls/${callId}/disposition`, { key: 'deal' });
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ code: 'note_required', message: '选择“成交”时必须填写备注', errors: [{ path: '/note' }] });
    const noPlan = await agent1.request('POST', `/api/calls/${callId}/disposition`, { key: 'callback' }, { 'accept-language': 'zh' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.code).toBe('contact_required');
    expect((await agent2.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(404);

    const contactAt = '2026-05-05T02:00:00.000Z';
    const ok = await agent1.post<CallJson>(`/api/calls/${callId}/disposition`, { key: 'callback', contactAt, note: '明天上午回电' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ended', disposition: { key: 'callback', contactAt, note: '明天上午回电', by: agent1.userId } });
    expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'deal', note: 'x' })).status).toBe(409);
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'ready', callId: null });
  });

  it('the call record has times, trace and disposition; numbers masked per role, step variables for designers only', async () => {
    const asAdmin = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(asAdmin).toMatchObject({ from: MA_FANG.phone, masked: false, customer: { entity: 'customer', id: MA_FANG.id }, flow: { key: 'inbound', version: 1 } });
    expect(Date.parse(asAdmin.ringAt)).toBeLessThan(Date.parse(asAdmin.answerAt!));
    expect(Date.parse(asAdmin.answerAt!)).toBeLessThan(Date.parse(asAdmin.endAt!));
    expect(asAdmin.trace!.some((s) => s.vars)).toBe(true);

    const asAgent = await agent1.get<CallJson>(`/api/calls/${callId}`);
    expect(asAgent.body).toMatchObject({ from: '*******6553', masked: true });
    expect(asAgent.body.trace!.some((s) => s.vars)).toBe(false);
    expectNoNumber(asAgent.text, MA_FANG.phone);
    const asLead = await lead.get<CallJson>(`/api/calls/${callId}`);
    expect(asLead.body.from).toBe('*******6553');
    await flush();
    expectNoNumber(events1.raw(), MA_FANG.phone);
  });

  it('lists: mine and incoming for the agent, all for supervisors only', async () => {
    expect((await agent1.get('/api/calls?view=mine')).body.items.map((c: CallJson) => c.id)).toContain(callId);
    expect((await agent1.get('/api/calls?view=incoming')).body.items.map((c: CallJson) => c.id)).toContain(callId);
    expect((await agent1.get('/api/calls?view=all')).status).toBe(403);
    expect((await agent2.get('/api/calls?view=incoming')).body.total).toBe(0);
    expect((await agent2.get(`/api/calls/${callId}`)).status).toBe(404);
    const all = await lead.get('/api/calls?view=all&q=callback');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: CallJson) => c.id)).toEqual([callId]);
    expect((await admin.get(`/api/calls?view=all&q=${MA_FANG.phone.slice(-6)}`)).body.total).toBe(1);
    // A masked reader's digits search nothing (guessing numbers finds no call).
    expect((await lead.get(`/api/calls?view=all&q=${MA_FANG.phone.slice(-6)}`)).body.total).toBe(0);
  });
});

describe('queues without a ready agent', () => {
  it('an unknown caller whose agent is on a break overflows to voicemail after the maximum wait', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'lunch' })).status).toBe(200);
    const res = await admin.post('/api/calls/simulate-inbound', { from: '13700000000', to: '4008001234', digits: [{ afterMs: 500, digits: '1' }, { afterMs: 9000, digits: '1' }] });
    expect(res.status).toBe(201);
    await fx.advance(20_000);
    expect((await admin.get<CallJson>(`/api/calls/${res.body.id}`)).body).toMatchObject({ status: 'queued', queue: 'sales', customer: null });
    await fx.advance(300_000);
    const ended = (await admin.get<CallJson>(`/api/calls/${res.body.id}`)).body;
    // the simulated caller leaves a message of the simulated length (no audio file without SIP)
    expect(ended).toMatchObject({ status: 'ended', agentId: null, voicemailSec: 10 });
    expect(ended.recording).toBeUndefined();
    expect(ended.trace!.map((s) => s.node)).toEqual(expect.arrayContaining(['main_menu', 'sales_queue', 'busy_voicemail']));
    expect(events1.of('ringing')).toHaveLength(1);
  });

  it('a caller waiting in the queue rings the agent who comes back ready; hanging up takes the offer back', async () => {
    const res = await admin.post('/api/calls/simulate-inbound', { from: '13700000001', to: '4008001234', digits: [{ afterMs: 500, digits: '1' }, { afterMs: 9000, digits: '1' }], hangupAfterMs: 40_000 });
    await fx.advance(20_000);
    expect((await admin.get<CallJson>(`/api/calls/${res.body.id}`)).body.status).toBe('queued');
    await agent1.put('/api/telephony/state', { state: 'ready' });
    await fx.advance(1000);
    await flush();
    const pops = events1.of('ringing') as ScreenPopJson[];
    expect(pops.at(-1)).toMatchObject({ call: { id: res.body.id, status: 'ringing' }, customer: null });
    await fx.advance(20_000);
    await flush();
    expect(events1.of('offerWithdrawn').map((d) => d.callId)).toContain(res.body.id);
    expect((await admin.get<CallJson>(`/api/calls/${res.body.id}`)).body).toMatchObject({ status: 'ended', hangupBy: 'caller' });
  });

  it('agent states: unknown keys refused; today\'s online and busy seconds add up', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'nap' })).status).toBe(400);
    const state = (await agent1.get('/api/telephony/state')).body;
    expect(state.onlineSec).toBeGreaterThan(300);
    expect(state.busySec).toBeGreaterThanOrEqual(30);
    expect(state.states.map((s: { key: string }) => s.key)).toEqual(['ready', 'busy', 'wrapup', 'lunch', 'training']);
  });
});
