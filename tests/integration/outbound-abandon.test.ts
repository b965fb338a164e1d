// The 2-second rule on the simulated carrier and a real embedded database: one agent, three lines and callees who
// nearly all answer, so most answered calls find no free agent. They hear the company's message, count as
// abandoned in the figures and the call records, and are not dialled again within 72 h (nor ever, by a rule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDoc } from '@telesales/runtime/calls/call-doc';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { dialLogCollection } from '@telesales/runtime/outbound/dial-log';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { agents, id, publishTask, renewalTask, simulatedAgents } from './outbound-support.js';

/** Monday 2026-05-04 09:00 in Shanghai. */
const START = Date.parse('2026-05-04T01:00:00.000Z');
const HOUR = 3_600_000;
const MESSAGE = { zh: '您好，这里是安心保险，稍后再与您联系。', en: 'Hello, this is Anxin Insurance; we will call you again.' };

let f: CallsFixture;
let agent: string;
const prompts = new Map<string, string>();

const callsOf = async (task: string) => f.rt.app.db.collection<CallDoc>('calls').find({ 'task.key': task }).sort({ ringAt: 1 }).toArray();

/** Publishes a three-line task for the one agent, gives it 12 numbers and runs it for `ms` of simulated time. */
async function runTask(key: string, n: number, extra: Record<string, unknown>, ms: number): Promise<void> {
  const { app } = f.rt;
  await publishTask(await f.rt.login('admin'), renewalTask({
    id: id(970 + n), key, dialMode: 'progressive', ratio: 3, maxConcurrent: 3, maxLinesPerAgent: 3, abandonMessage: MESSAGE, ...extra,
  }));
  await taskNumbersCollection(app.db).insertMany(Array.from({ length: 12 }, (_, i) => ({
    _id: `${key}-${i}`, task: key, phone: `+86135${n}${String(i).padStart(7, '0')}`, values: {}, state: 'fresh' as const, attempts: 0, createdAt: new Date(START),
  })));
  simulatedCarrierOf(app.calls)!.setProfile(key, { answerRate: 0.95, ringSec: { min: 3, max: 4 }, talkSec: { mean: 40 }, seed: 11 });
  await app.outbound.join(key, agent, true);
  await app.outbound.setStatus(key, 'running');
  await f.advance(ms);
  await app.outbound.setStatus(key, 'paused');
  await f.advance(5 * 60_000); // its last calls end
}

beforeAll(async () => {
  f = await startCallsRuntime(START);
  const { app } = f.rt;
  [agent] = await agents(app, 0);
  simulatedAgents(app);
  // What the line plays to a callee, by call: the simulated carrier's prompt, seen on its way in.
  const carrier = app.calls.carrier;
  const prompt = carrier.prompt.bind(carrier);
  carrier.prompt = (callId, p, ...rest) => { prompts.set(callId, p.text ?? ''); return prompt(callId, p, ...rest); };
  await app.calls.states.set(agent!, 'ready');
  await runTask('abandon_retry', 1, {}, 10 * 60_000);
}, 300_000);

afterAll(async () => f?.close());

describe('the 2-second rule', () => {
  it('an answered call with no agent free within 2 s hears the company\'s message and is hung up, never connected', async () => {
    const calls = await callsOf('abandon_retry');
    const abandoned = calls.filter((c) => c.abandoned);
    expect(abandoned.length).toBeGreaterThan(2);
    expect(calls.some((c) => c.agentId)).toBe(true);
    for (const c of abandoned) {
      expect(c.answerAt, c._id).toBeTruthy();
      expect(c.agentId).toBeNull();
      expect(c.hangupBy).toBe('system');
      expect(prompts.get(c._id)).toBe(MESSAGE.zh);
      // Two seconds after the answer, plus the message: not a moment of waiting more.
      expect(c.endAt!.getTime() - c.answerAt!.getTime()).toBeLessThan(2000 + 15_000);
    }
    for (const c of calls.filter((x) => x.agentId)) expect(prompts.has(c._id)).toBe(false);
  });

  it('counts in the task\'s figures as the call records say', async () => {
    const calls = await callsOf('abandon_retry');
    const today = (await taskRunsCollection(f.rt.app.db).findOne({ _id: 'abandon_retry' }))!.tally!['2026-05-04']!;
    expect(today.abandoned).toBe(calls.filter((c) => c.abandoned).length);
    expect(today.answered).toBe(calls.filter((c) => c.answerAt).length);
    expect(today.outcomes?.abandoned).toBe(today.abandoned);
  });

  it('the number is tried again only after 72 h', async () => {
    const { db } = f.rt.app;
    const abandoned = (await callsOf('abandon_retry')).filter((c) => c.abandoned);
    for (const c of abandoned) {
      const n = (await taskNumbersCollection(db).findOne({ _id: c.task!.numberId }))!;
      expect(n.state).toBe('scheduled');
      expect(n.nextAt!.getTime()).toBeGreaterThanOrEqual(c.ringAt.getTime() + 72 * HOUR);
    }
    // Wednesday 10:00, two days on: the task runs again and dials nothing abandoned.
    const phones = abandoned.map((c) => c.to);
    f.clock.set(START + 49 * HOUR);
    await f.rt.app.outbound.setStatus('abandon_retry', 'running');
    await f.advance(10 * 60_000);
    expect(await dialLogCollection(db).countDocuments({ phone: { $in: phones }, at: { $gt: new Date(START + HOUR) } })).toBe(0);
    // Thursday 10:00, 73 h on: now they are due and dialled.
    f.clock.set(START + 73 * HOUR);
    await f.advance(10 * 60_000);
    await f.rt.app.outbound.setStatus('abandon_retry', 'paused');
    await f.advance(5 * 60_000);
    expect(await dialLogCollection(db).countDocuments({ phone: { $in: phones }, at: { $gt: new Date(START + 72 * HOUR) } })).toBeGreaterThan(0);
  });

  it('a task whose rule finishes an abandoned number never dials it again', async () => {
    await runTask('abandon_final', 2, { rules: [{ id: id(979), outcome: 'abandoned', action: 'finished' }] }, 10 * 60_000);
    const { db } = f.rt.app;
    const abandoned = (await callsOf('abandon_final')).filter((c) => c.abandoned);
    expect(abandoned.length).toBeGreaterThan(0);
    for (const c of abandoned) {
      expect((await taskNumbersCollection(db).findOne({ _id: c.task!.numberId }))!.state).toBe('done');
      expect(await dialLogCollection(db).countDocuments({ phone: c.to })).toBe(1);
    }
  });
});
