import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, WallboardJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, expectNoNumber, MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';
import { openWallboard, type WallboardStream } from './monitoring-support.js';

let fx: CallsFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let stream: WallboardStream;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, lead, agent1, agent2] = await Promise.all([fx.rt.login('admin'), fx.rt.login('lead'), fx.rt.login('agent1'), fx.rt.login('agent2')]);
});
afterAll(async () => {
  stream?.close();
  await fx?.close();
});

const agentOf = (board: WallboardJson, id: string) => board.agents.find((a) => a.id === id);

describe('wallboard scope', () => {
  it('the supervisor sees their team tree (not the admin above it), the admin everyone', async () => {
    const mine = await lead.get<WallboardJson>('/api/monitoring/wallboard');
    expect(mine.status).toBe(200);
    expect(mine.body.agents.map((a) => a.id).sort()).toEqual([agent1.userId, agent2.userId, lead.userId].sort());
    expect(mine.body.queues.map((q) => q.key)).toEqual(['sales', 'service']);
    const all = await admin.get<WallboardJson>('/api/monitoring/wallboard');
    expect(all.body.agents.map((a) => a.id)).toContain(admin.userId);
    expect(all.body.agents).toHaveLength(4);
  });

  it('an agent gets 403 with the sentence, for the snapshot and the stream', async () => {
    const res = await agent1.get('/api/monitoring/wallboard');
    expect(res).toMatchObject({ status: 403, body: { code: 'forbidden_wallboard', message: '只有主管和管理员可以查看实时监控' } });
    const stream = await agent2.get('/api/monitoring/wallboard/events');
    expect(stream).toMatchObject({ status: 403, body: { code: 'forbidden_wallboard', message: 'Only supervisors and admins may see live monitoring' } });
  });
});

describe('wallboard stream', () => {
  let callId: string;

  it('an agent going ready reaches the supervisor\'s stream within 2 s', async () => {
    stream = await openWallboard(fx.rt, 'lead');
    expect(agentOf(stream.boards()[0]!.board, agent1.userId)).toMatchObject({ name: '李娜 Li Na', kind: null, call: null });
    const t0 = Date.now();
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    const { at, board } = await stream.until((b) => agentOf(b, agent1.userId)?.kind === 'ready', 2000, t0);
    expect(at - t0).toBeLessThan(2000);
    expect(agentOf(board, agent1.userId)).toMatchObject({ state: 'ready', stateLabel: { zh: expect.any(String), en: expect.any(String) }, inStateSec: 0 });
  });

  it('a caller waiting shows in the queue; answered, the agent is talking with the masked number and the call\'s duration', async () => {
    expect((await agent2.put('/api/telephony/state', { state: 'lunch' })).status).toBe(200);
    await fx.advance(5000);
    const res = await admin.post<CallJson>('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
    callId = res.body.id;
    const t1 = Date.now();
    await fx.advance(10_000);
    const waiting = await stream.until((b) => (b.queues.find((q) => q.key === 'sales')?.waiting ?? 0) === 1, 2000, t1);
    expect(waiting.board.queues.find((q) => q.key === 'sales')).toMatchObject({ waiting: 1, longestWaitSec: expect.any(Number) });

    await fx.advance(3000);
    const t2 = Date.now();
    expect((await agent1.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    const talking = await stream.until((b) => agentOf(b, agent1.userId)?.kind === 'busy' && !!agentOf(b, agent1.userId)?.call, 2000, t2);
    expect(talking.at - t2).toBeLessThan(2000);
    expect(agentOf(talking.board, agent1.userId)!.call).toEqual({
      id: callId, direction: 'in', status: 'talking', customer: '*******6553', answerAt: expect.any(String), durationSec: 0, monitoredBy: [],
    });
    await fx.advance(42_000);
    const later = await lead.get<WallboardJson>('/api/monitoring/wallboard');
    expect(agentOf(later.body, agent1.userId)!.call!.durationSec).toBe(42);
    expect(agentOf(later.body, agent1.userId)!.inStateSec).toBe(42);
    // The supervisor's role does not unmask: no digits of the number anywhere in what the stream carried.
    expectNoNumber(JSON.stringify(stream.boards()), MA_FANG.phone);
  });

  it('the queue\'s service level counts the call answered within 20 s of queueing, over the calls offered today', async () => {
    const board = (await lead.get<WallboardJson>('/api/monitoring/wallboard')).body;
    const sales = board.queues.find((q) => q.key === 'sales')!;
    expect(sales.waiting).toBe(0);
    expect(sales.serviceLevel).toMatchObject({ thresholdSec: 20, offered: 1 });
    expect(sales.serviceLevel.pct).toBe(sales.serviceLevel.answeredWithin ? 100 : 0);
  });

  it('the admin sees the number unmasked; the call ending frees the agent on the board', async () => {
    const all = (await admin.get<WallboardJson>('/api/monitoring/wallboard')).body;
    expect(agentOf(all, agent1.userId)!.call!.customer).toBe(MA_FANG.phone);
    const t3 = Date.now();
    expect((await agent1.post(`/api/calls/${callId}/hangup`)).status).toBe(200);
    const after = await stream.until((b) => agentOf(b, agent1.userId)?.kind === 'wrapup', 2000, t3);
    expect(agentOf(after.board, agent1.userId)!.call).toBeNull();
  });
});
