// How many database commands a predictive task costs per dial, counted with the driver's command monitoring over
// half an hour of a simulated day (10 agents, 400 numbers): the dialer's own reads and writes, the calls lifecycle
// of its calls, the agents' states, the lease. Prints the breakdown by command and collection (the before/after of
// the README's figures). The bounds keep the dialer's per-call batching from being lost: one compliance read per
// tick's dials (not per dial), no task read per offer, no number read per line outcome, no claim lost to a number
// picked twice. The whole-task total is printed, not bounded: much of it is per second (the lease, the agents'
// states) and the definitions' caches run on real time, so it moves with the machine's load. Measured on the shared
// machine (load 15-20): 37.8-38.4 commands per dial before the batching, 36.9-37.5 after; CPU for the half hour
// 17.4-17.9 s before, 18.1-20.1 s after (the dial's transaction adds its commit; a third of all commands are per
// second, not per dial: the lease, each other task's run, the agents' states).
// Real runtime, real embedded database, simulated carrier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandStartedEvent } from 'mongodb';
import type {} from '@telesales/runtime/outbound/plugin';
import { startEmbeddedMongo, type EmbeddedMongo } from '@telesales/embedded-mongo';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { ManualClock } from '@telesales/telephony/simulated/index';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { addNumbers, agents, publishTask, renewalTask, simulatedAgents } from './outbound-support.js';

/** Monday 2026-05-04 09:00 in Shanghai. */
const START = Date.parse('2026-05-04T01:00:00.000Z');
const RUN_MS = 30 * 60_000;

let mongo: EmbeddedMongo;
let rt: RuntimeFixture;
const counts = new Map<string, number>();
let dialled = 0;

beforeAll(async () => {
  mongo = await startEmbeddedMongo();
  // The driver reports each command only when asked at connect time (the URI's monitorCommands).
  rt = await startRuntime({ mongo: { ...mongo, uri: `${mongo.uri}${mongo.uri.includes('?') ? '&' : '?'}monitorCommands=true` } });
  const { app } = rt;
  const clock = new ManualClock(START);
  app.calls.useClock(clock);
  await publishTask(await rt.login('admin'), renewalTask());
  await addNumbers(app, 'day_renewal', 400, new Date(START));
  const agentIds = await agents(app, 8);
  simulatedAgents(app);
  simulatedCarrierOf(app.calls)!.setProfile('day_renewal', {
    answerRate: 0.35, busy: 0.15, emptyNumber: 0.05, switchedOff: 0.04, suspended: 0.02, answeringMachine: 0.04,
    ringSec: { min: 4, max: 18 }, talkSec: { mean: 60 }, seed: 7,
  });
  for (const a of agentIds) await app.calls.states.set(a, 'ready');
  for (const a of agentIds) await app.outbound.join('day_renewal', a, true);
  await app.outbound.setStatus('day_renewal', 'running');
  const count = (e: CommandStartedEvent) => {
    const target = e.command[e.commandName];
    const key = `${e.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  app.mongoClient.on('commandStarted', count);
  const cpu = process.cpuUsage();
  const t0 = Date.now();
  await clock.advance(RUN_MS, () => app.calls.settled());
  const used = process.cpuUsage(cpu);
  console.log(`${RUN_MS / 60_000} simulated minutes in ${((Date.now() - t0) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (runtime and embedded database)`);
  app.mongoClient.off('commandStarted', count);
  dialled = (await taskRunsCollection(app.db).findOne({ _id: 'day_renewal' }))!.tally!['2026-05-04']!.dialled ?? 0;
}, 600_000);

afterAll(async () => {
  await rt?.close();
  await mongo?.stop();
});

describe('database commands per dial', () => {
  it("the dialer's per-call reads are batched (measured per dial before / after: compliance reads 2.08 / 1.13, task reads 0.31 / 0, aborted claims 0.11 / 0)", () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k.padEnd(40)} ${String(n).padStart(6)}  ${(n / dialled).toFixed(2)}`);
    console.log(`${dialled} dials, ${total} commands, ${(total / dialled).toFixed(1)} per dial\n${rows.join('\n')}`);
    const perDial = (key: string) => (counts.get(key) ?? 0) / dialled;
    expect(dialled).toBeGreaterThan(100);
    // The dial-time compliance check reads the DNC list and the dial history once for a tick's dials.
    expect(perDial('find dnc_numbers') + perDial('find dial_log')).toBeLessThan(1.5);
    // An offer rings the agents the tick read: no read of the task per answered call.
    expect(perDial('find outbound_tasks')).toBeLessThan(0.05);
    // Every dial is one transaction that commits; none is begun for a number someone (this dialer) already took.
    expect(perDial('commitTransaction')).toBe(1);
    expect(counts.get('abortTransaction') ?? 0).toBe(0);
    // Figures ride in the dial's transaction and the outcome's write: at most the answered and connected counts besides.
    expect(perDial('update outbound_tasks')).toBeLessThan(3.5);
  });
});
