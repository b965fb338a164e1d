// An outbound task's rules beyond pacing, on the simulated carrier and a real embedded database: a callee's
// "do not call me" reaches every task, and a reported caller number rests for the task's cool-down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '@telesales/schemas';
import type { CallDoc } from '@telesales/runtime/calls/call-doc';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { reportCallerNumber } from '@telesales/runtime/outbound/caller-numbers';
import { dncCollection } from '@telesales/runtime/outbound/dnc-doc';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { applyOutcome } from '@telesales/runtime/outbound/number-updates';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { agents, id, publishTask, renewalTask, simulatedAgents } from './outbound-support.js';

/** Monday 2026-05-04 09:00 in Shanghai. */
const START = Date.parse('2026-05-04T01:00:00.000Z');
const CALLERS = ['+862150000001', '+862150000002', '+862150000003'];

let f: CallsFixture;
let agentIds: string[];

async function numbersOf(task: string, phones: string[]): Promise<void> {
  await taskNumbersCollection(f.rt.app.db).insertMany(phones.map((phone, i) => ({
    _id: `${task}-${i}`, task, phone, values: {}, state: 'fresh' as const, attempts: 0, createdAt: new Date(START),
  })));
}

const phones = (from: number, count: number) => Array.from({ length: count }, (_, i) => `+86137${String(from + i).padStart(8, '0')}`);

beforeAll(async () => {
  f = await startCallsRuntime(START);
  agentIds = await agents(f.rt.app, 2);
  simulatedAgents(f.rt.app);
  for (const a of agentIds) await f.rt.app.calls.states.set(a, 'ready');
}, 120_000);

afterAll(async () => f?.close());

describe('the doNotCall rule', () => {
  it('puts the number on the workspace list and takes it out of every other task', async () => {
    const admin = await f.rt.login('admin');
    const rule = { id: id(960), disposition: 'not_interested', action: 'doNotCall' };
    await publishTask(admin, renewalTask({ id: id(961), key: 'dnc_rule_a', rules: [rule] }));
    await publishTask(admin, renewalTask({ id: id(962), key: 'dnc_rule_b' }));
    const phone = '+8613600000001';
    await numbersOf('dnc_rule_a', [phone]);
    await numbersOf('dnc_rule_b', [phone, '+8613600000002']);
    const def = (await f.rt.app.definitions.getPublished('campaign', 'dnc_rule_a')) as CampaignDefinition;
    // The outcome of the number's last call (an outcome of an earlier one would change nothing).
    await taskNumbersCollection(f.rt.app.db).updateOne({ _id: 'dnc_rule_a-0' }, { $set: { lastCallId: 'call-a' } });
    await applyOutcome(f.rt.app.calls, def, { numberId: 'dnc_rule_a-0', callId: 'call-a' }, { disposition: 'not_interested', agentId: agentIds[0]! }, new Date(START));

    expect(await dncCollection(f.rt.app.db).findOne({ _id: phone })).toMatchObject({ reason: 'requested', by: agentIds[0], task: 'dnc_rule_a' });
    const states = await taskNumbersCollection(f.rt.app.db).find({ task: { $in: ['dnc_rule_a', 'dnc_rule_b'] } }).sort({ _id: 1 }).toArray();
    expect(states.map((n) => [n._id, n.state])).toEqual([['dnc_rule_a-0', 'dnc'], ['dnc_rule_b-0', 'dnc'], ['dnc_rule_b-1', 'fresh']]);
  });
});

describe('caller numbers', () => {
  const task = 'callers_rest';
  const callsFrom = async (since: number) => (await f.rt.app.db.collection<CallDoc>('calls')
    .find({ 'task.key': task, ringAt: { $gte: new Date(since) } }).toArray()).map((c) => c.from);

  beforeAll(async () => {
    const admin = await f.rt.login('admin');
    await publishTask(admin, renewalTask({
      id: id(963), key: task, dialMode: 'progressive', ratio: 2, maxConcurrent: 6, rules: [],
      callerNumbers: { numbers: CALLERS, coolDownHours: 24 },
    }));
    await numbersOf(task, phones(0, 300));
    simulatedCarrierOf(f.rt.app.calls)!.setProfile(task, { answerRate: 0.2, busy: 0.5, ringSec: { min: 3, max: 6 }, talkSec: { mean: 20 }, seed: 3 });
    for (const a of agentIds) await f.rt.app.outbound.join(task, a, true);
  });

  it('rotates through the pool, leaving out a number reported less than the cool-down ago', async () => {
    await reportCallerNumber(f.rt.app.db, CALLERS[1]!, 'carrier', new Date(START - 3_600_000));
    await f.rt.app.outbound.setStatus(task, 'running');
    const from = f.clock.now();
    await f.advance(5 * 60_000);
    const used = await callsFrom(from);
    expect(used.length).toBeGreaterThan(10);
    expect(new Set(used)).toEqual(new Set([CALLERS[0], CALLERS[2]]));
  });

  it('dials nothing, and says why, while every number of the pool rests; a rested number comes back', async () => {
    for (const n of CALLERS) await reportCallerNumber(f.rt.app.db, n, 'carrier', new Date(f.clock.now()));
    await f.advance(60_000); // the calls under way end; the rotation reads the reports again
    const from = f.clock.now();
    await f.advance(5 * 60_000);
    expect(await callsFrom(from)).toEqual([]);
    const run = await taskRunsCollection(f.rt.app.db).findOne({ _id: task });
    expect(run?.lastReason?.en).toMatch(/caller number is resting/);
    expect(run?.lastReason?.zh).toMatch(/主叫号码/);

    // The next day, 25 h after the reports: all three rest no more.
    f.clock.set(START + 24 * 3_600_000);
    await reportCallerNumber(f.rt.app.db, CALLERS[0]!, 'carrier', new Date(START + 23 * 3_600_000));
    const nextDay = f.clock.now() + 3_600_000;
    f.clock.set(nextDay);
    await f.advance(5 * 60_000);
    expect(new Set(await callsFrom(nextDay))).toEqual(new Set([CALLERS[1], CALLERS[2]]));
  });
});
