// An outbound task runs a simulated working day on an accelerated clock: 10 agents, 2,000 numbers, a predictive
// dialer on the simulated carrier with the task's outcome profile. Real runtime, real embedded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDoc } from '@telesales/runtime/calls/call-doc';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { dialLogCollection } from '@telesales/runtime/outbound/dial-log';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { addNumbers, agents, publishTask, renewalTask, simulatedAgents, type AgentLog } from './outbound-support.js';

const NUMBERS = Number(process.env.OUTBOUND_NUMBERS ?? 2000);
/** Monday 2026-05-04 09:00 in Shanghai. */
const START = Date.parse('2026-05-04T01:00:00.000Z');
const DAY_MS = 9 * 3_600_000;

let f: CallsFixture;
let log: AgentLog;
let agentIds: string[];
let maxLive = 0;

beforeAll(async () => {
  f = await startCallsRuntime(START);
  const { app } = f.rt;
  const admin = await f.rt.login('admin');
  await publishTask(admin, renewalTask());
  await addNumbers(app, 'day_renewal', NUMBERS, new Date(START));
  agentIds = await agents(app, 8);
  log = simulatedAgents(app);
  simulatedCarrierOf(app.calls)!.setProfile('day_renewal', {
    answerRate: 0.35, busy: 0.15, emptyNumber: 0.05, switchedOff: 0.04, suspended: 0.02, answeringMachine: 0.04,
    ringSec: { min: 4, max: 18 }, talkSec: { mean: 60 }, seed: 7,
  });
  for (const a of agentIds) await app.calls.states.set(a, 'ready');
  for (const a of agentIds) await app.outbound.join('day_renewal', a, true);
  await app.outbound.setStatus('day_renewal', 'running');
  // Watch concurrency at every step of the day.
  const calls = app.calls;
  const dialer = () => app.outbound.dialers.get('day_renewal');
  const advance = f.clock.advance.bind(f.clock);
  f.advance = (ms) => advance(ms, async () => { await calls.settled(); maxLive = Math.max(maxLive, dialer()?.live.size ?? 0); });
  // The task runs from the window's first second (09:00:00): the dialer's first tick is one second later.
  const t0 = Date.now();
  await f.advance(DAY_MS);
  console.log(`simulated ${DAY_MS / 3_600_000} h in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}, 1_500_000);

afterAll(async () => f?.close());

describe('a simulated day of an outbound task', () => {
  it('every number ends in a final state or is scheduled; nothing is left dialling', async () => {
    const numbers = await taskNumbersCollection(f.rt.app.db).find({ task: 'day_renewal' }).toArray();
    const byState: Record<string, typeof numbers> = {};
    for (const n of numbers) (byState[n.state] ??= []).push(n);
    console.log(Object.fromEntries(Object.entries(byState).map(([k, v]) => [k, v.length])));
    expect(byState.dialling ?? []).toEqual([]);
    expect(numbers.filter((n) => n.state === 'scheduled' && !n.nextAt)).toEqual([]);
    expect((byState.done?.length ?? 0)).toBeGreaterThan(NUMBERS / 4);
  });

  it('the counts reconcile: one call record per dial, attempts = dials per number, figures = call records', async () => {
    const db = f.rt.app.db;
    const calls = await db.collection<CallDoc>('calls').find({ 'task.key': 'day_renewal' }).toArray();
    const dials = await dialLogCollection(db).find({ task: 'day_renewal' }).toArray();
    expect(calls.length).toBe(dials.length);
    const perNumber = new Map<string, number>();
    for (const c of calls) perNumber.set(c.task!.numberId, (perNumber.get(c.task!.numberId) ?? 0) + 1);
    const numbers = await taskNumbersCollection(db).find({ task: 'day_renewal' }).toArray();
    for (const n of numbers) expect(n.attempts, n._id).toBe(perNumber.get(n._id) ?? 0);
    expect(calls.filter((c) => !c.endAt)).toEqual([]);
    const run = (await taskRunsCollection(db).findOne({ _id: 'day_renewal' }))!;
    const today = run.tally!['2026-05-04']!;
    expect(today.dialled).toBe(calls.length);
    expect(today.answered).toBe(calls.filter((c) => c.answerAt).length);
    expect(today.abandoned ?? 0).toBe(calls.filter((c) => c.abandoned).length);
    expect(today.connected).toBe(calls.filter((c) => c.agentId).length);
    console.log({ dialled: today.dialled, answered: today.answered, connected: today.connected, abandoned: today.abandoned ?? 0, maxLive });
  });

  it('never above the task\'s max concurrent calls', () => {
    expect(maxLive).toBeGreaterThan(0);
    expect(maxLive).toBeLessThanOrEqual(renewalTask().maxConcurrent);
  });

  it('callbacks reach the agent who promised them', async () => {
    const calls = await f.rt.app.db.collection<CallDoc>('calls').find({ 'task.key': 'day_renewal' }).sort({ ringAt: 1 }).toArray();
    let checked = 0;
    for (const [callId, agent] of log.callbacks) {
      const first = calls.find((c) => c._id === callId)!;
      const next = calls.find((c) => c.task!.numberId === first.task!.numberId && c.ringAt > first.ringAt && c.agentId);
      if (!next) continue;
      expect(next.agentId, `callback of ${first.task!.numberId}`).toBe(agent);
      expect(next.ringAt.getTime()).toBeGreaterThanOrEqual(first.disposition!.contactAt!.getTime());
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('abandoned calls heard the message, counted, and were not dialled again within 72 h', async () => {
    const db = f.rt.app.db;
    const abandoned = await db.collection<CallDoc>('calls').find({ 'task.key': 'day_renewal', abandoned: true }).toArray();
    for (const c of abandoned) {
      expect(c.agentId).toBeNull();
      expect(c.hangupBy === 'system' || c.hangupBy === 'caller').toBe(true);
      const later = await dialLogCollection(db).countDocuments({ phone: c.to, at: { $gt: c.ringAt, $lt: new Date(c.ringAt.getTime() + 72 * 3_600_000) } });
      expect(later).toBe(0);
    }
  });

  it('no dial outside the calling window, and none to a number more than 3 times in the day', async () => {
    const dials = await dialLogCollection(f.rt.app.db).find({ task: 'day_renewal' }).toArray();
    for (const d of dials) {
      const hour = (d.at.getUTCHours() + 8) % 24;
      expect(hour >= 9 && hour < 18).toBe(true);
    }
    const per = new Map<string, number>();
    for (const d of dials) per.set(d.phone, (per.get(d.phone) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(3);
  });
});
