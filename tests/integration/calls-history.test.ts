import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, CallListJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { expectNoNumber, MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

/**
 * Calls are part of the customer's contact history: the record lists its calls (newest first) for whoever
 * may read the record, and a disposed call is a follow-up of the customer when the agent owns them.
 */
let fx: CallsFixture;
let agent1: ApiClient;
let agent2: ApiClient;
let admin: ApiClient;

const records = () => fx.rt.app.db.collection<{ _id: string; followedUpAt: Date | null; version: number }>('records_customer');
/** Before the manual clock's day, so a follow-up by a call is visibly later. */
const LONG_AGO = new Date('2026-01-05T08:00:00.000Z');

/** Click-to-call a record, the customer answers after 2 s and hangs up after `talkSec`: the call ends in after-call work. */
async function completedCall(agent: ApiClient, recordId: string, phone: string, talkSec: number): Promise<string> {
  simulatedCarrierOf(fx.rt.app.calls)!.script(phone, { outcome: 'answer', ringSec: 2, talkSec });
  const res = await agent.post('/api/calls/dial', { entity: 'customer', id: recordId });
  expect(res.status).toBe(201);
  await fx.advance(3000 + talkSec * 1000);
  expect((await agent.get<CallJson>(`/api/calls/${res.body.callId}`)).body).toMatchObject({ status: 'wrapup', talkSec });
  return res.body.callId;
}

beforeAll(async () => {
  fx = await startCallsRuntime();
  [agent1, agent2, admin] = await Promise.all([fx.rt.login('agent1'), fx.rt.login('agent2'), fx.rt.login('admin')]);
  await records().updateOne({ _id: MA_FANG.id }, { $set: { followedUpAt: LONG_AGO } });
});
afterAll(async () => {
  await fx?.close();
});

describe("a record's calls", () => {
  let firstCall: string;

  it('list the call the owner made, masked for the agent', async () => {
    firstCall = await completedCall(agent1, MA_FANG.id, MA_FANG.phone, 40);
    const res = await agent1.get<CallListJson>(`/api/records/customer/${MA_FANG.id}/calls`);
    expect(res.status).toBe(200);
    expectNoNumber(res.text, MA_FANG.phone);
    expect(res.body).toMatchObject({ total: 1, page: 1 });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      id: firstCall, direction: 'out', to: '*******6553', masked: true, agentId: agent1.userId, agentName: expect.any(String),
      customer: { entity: 'customer', id: MA_FANG.id }, talkSec: 40, status: 'wrapup',
    });
  });

  it('the disposition of the owner\'s call moves followedUpAt, with one update and no log entry', async () => {
    const before = await records().findOne({ _id: MA_FANG.id });
    expect(before!.followedUpAt).toEqual(LONG_AGO);
    const logBefore = (await agent1.get<unknown[]>(`/api/records/customer/${MA_FANG.id}/log`)).body.length;

    const res = await agent1.post<CallJson>(`/api/calls/${firstCall}/disposition`, { key: 'interested' });
    expect(res.status).toBe(200);
    const after = await records().findOne({ _id: MA_FANG.id });
    expect(after!.followedUpAt).toEqual(new Date(res.body.disposition!.at));
    expect(after!.followedUpAt!.getTime()).toBe(fx.clock.now());
    // A system field: neither the record's version nor its operation log changes.
    expect(after!.version).toBe(before!.version);
    expect((await agent1.get<unknown[]>(`/api/records/customer/${MA_FANG.id}/log`)).body).toHaveLength(logBefore);

    const listed = await agent1.get<CallListJson>(`/api/records/customer/${MA_FANG.id}/calls`);
    expect(listed.body.items[0]).toMatchObject({ id: firstCall, status: 'ended', disposition: { key: 'interested', by: agent1.userId } });
  });

  it('a call by someone who does not own the record is in its history, newest first, but is no follow-up', async () => {
    const followed = (await records().findOne({ _id: MA_FANG.id }))!.followedUpAt;
    await fx.advance(60_000);
    const adminCall = await completedCall(admin, MA_FANG.id, MA_FANG.phone, 10);
    expect((await admin.post(`/api/calls/${adminCall}/disposition`, { key: 'callback', contactAt: '2026-05-05T02:00:00.000Z' })).status).toBe(200);
    expect((await records().findOne({ _id: MA_FANG.id }))!.followedUpAt).toEqual(followed);

    // The owner sees the whole contact history, whoever called, still masked.
    const res = await agent1.get<CallListJson>(`/api/records/customer/${MA_FANG.id}/calls`);
    expectNoNumber(res.text, MA_FANG.phone);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((c) => c.id)).toEqual([adminCall, firstCall]);
    expect(res.body.items[0]).toMatchObject({ agentId: admin.userId, to: '*******6553', disposition: { key: 'callback' } });
    // The admin may unmask this entity.
    expect((await admin.get<CallListJson>(`/api/records/customer/${MA_FANG.id}/calls`)).body.items[1]).toMatchObject({ to: `+86${MA_FANG.phone}`, masked: false });
    // Paging.
    const page2 = await agent1.get<CallListJson>(`/api/records/customer/${MA_FANG.id}/calls?page=2&pageSize=1`);
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.body.items.map((c) => c.id)).toEqual([firstCall]);
  });

  it('an outcome that marks the number invalid leaves the record as it is', async () => {
    const created = await agent1.post('/api/records/customer', { values: { name: '测试 Empty', phone: '13900003333', status: 'pending' } });
    expect(created.status).toBe(201);
    await records().updateOne({ _id: created.body.id }, { $set: { followedUpAt: LONG_AGO } });
    const before = await records().findOne({ _id: created.body.id });
    const callId = await completedCall(agent1, created.body.id, '13900003333', 5);
    const res = await agent1.post<CallJson>(`/api/calls/${callId}/disposition`, { key: 'empty_number' });
    expect(res.status).toBe(200);
    expect(res.body.disposition).toMatchObject({ key: 'empty_number', invalidNumber: true });
    expect(await records().findOne({ _id: created.body.id })).toEqual(before);
    expect((await agent1.get<CallListJson>(`/api/records/customer/${created.body.id}/calls`)).body.items.map((c) => c.id)).toEqual([callId]);
  });

  it('another agent, who may not read the record, gets 404 like for a missing record', async () => {
    const res = await agent2.get(`/api/records/customer/${MA_FANG.id}/calls`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expectNoNumber(res.text, MA_FANG.phone);
    expect((await agent1.get('/api/records/customer/no-such-record/calls')).status).toBe(404);
    expect((await agent1.get(`/api/records/nothing/${MA_FANG.id}/calls`)).status).toBe(404);
  });
});
