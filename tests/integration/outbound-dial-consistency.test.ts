// A dial's writes and its outcomes stay consistent: the number's claim, the call record, the dial log entry and the
// day's count are written together or not at all (a write failing between them leaves the number as it was, dialable
// again), and an outcome for an earlier call of a number (a late disposition, a slow process's carrier event)
// never overwrites the state of its newer call. Real runtime, real embedded database, simulated carrier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import type { CallDoc } from '@telesales/runtime/calls/call-doc';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { dialLogCollection } from '@telesales/runtime/outbound/dial-log';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { agents, id, publishTask, renewalTask } from './outbound-support.js';

/** Monday 2026-05-04 10:00 in Shanghai. */
const START = Date.parse('2026-05-04T02:00:00.000Z');
const TASK = 'consistent_task';

let f: CallsFixture;
let agentIds: string[];
/** While set, every insert into the dial log fails (as a full disk or a lost primary would make it). */
let dialLogFails = false;

/** The database as the runtime sees it, with the dial log's inserts failing on demand. */
function injectDialLogFailure(db: Db): void {
  const collection = db.collection.bind(db);
  db.collection = ((name: string, options?: object) => {
    const c = collection(name, options);
    if (name !== 'dial_log') return c;
    return new Proxy(c, {
      get(target, prop) {
        if (prop === 'insertOne' && dialLogFails) return async () => { throw new Error('injected: the dial log cannot be written'); };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }) as typeof db.collection;
}

const numbersOf = () => taskNumbersCollection(f.rt.app.db).find({ task: TASK }).sort({ _id: 1 }).toArray();
const callsOf = () => f.rt.app.db.collection<CallDoc>('calls').find({ 'task.key': TASK }).toArray();

beforeAll(async () => {
  f = await startCallsRuntime(START);
  const { app } = f.rt;
  injectDialLogFailure(app.db);
  await publishTask(await f.rt.login('admin'), renewalTask({ id: id(990), key: TASK, dialMode: 'progressive', maxConcurrent: 2, maxLinesPerAgent: 1 }));
  await taskNumbersCollection(app.db).insertMany([0, 1, 2].map((i) => ({
    _id: `c${i}`, task: TASK, phone: `+8613700000${String(i).padStart(3, '0')}`, values: {}, state: 'fresh' as const, attempts: 0, createdAt: new Date(START + i),
  })));
  // Nobody answers: each call rings out after the task's 25 s (a line outcome, `noAnswer`).
  simulatedCarrierOf(app.calls)!.setProfile(TASK, { answerRate: 0, ringSec: { min: 20, max: 20 }, seed: 3 });
  agentIds = await agents(app, 0);
  for (const a of agentIds) { await app.calls.states.set(a, 'ready'); await app.outbound.join(TASK, a, true); }
}, 120_000);

afterAll(async () => f?.close());

describe('a dial is written whole or not at all', () => {
  it('a dial log insert that fails leaves no claimed number, no call record, no count: the number stays fresh', async () => {
    dialLogFails = true;
    await f.rt.app.outbound.setStatus(TASK, 'running');
    await f.advance(5000); // several ticks, each trying to dial
    const numbers = await numbersOf();
    expect(numbers.map((n) => [n._id, n.state, n.attempts])).toEqual([['c0', 'fresh', 0], ['c1', 'fresh', 0], ['c2', 'fresh', 0]]);
    expect(numbers.every((n) => !n.lastCallId && !n.dialBy)).toBe(true);
    expect(await callsOf()).toEqual([]);
    expect(await dialLogCollection(f.rt.app.db).countDocuments({ task: TASK })).toBe(0);
    const run = (await taskRunsCollection(f.rt.app.db).findOne({ _id: TASK }))!;
    expect(run.tally?.['2026-05-04']?.dialled ?? 0).toBe(0);
  });

  it('once the log can be written again, the same numbers are dialled, each with its call record and log entry', async () => {
    dialLogFails = false;
    await f.advance(3000);
    const calls = await callsOf();
    expect(calls.length).toBe(2); // two free agents, one line each
    const dials = await dialLogCollection(f.rt.app.db).find({ task: TASK }).toArray();
    expect(dials.map((d) => d._id).sort()).toEqual(calls.map((c) => c._id).sort());
    for (const c of calls) {
      const n = (await taskNumbersCollection(f.rt.app.db).findOne({ _id: c.task!.numberId }))!;
      expect(n).toMatchObject({ state: 'dialling', attempts: 1, lastCallId: c._id });
    }
    expect((await taskRunsCollection(f.rt.app.db).findOne({ _id: TASK }))!.tally!['2026-05-04']!.dialled).toBe(2);
  });
});

describe('a late outcome never overwrites a newer one', () => {
  it("the line's outcome of a call that is no longer the number's last one changes nothing", async () => {
    const [call] = await callsOf();
    const numbers = taskNumbersCollection(f.rt.app.db);
    // Another dial of the number began meanwhile (as after a takeover by a process that found it orphaned).
    await numbers.updateOne({ _id: call!.task!.numberId }, { $set: { lastCallId: 'a-newer-call', attempts: 2 } });
    const before = (await numbers.findOne({ _id: call!.task!.numberId }))!;
    const outcomesBefore = (await taskRunsCollection(f.rt.app.db).findOne({ _id: TASK }))!.tally?.['2026-05-04']?.outcomes ?? {};
    await f.advance(30_000); // the first call rings out (no answer)
    expect((await f.rt.app.db.collection<CallDoc>('calls').findOne({ _id: call!._id }))!.endAt).toBeTruthy();
    expect(await numbers.findOne({ _id: call!.task!.numberId })).toEqual(before);
    // The other call's outcome counted; the stale one did not.
    const outcomes = (await taskRunsCollection(f.rt.app.db).findOne({ _id: TASK }))!.tally!['2026-05-04']!.outcomes!;
    expect(outcomes.noAnswer).toBe((outcomesBefore.noAnswer ?? 0) + 1);
  });

  it("an agent's disposition of attempt 1 arriving after attempt 2 started changes nothing", async () => {
    const { app } = f.rt;
    await app.outbound.setStatus(TASK, 'paused');
    const numbers = taskNumbersCollection(app.db);
    const at = new Date(f.clock.now());
    await numbers.insertOne({ _id: 'late', task: TASK, phone: '+8613700000999', values: {}, state: 'dialling', attempts: 2, lastCallId: 'attempt-2', lastDialAt: at, nextAt: at, createdAt: at });
    const before = (await numbers.findOne({ _id: 'late' }))!;
    const tallyBefore = (await taskRunsCollection(app.db).findOne({ _id: TASK }))!.tally?.['2026-05-04'];
    const attempt1 = {
      _id: 'attempt-1', task: { key: TASK, numberId: 'late' }, disposition: { key: 'not_interested', by: agentIds[0]!, at },
    } as unknown as CallDoc;
    await app.outbound.disposed(attempt1);
    expect(await numbers.findOne({ _id: 'late' })).toEqual(before);
    expect((await taskRunsCollection(app.db).findOne({ _id: TASK }))!.tally?.['2026-05-04']).toEqual(tallyBefore);
    // The disposition of the number's current call still applies.
    await app.outbound.disposed({ ...attempt1, _id: 'attempt-2' } as CallDoc);
    expect(await numbers.findOne({ _id: 'late' })).toMatchObject({ state: 'done', lastOutcome: { kind: 'disposition', key: 'not_interested' } });
  });
});
