// Issue 16, "bad input and failure": the process holding a task's dialer is killed (SIGKILL) mid-call. Two runtime
// processes on one embedded database behind HAProxy (`npm run cluster`), TELEPHONY=simulated with the carrier's
// default outcome profile (30% answer, 5-20 s ringing): the survivor takes the lease and keeps dialling, closes what
// the dead one left, no number is dialled twice at once, and every dial has its call record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { listen, openHoursAt, signIn, startCluster, type Cluster, type HttpUser } from '../support/cluster-fixture.js';
import { ENTRY_NUMBER, MA_FANG } from './calls-support.js';
import { id, renewalTask } from './outbound-support.js';

const TASK = 'failover_task';
const NUMBERS = 300;
/**
 * Calls' owner leases longer than the dialer's 5 s lease, as in production (15 s): the new holder takes the task
 * while the dead one's calls are still under their owner's lease, so it must leave them to be ended as lost calls
 * (the agent on one wraps it up) before their numbers move on.
 */
const CALL_LEASE_MS = 8_000;
/** The dialer's lease (dialers.ts LEASE_MS) runs out, a tick takes it, with this machine's slack. */
const TAKEOVER_BOUND_MS = 5_000 + 1_000 + 4_000;
const ALL_DAY = ['00:00-24:00'];

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
 * An agent at the console over HTTP: answers what rings, talks a second, hangs up and gives the outcome of every
 * call that comes to wrap-up (its own hang-up, or a call its process lost). Listens on every runtime (which one will
 * hold the dialer is known only once it dials) and acts on `target()`.
 */
