import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPopJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, expectNoNumber, flush, MA_FANG, openEvents, startCallsRuntime, type CallsFixture, type EventStream } from './calls-support.js';

// The screen pop's two ends on the server: the new-customer form of an unknown caller (the number comes from the
// call record, never from the page) and the drawer's history read back after a reload.
const STRANGER = '13912345678';

let fx: CallsFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let events1: EventStream;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1, agent2] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1'), fx.rt.login('agent2')]);
  events1 = await openEvents(fx.rt, 'agent1');
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
});
afterAll(async () => {
  events1?.close();
  await fx?.close();
});

/**
 * A caller rings the hotline (Mandarin), the call rings on agent1 and agent1 answers it. A known caller goes
 * straight to their owner's group; an unknown one picks "sales" in the main menu first.
 */
async function answeredCall(from: string, known: boolean): Promise<string> {
  const digits = [{ afterMs: 500, digits: '1' }, ...(known ? [] : [{ afterMs: 9000, digits: '1' }])];
  const res = await admin.post('/api/calls/simulate-inbound', { from, to: ENTRY_NUMBER, digits });
  expect(res.status).toBe(201);
  await fx.advance(known ? 10_000 : 20_000);
  await flush();
  expect((await agent1.post(`/api/calls/${res.body.id}/answer`)).status).toBe(200);
  return res.body.id as string;
}

async function finish(callId: string): Promise<void> {
  await agent1.post(`/api/calls/${callId}/hangup`);
  expect((await agent1.post(`/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);
  await fx.advance(60_000);
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
}

describe('the new-customer form of an unknown caller', () => {
  let callId: string;
  let customerId: string;

  it('only the agent who took the call may create from it', async () => {
    callId = await answeredCall(STRANGER, false);
    const other = await agent2.post(`/api/calls/${callId}/caller-record`, { entity: 'customer', values: { name: '来电新客户' } });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('call_not_found');
  });

  it('fills the phone from the call record, whatever the form sent, and answers with the number masked', async () => {
    const res = await agent1.post(`/api/calls/${callId}/caller-record`, { entity: 'customer', values: { name: '来电新客户', phone: '138****0000' } });
    expect(res.status).toBe(201);
    expect(res.body.values).toMatchObject({ name: '来电新客户', phone: '*******5678' });
    expectNoNumber(res.text, STRANGER);
    customerId = res.body.id;
    const stored = await admin.get(`/api/records/customer/${customerId}`);
    expect(stored.body.values.phone).toBe(`+86${STRANGER}`);
    expect(stored.body.ownerId).toBe(agent1.userId);
  });

  it('links the call to the new customer', async () => {
    expect((await admin.get(`/api/calls/${callId}`)).body.customer).toEqual({ entity: 'customer', id: customerId });
    await finish(callId);
  });
});

describe('the screen pops drawer after a reload', () => {
  it('lists my latest inbound calls with the customer as I may see them, newest first, nothing for others', async () => {
    const known = await answeredCall(MA_FANG.phone, true);
    const res = await agent1.get<{ items: ScreenPopJson[] }>('/api/calls/pops');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p) => p.call.id)[0]).toBe(known);
    expect(res.body.items[0]).toMatchObject({ entity: 'customer', customer: { id: MA_FANG.id, values: { phone: '*******6553' } } });
    expect(res.body.items[1]!.customer).toMatchObject({ values: { name: '来电新客户' } });
    expectNoNumber(res.text, STRANGER);
    expectNoNumber(res.text, MA_FANG.phone);
    expect((await agent2.get<{ items: ScreenPopJson[] }>('/api/calls/pops')).body.items).toEqual([]);
    await finish(known);
  });
});
