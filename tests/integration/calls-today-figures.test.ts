import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, MA_FANG, OPEN_HOURS, startCallsRuntime, type CallsFixture } from './calls-support.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

// The workbench's daily figures (GET /api/calls/today): outbound placed, outbound connected, inbound answered,
// talk seconds, counted from midnight in the workspace's time zone (Asia/Shanghai by default). The clock stands at
// Monday 2026-05-04 10:00 in Shanghai, 02:00 UTC: Shanghai's today began at 2026-05-03 16:00 UTC.

let fx: CallsFixture;
let admin: ApiClient;
let agent1: ApiClient;
let lead: ApiClient;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1, lead] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1'), fx.rt.login('lead')]);
});
afterAll(async () => {
  await fx?.close();
});

/** A finished outbound call of agent1 written straight into the call records, as if made at `ringAt`. */
async function pastCall(id: string, ringAt: string, talkSec: number, extra: Record<string, unknown> = {}) {
  const at = new Date(ringAt);
  await fx.rt.app.db.collection('calls').insertOne({
    _id: id as never, direction: 'out', from: '+862160000000', to: MA_FANG.phone, phoneEntity: 'customer', agentId: agent1.userId,
    customer: { entity: 'customer', id: MA_FANG.id }, ringAt: at, answerAt: new Date(at.getTime() + 3000),
    endAt: new Date(at.getTime() + 3000 + talkSec * 1000), talkSec, status: 'ended', hangupBy: 'caller', updatedAt: at, ...extra,
  });
}

describe('today\'s figures on the workbench', () => {
  it('start at zero for a new day', async () => {
    expect(fx.clock.now()).toBe(OPEN_HOURS);
    const res = await agent1.get('/api/calls/today');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ day: '2026-05-04', timeZone: 'Asia/Shanghai', outbound: 0, connected: 0, inbound: 0, talkSec: 0 });
  });

  it('count two outbound calls (one answered, one busy) and one inbound answered; a call of yesterday is not counted', async () => {
    // Yesterday 23:30 in Shanghai (15:30 UTC): before today's midnight in the zone.
    await pastCall('yesterday-late', '2026-05-03T15:30:00.000Z', 600);

    simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'answer', ringSec: 3, talkSec: 40 });
    const answered = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
    expect(answered.status).toBe(201);
    await fx.advance(45_000);
    expect((await agent1.post(`/api/calls/${answered.body.callId}/disposition`, { key: 'interested' })).status).toBe(200);

    simulatedCarrierOf(fx.rt.app.calls)!.script(MA_FANG.phone, { outcome: 'busy' });
    const busy = await agent1.post('/api/calls/dial', { entity: 'customer', id: MA_FANG.id });
    expect(busy.status).toBe(201);
    await fx.advance(5_000);
    expect((await agent1.post(`/api/calls/${busy.body.callId}/disposition`, { key: 'busy' })).status).toBe(200);

    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    const inbound = await admin.post('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
    expect(inbound.status).toBe(201);
    await fx.advance(10_000);
    expect((await agent1.post(`/api/calls/${inbound.body.id}/answer`)).status).toBe(200);
    await fx.advance(30_000);
    expect((await agent1.post(`/api/calls/${inbound.body.id}/hangup`)).body).toMatchObject({ talkSec: 30 });

    const res = await agent1.get('/api/calls/today');
    expect(res.body).toMatchObject({ day: '2026-05-04', outbound: 2, connected: 1, inbound: 1, talkSec: 70 });
  });

  it('a call at 01:00 in Shanghai is today\'s even though it was yesterday in UTC', async () => {
    await pastCall('early-today', '2026-05-03T17:00:00.000Z', 25);
    expect((await agent1.get('/api/calls/today')).body).toMatchObject({ outbound: 3, connected: 2, inbound: 1, talkSec: 95 });
  });

  it('count no talk time for a call that carried no audio (noMedia), however long its line was up', async () => {
    await pastCall('dead-line', '2026-05-04T01:00:00.000Z', 37, { failure: { cause: 'noMedia', missing: 'customer' }, hangupBy: 'system' });
    // Placed and answered (the trunk said 200 OK), so outbound and connected count it; its 37 s are not talk.
    expect((await agent1.get('/api/calls/today')).body).toMatchObject({ outbound: 4, connected: 3, inbound: 1, talkSec: 95 });
    await fx.rt.app.db.collection('calls').deleteOne({ _id: 'dead-line' as never });
  });

  it('are the asker\'s own; a supervisor may ask for their data scope', async () => {
    expect((await lead.get('/api/calls/today')).body).toMatchObject({ outbound: 0, connected: 0, inbound: 0, talkSec: 0 });
    expect((await lead.get('/api/calls/today?scope=team')).body).toMatchObject({ outbound: 3, connected: 2, inbound: 1, talkSec: 95 });
    // An agent's data scope is their own calls: scope=team shows no one else's.
    expect((await agent1.get('/api/calls/today?scope=team')).body).toMatchObject({ outbound: 3, inbound: 1 });
  });

  it('refuse an unknown scope with the field path', async () => {
    const res = await agent1.get('/api/calls/today?scope=everyone');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/querystring/scope', code: 'enum' }] });
  });
});

describe('a new day where the agents work', () => {
  it('begins at midnight in Shanghai: the call figures and the phone\'s online time start again from zero', async () => {
    // Dispose of the inbound call above, then sit Ready from 23:50 until 00:10 in Shanghai (15:50-16:10 UTC).
    const open = (await agent1.get('/api/calls?view=mine&noOutcome=true')).body.items as { id: string }[];
    for (const call of open) expect((await agent1.post(`/api/calls/${call.id}/disposition`, { key: 'interested' })).status).toBe(200);
    await fx.advance(Date.parse('2026-05-04T15:50:00.000Z') - fx.clock.now());
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).body).toMatchObject({ state: 'ready' });
    await fx.advance(20 * 60_000);

    expect((await agent1.get('/api/calls/today')).body).toEqual({ day: '2026-05-05', timeZone: 'Asia/Shanghai', outbound: 0, connected: 0, inbound: 0, talkSec: 0 });
    // Only the ten minutes since midnight there count today (not the 20 of the UTC day, nor yesterday's hours).
    expect((await agent1.get('/api/telephony/state')).body).toMatchObject({ state: 'ready', onlineSec: 600, busySec: 0 });
  });
});