async function workAsAgent(bases: string[], user: HttpUser, target: () => string) {
  const streams = await Promise.all(bases.map((b) => listen(b, user)));
  const handled = new Set<string>();
  let stopped = false;
  const errors: string[] = [];
  const act = async (method: string, path: string, body?: unknown) => {
    const r = await user.call(target(), method, path, body);
    // 503: a call whose process just died (call_owner_unreachable) is expected around the kill.
    if (r.status >= 500 && r.status !== 503) errors.push(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const loop = (async () => {
    const seen = streams.map(() => 0);
    while (!stopped) {
      const frames = streams.flatMap((s, i) => { const fresh = s.frames.slice(seen[i]); seen[i] = s.frames.length; return fresh; });
      for (const f of frames) {
        if (f.event === 'ringing' && !handled.has(`ring:${f.data.call.id}`)) {
          const callId = f.data.call.id as string;
          handled.add(`ring:${callId}`);
          const answered = await act('POST', `/api/calls/${callId}/answer`);
          if (answered.status === 200) {
            await new Promise((r) => setTimeout(r, 1_000));
            await act('POST', `/api/calls/${callId}/hangup`);
          }
        }
        if (f.event === 'state' && f.data.kind === 'wrapup' && f.data.callId && !handled.has(`wrap:${f.data.callId}`)) {
          handled.add(`wrap:${f.data.callId}`);
          await act('POST', `/api/calls/${f.data.callId}/disposition`, { key: 'interested' });
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { errors, stop: async () => { stopped = true; await loop; for (const s of streams) s.close(); } };
}

describe('the process holding a task\'s dialer is killed mid-call', () => {
  let cluster: Cluster;
  let client: MongoClient;
  let db: Db;
  let admin: HttpUser;

  beforeAll(async () => {
    cluster = await startCluster(2, { CALL_OWNER_LEASE_MS: String(CALL_LEASE_MS) });
    client = await MongoClient.connect(cluster.mongoUri);
    db = client.db('telesales');
    admin = await signIn(cluster.runtimes[0]!.url, 'admin');
    // Two more agents like agent1 (same role, team and password).
    const users = db.collection<any>('users');
    const base = (await users.findOne({ login: 'agent1' }))!;
    for (const n of [3, 4]) await users.insertOne({ ...base, _id: `agent-${n}`, login: `agent${n}`, name: `Agent ${n}` });
  }, 240_000);

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  }, 60_000);

  it('the survivor takes the lease and keeps dialling; the dead one\'s calls end, their numbers move on; no number dialled twice at once; one call record per dial', async () => {
    const def = renewalTask({
      id: id(990), key: TASK, label: { zh: '故障切换任务', en: 'Failover task' }, dialMode: 'predictive', maxConcurrent: 10,
      ringTimeoutSec: 10, wrapupSec: 5, agents: [{ type: 'role', ref: 'agent' }],
      schedule: { timeZone: 'Asia/Shanghai', week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY } },
    });
    const rt1 = cluster.runtimes[0]!.url;
    expect((await admin.call(rt1, 'POST', '/api/definitions', def)).status).toBe(201);
    expect((await admin.call(rt1, 'POST', `/api/definitions/campaign/${TASK}/publish`, { message: 'failover' })).status).toBe(200);
    const createdAt = new Date();
    await db.collection<any>('task_numbers').insertMany(Array.from({ length: NUMBERS }, (_, i) => ({
      _id: `f${i}`, task: TASK, phone: `+86137${String(i).padStart(8, '0')}`, values: { name: `Number ${i}` }, state: 'fresh', attempts: 0, createdAt,
    })));
    const runs = db.collection<any>('outbound_tasks');
    const calls = db.collection<any>('calls');
    const dialLog = db.collection<any>('dial_log');
    // Four agents join and are ready before the start (a predictive task dials for ready agents only); once the
    // holder is known they act on the other process: its offers reach them through the database, answers go back.
    const runtimeUrls = cluster.runtimes.map((rt) => rt.url);
    let actOn = rt1;
    const agents: Awaited<ReturnType<typeof workAsAgent>>[] = [];
    try {
      for (const login of ['agent1', 'agent2', 'agent3', 'agent4']) {
        const u = await signIn(rt1, login, 'agent123');
        expect((await u.call(rt1, 'POST', `/api/outbound/tasks/${TASK}/join`)).status).toBe(200);
        expect((await u.call(rt1, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
        agents.push(await workAsAgent(runtimeUrls, u, () => actOn));
      }
      await until('the task\'s run document', 10_000, () => runs.findOne({ _id: TASK }));
      const started = await admin.call(rt1, 'POST', `/api/outbound/tasks/${TASK}/status`, { status: 'running' });
      expect(started.status, JSON.stringify(started.body)).toBe(200);

      // Which process holds the lease: the dialer's calls carry their process's id, as does a call started on rt1.
      const holderLease = (await until('a lease holder', 10_000, async () => (await runs.findOne({ _id: TASK, leaseOwner: { $ne: null } }))))!.leaseOwner as string;
      const firstDial = await until('a first dial', 15_000, () => calls.findOne({ 'task.key': TASK }));
      const onRt1 = await admin.call(rt1, 'POST', '/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, at: openHoursAt(), hangupAfterMs: 200 });
      expect(onRt1.status).toBe(201);
      const rt1Process = (await calls.findOne({ _id: onRt1.body.id }))!.owner.process as string;
      const deadProcess = firstDial.owner.process as string;
      const [holder, survivor] = deadProcess === rt1Process ? [cluster.runtimes[0]!, cluster.runtimes[1]!] : [cluster.runtimes[1]!, cluster.runtimes[0]!];
      actOn = survivor.url;

      // Work under way on the holder: calls up, at least one with an agent.
      await until('calls live on the holder, one connected', 40_000, async () =>
        (await calls.countDocuments({ 'task.key': TASK, endAt: { $exists: false } })) >= 2
        && (await calls.countDocuments({ 'task.key': TASK, agentId: { $ne: null }, endAt: { $exists: false } })) >= 1);
      const liveAtKill = await calls.find({ 'task.key': TASK, endAt: { $exists: false } }).toArray();
      const killedAt = Date.now();
      process.kill(holder.pid, 'SIGKILL');

      // The survivor takes the lease and dials.
      const taken = await until('the lease taken over', TAKEOVER_BOUND_MS, () =>
        runs.findOne({ _id: TASK, leaseOwner: { $nin: [null, holderLease] }, leaseUntil: { $gt: new Date() } }));
      const newLease = taken.leaseOwner as string;
      console.log(`holder killed -> lease taken ${Date.now() - killedAt} ms later; ${liveAtKill.length} calls were live`);
      await until('new dials by the survivor', 20_000, () => dialLog.findOne({ task: TASK, by: newLease, at: { $gt: new Date(killedAt) } }));

      // Everything the dead one left is ended and its number moved on by its rule.
      expect(liveAtKill.every((c) => c.owner.process === deadProcess)).toBe(true);
      const ids = liveAtKill.map((c) => c._id);
      const ended = await until('the dead one\'s calls ended', CALL_LEASE_MS + 4_000, async () => {
        const docs = await calls.find({ _id: { $in: ids }, endAt: { $exists: true } }).toArray();
        return docs.length === ids.length && docs;
      });
      for (const c of ended) {
        expect(c.status).toBe('ended');
        expect(['processLost', 'failed']).toContain(c.failure?.cause);
      }
      await until('their numbers moved on', 10_000, async () => {
        const numbers = await db.collection<any>('task_numbers').find({ _id: { $in: liveAtKill.map((c) => c.task.numberId) } }).toArray();
        return numbers.every((n) => n.state !== 'dialling' || !ids.includes(n.lastCallId)) && numbers;
      });
      // The agent on a lost call wraps it up on the survivor and gives its outcome: the number takes the disposition's rule.
      const connected = liveAtKill.filter((c) => c.agentId);
      await until('the lost connected calls disposed', 10_000, async () =>
        (await calls.countDocuments({ _id: { $in: connected.map((c) => c._id) }, 'disposition.key': 'interested' })) === connected.length);
      await new Promise((r) => setTimeout(r, 3_000)); // the survivor dials on a while

      expect((await admin.call(survivor.url, 'POST', `/api/outbound/tasks/${TASK}/status`, { status: 'paused' })).status).toBe(200);
      const dials = await dialLog.find({ task: TASK }).toArray();
      const records = await calls.find({ 'task.key': TASK }).toArray();
      // Before the kill only the holder dialled, after it only the survivor.
      expect(new Set(dials.filter((d) => d.at.getTime() <= killedAt).map((d) => d.by))).toEqual(new Set([holderLease]));
      expect(new Set(dials.filter((d) => d.at.getTime() > killedAt).map((d) => d.by))).toEqual(new Set([newLease]));
      // One call record per dial, the same number.
      const byId = new Map(records.map((c) => [c._id, c]));
      expect(records.length).toBe(dials.length);
      for (const d of dials) expect(byId.get(d._id)?.task.numberId, d._id).toBe(d.numberId);
      // No number dialled again before its last call ended (the dead one's calls end when their lease ran out).
      const byPhone = new Map<string, any[]>();
      for (const c of records) byPhone.set(c.to, [...(byPhone.get(c.to) ?? []), c]);
      for (const [phone, list] of byPhone) {
        list.sort((x, y) => x.ringAt - y.ringAt);
        for (let i = 1; i < list.length; i++) {
          expect(list[i - 1].endAt, `${phone}: an earlier call still up`).toBeDefined();
          expect(list[i].ringAt.getTime(), `${phone} dialled while its call was up`).toBeGreaterThanOrEqual(list[i - 1].endAt.getTime());
        }
      }
      const numbers = await db.collection<any>('task_numbers').find({ task: TASK }).toArray();
      const perNumber = new Map<string, number>();
      for (const c of records) perNumber.set(c.task.numberId, (perNumber.get(c.task.numberId) ?? 0) + 1);
      for (const n of numbers) expect(n.attempts, n._id).toBe(perNumber.get(n._id) ?? 0);
      console.log({ dials: dials.length, beforeKill: dials.filter((d) => d.by === holderLease).length, afterKill: dials.filter((d) => d.by === newLease).length });
      for (const a of agents) expect(a.errors).toEqual([]);
    } finally {
      for (const a of agents) await a.stop();
    }
  }, 150_000);
});
