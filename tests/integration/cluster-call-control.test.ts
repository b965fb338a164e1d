import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Collection } from 'mongodb';
import { listen, openHoursAt, signIn, startCluster, type Cluster, type HttpUser } from '../support/cluster-fixture.js';
import { ENTRY_NUMBER, MA_FANG } from './calls-support.js';

/** Short leases so a lost process is noticed within a few seconds (production: 15 s, CALL_OWNER_LEASE_MS). */
const LEASE_MS = 3_000;
const COMMAND_TIMEOUT_MS = 2_000;
/** A lost process's calls end within the lease, a sweep (a third of it) and this machine's slack. */
const LOST_BOUND_MS = LEASE_MS + LEASE_MS / 3 + 4_000;
const OWNER_UNREACHABLE = [
  '处理该通话的服务进程暂时没有响应，请稍后重试',
  'The runtime process carrying this call did not answer in time: try again in a moment',
];

/** The same person, with HAProxy's cookie sending their requests through the balancer to one runtime. */
function pinned(user: HttpUser, runtime: string): HttpUser {
  const cookie = `${user.cookie}; TSRT=${runtime}`;
  return { ...user, cookie, call: (base, method, path, body) => withCookie(cookie, user.csrfToken)(base, method, path, body) };
}

function withCookie(cookie: string, csrfToken: string) {
  return async (base: string, method: string, path: string, payload?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const t = await r.text();
    return { status: r.status, body: (t ? JSON.parse(t) : undefined) as any };
  };
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Two runtime processes on one database behind HAProxy (`npm run cluster`, real processes). A call runs on the
 * process that started it (its simulated line, flow and timers); its controls may reach either process and are
 * carried out by the owner. When a process dies, the survivor ends that process's calls (and only those) as
 * `processLost`, its agents get after-call work to give the outcome, and their streams reconnect to the survivor.
 */
describe('call control across runtime processes', () => {
  let cluster: Cluster;
  let client: MongoClient;
  let calls: Collection<any>;
  let admin: HttpUser;
  let agent1: HttpUser;
  let agent2: HttpUser;
  let a: string;
  let b: string;

  beforeAll(async () => {
    cluster = await startCluster(2, { CALL_OWNER_LEASE_MS: String(LEASE_MS), CALL_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) });
    [a, b] = cluster.runtimes.map((rt) => rt.url) as [string, string];
    client = await MongoClient.connect(cluster.mongoUri);
    calls = client.db('telesales').collection('calls');
    admin = await signIn(b, 'admin');
    agent1 = await signIn(a, 'agent1');
    agent2 = await signIn(a, 'agent2');
  }, 240_000);

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  }, 60_000);

  /** Ma Fang calls the hotline on `runtime` and presses 1 (known callers go to the sales queue); no keys: she waits in the menu. */
  async function callIn(runtime: string, digits = true): Promise<string> {
    const started = await admin.call(runtime, 'POST', '/api/calls/simulate-inbound', {
      from: MA_FANG.phone, to: ENTRY_NUMBER, at: openHoursAt(), ...(digits ? { digits: [{ afterMs: 300, digits: '1' }] } : {}),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body.id as string;
  }

  it('a call run and answered on B: hold, unhold, transfer, answer and hang-up sent to A are carried out by B', async () => {
    const stream1 = await listen(a, agent1);
    const stream2 = await listen(a, agent2);
    try {
      expect((await agent1.call(a, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
      const callId = await callIn(b);
      await stream1.next('ringing', (d) => d.call.id === callId);
      const owner = (await calls.findOne({ _id: callId }))!.owner;
      expect(owner.until.getTime()).toBeGreaterThan(Date.now());

      const answered = await agent1.call(a, 'POST', `/api/calls/${callId}/answer`);
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(answered.body).toMatchObject({ status: 'talking', agentId: agent1.userId });
      await new Promise((r) => setTimeout(r, 1_500)); // talk time, counted by the line on B

      const held = await agent1.call(a, 'POST', `/api/calls/${callId}/hold`);
      expect(held.status).toBe(200);
      expect(held.body.held).toBe(true);
      expect((await calls.findOne({ _id: callId }))!.held).toBe(true);
      expect((await agent1.call(a, 'POST', `/api/calls/${callId}/unhold`)).status).toBe(200);
      expect((await calls.findOne({ _id: callId }))!.held).toBe(false);

      expect((await agent2.call(a, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
      const moved = await agent1.call(a, 'POST', `/api/calls/${callId}/transfer`, { type: 'agent', to: agent2.userId });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({ status: 'ringing' });
      await stream2.next('ringing', (d) => d.call.id === callId);
      // Talk time comes from B's line: had A handled the answer, B's line would never have started counting it.
      const afterTransfer = (await calls.findOne({ _id: callId }))!;
      expect(afterTransfer.talkSec).toBeGreaterThanOrEqual(1);
      expect(afterTransfer.transfers).toMatchObject([{ kind: 'blind', from: agent1.userId, to: agent2.userId }]);

      expect((await agent2.call(a, 'POST', `/api/calls/${callId}/answer`)).body).toMatchObject({ status: 'talking', agentId: agent2.userId });
      const hungUp = await agent2.call(a, 'POST', `/api/calls/${callId}/hangup`);
      expect(hungUp.status).toBe(200);
      expect(hungUp.body.status).toBe('wrapup');
      expect((await agent2.call(a, 'POST', `/api/calls/${callId}/disposition`, { key: 'interested' })).status).toBe(200);

      const record = (await calls.findOne({ _id: callId }))!;
      expect(record).toMatchObject({ agentId: agent2.userId, hangupBy: 'agent', disposition: { key: 'interested', by: agent2.userId } });
      expect(record.owner.process).toBe(owner.process); // the call never moved
      expect(record.participants.map((p: { agentId: string; left?: string }) => [p.agentId, p.left])).toEqual([
        [agent1.userId, 'transferred'], [agent2.userId, 'hangup'],
      ]);
      // A call started on A belongs to A: the two processes are told apart.
      expect((await agent1.call(a, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
      const onA = await admin.call(a, 'POST', '/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, at: openHoursAt(), hangupAfterMs: 200 });
      expect((await calls.findOne({ _id: onA.body.id }))!.owner.process).not.toBe(owner.process);
    } finally {
      stream1.close();
      stream2.close();
    }
  }, 120_000);

  it('B is killed: only B\'s calls end (processLost, none lost), agents wrap up and their streams reconnect to A through HAProxy', async () => {
    const rtB = cluster.runtimes[1]!;
    // agent1 works through the balancer, pinned to B by its cookie; agent2 on A.
    const viaB = pinned(agent1, rtB.name);
    const stream1 = await listen(cluster.baseUrl, viaB);
    const stream2 = await listen(a, agent2);
    try {
      for (const u of [agent1, agent2]) expect((await u.call(a, 'PUT', '/api/telephony/state', { state: 'lunch' })).status).toBe(200);
      expect((await viaB.call(cluster.baseUrl, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
      const onB = await callIn(b);
      await stream1.next('ringing', (d) => d.call.id === onB);
      expect((await viaB.call(cluster.baseUrl, 'POST', `/api/calls/${onB}/answer`)).body.status).toBe('talking');

      expect((await agent2.call(a, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
      const onA = await callIn(a);
      await stream2.next('ringing', (d) => d.call.id === onA);
      expect((await agent2.call(a, 'POST', `/api/calls/${onA}/answer`)).body.status).toBe('talking');
      const waitingOnB = await callIn(b, false); // still in the hotline's menu
      await new Promise((r) => setTimeout(r, 1_200));
      const before = await calls.countDocuments();
      const answeredOnB = (await calls.findOne({ _id: onB }))!;

      const killedAt = Date.now();
      process.kill(rtB.pid, 'SIGKILL');
      await stream1.ended;

      // B's lease still runs: A hands the request to B, which never takes it.
      const unreachable = await agent1.call(a, 'POST', `/api/calls/${onB}/hold`);
      expect(unreachable.status).toBe(503);
      expect(unreachable.body.code).toBe('call_owner_unreachable');
      expect(OWNER_UNREACHABLE).toContain(unreachable.body.message);

      // Ended, and agent1 moved to after-call work: A writes each call's end first, then its agent's state (the end
      // decides which process handles the loss), and ends the two calls in either order.
      const states = calls.db.collection('agent_states');
      const ended = await until('B\'s calls ended', LOST_BOUND_MS, async () => {
        const docs = await calls.find({ _id: { $in: [onB, waitingOnB] }, endAt: { $exists: true } }).toArray();
        const wrapping = await states.findOne({ _id: agent1.userId as never, kind: 'wrapup', callId: onB });
        return docs.length === 2 && wrapping && docs;
      });
      console.log(`B killed -> its calls ended by A ${Date.now() - killedAt} ms later (lease ${LEASE_MS} ms)`);
      for (const doc of ended) expect(doc).toMatchObject({ status: 'ended', hangupBy: 'system', failure: { cause: 'processLost' } });
      const lost = ended.find((d) => d._id === onB)!;
      // Nothing of the call's record is lost: who, when, the customer; the talk time up to the loss.
      expect(lost).toMatchObject({ agentId: agent1.userId, answerAt: answeredOnB.answerAt, customer: answeredOnB.customer, ringAt: answeredOnB.ringAt });
      expect(lost.talkSec).toBeGreaterThanOrEqual(1);
      expect(lost.endAt.getTime()).toBeLessThanOrEqual(lost.owner.until.getTime());
      expect(await calls.countDocuments()).toBe(before);
      expect(await calls.findOne({ _id: onA })).toMatchObject({ status: 'talking', agentId: agent2.userId });
      expect((await calls.findOne({ _id: onA }))!.endAt).toBeUndefined();

      // The console reconnects as EventSource does: the same address and cookie; HAProxy sends it to A.
      const again = await listen(cluster.baseUrl, viaB);
      try {
        expect(again.frames[0]!.data).toMatchObject({ kind: 'wrapup', callId: onB });
        expect((await viaB.call(cluster.baseUrl, 'GET', `/api/calls/${onB}`)).body.failure).toEqual({ cause: 'processLost' });
        const disposed = await viaB.call(cluster.baseUrl, 'POST', `/api/calls/${onB}/disposition`, { key: 'interested' });
        expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
        await again.next('call', (d) => d.call.id === onB && d.call.disposition?.key === 'interested', 5_000);
        await again.next('state', (s) => s.kind === 'ready', 5_000);
      } finally {
        again.close();
      }

      // A's own call goes on as before.
      expect((await agent2.call(a, 'POST', `/api/calls/${onA}/hold`)).body.held).toBe(true);
      expect((await agent2.call(a, 'POST', `/api/calls/${onA}/hangup`)).body.status).toBe('wrapup');
      expect((await agent2.call(a, 'POST', `/api/calls/${onA}/disposition`, { key: 'interested' })).status).toBe(200);
    } finally {
      stream1.close();
      stream2.close();
    }
  }, 120_000);
});
