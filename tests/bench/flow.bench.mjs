#!/usr/bin/env node
// Benchmark of the flow interpreter (`npm run bench:flow`, which builds schemas and the runtime first).
//   1. Events/s: the demo inbound flow (templates/insurance/flows/inbound.json), six kinds of call (known
//      customer routed by expression, menu choices, busy queue to voicemail, after hours, silent caller with
//      retries, survey), their events recorded once by the simulator and replayed through `step` with the
//      state stored as JSON between events, as a telephony process would. Baseline in the same run: the same
//      events through a trivial state machine that only does the JSON round trip of the same states (what
//      storing a call costs by itself). Median of 5 runs; events/s for both and the ratio.
//   2. 1,000 concurrent calls: all replayed at once (interleaved on one event loop, as concurrent calls of
//      one runtime process would be), time of each event from its `step` call to its answer; p50 / p99 / max.
// It prints figures and fails only on wrong answers (a replay that does not end as the simulation did).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { step } from '@telesales/engines/flows';
import { simulate } from '@telesales/runtime/flows/simulator';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

const flow = JSON.parse(readFileSync(new URL('../../templates/insurance/flows/inbound.json', import.meta.url), 'utf8'));
delete flow.$schema;

const MON_10 = '2025-03-03T02:00:00.000Z';
const known = { '+8613881836553': { name: '马芳', status: 'won', level: 'a' }, '+8613881836554': { name: '高娟', status: 'following', level: 'b' } };
const scripts = [
  { caller: '+8613881836553', startAt: MON_10, digits: [{ afterMs: 2500, digits: '2' }, { afterMs: 77_000, digits: '5' }], freeAgents: { service: 1 }, customers: known },
  { caller: '+8613881836554', startAt: MON_10, digits: [{ afterMs: 2500, digits: '1' }, { afterMs: 77_000, digits: '3' }], freeAgents: { sales: 1 }, customers: known },
  { caller: '+8613900000001', startAt: MON_10, digits: [{ afterMs: 2500, digits: '2' }, { afterMs: 5000, digits: '1' }], freeAgents: {}, customers: known },
  { caller: '+8613900000002', startAt: MON_10, digits: [{ afterMs: 2500, digits: '1' }, { afterMs: 5000, digits: '9' }, { afterMs: 12_000, digits: '2' }], freeAgents: { service: 2 }, customers: known },
  { caller: '+8613900000003', startAt: '2025-03-03T12:00:00.000Z', digits: [], freeAgents: {}, customers: known },
  { caller: '+8613900000004', startAt: MON_10, digits: [], freeAgents: { service: 1 }, customers: known },
];
const sims = await Promise.all(scripts.map((s) => simulate(s, { flow })));
const calls = sims.map((s) => ({ events: s.events, expected: JSON.stringify(s.state) }));
const eventsPerRound = calls.reduce((n, c) => n + c.events.length, 0);

/** One call replayed through the interpreter, the state stored as JSON between events. */
async function replay(call, onEvent) {
  let stored = 'null';
  for (const event of call.events) {
    const t0 = performance.now();
    const { state } = await step({ flow, state: JSON.parse(stored), event });
    stored = JSON.stringify(state);
    onEvent?.(performance.now() - t0);
  }
  return stored;
}

/** The baseline: the same states only stored and loaded, with a switch on the event type as the "machine". */
function baseline(call, states) {
  let stored = 'null';
  let i = 0;
  for (const event of call.events) {
    const state = JSON.parse(stored) ?? {};
    switch (event.type) { case 'start': state.started = true; break; case 'hangup': state.ended = true; break; default: state.last = event.type; }
    stored = JSON.stringify(states[i++] ?? state);
  }
  return stored;
}

// The states after each event, for the baseline to round-trip the same sizes.
const statesOf = [];
for (const call of calls) {
  const states = [];
  let state = null;
  for (const event of call.events) states.push((state = (await step({ flow, state, event })).state));
  statesOf.push(states);
  if (JSON.stringify(state) !== call.expected) throw new Error('a replay did not end as its simulation did');
}

// Warm up (JIT, compiled expressions).
for (let r = 0; r < 20; r++) for (const call of calls) await replay(call);

const interpreterRuns = [];
const baselineRuns = [];
for (let run = 0; run < 5; run++) {
  let t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const call of calls) await replay(call);
  interpreterRuns.push(performance.now() - t0);
  t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) calls.forEach((call, i) => baseline(call, statesOf[i]));
  baselineRuns.push(performance.now() - t0);
}
const events = ROUNDS * eventsPerRound;
const perSec = (ms) => Math.round((events / ms) * 1000);
const interp = perSec(median(interpreterRuns));
const base = perSec(median(baselineRuns));
console.log(`flow interpreter: demo inbound flow, ${calls.length} kinds of call, ${eventsPerRound} events per round, ${ROUNDS} rounds, median of 5`);
console.log(`  interpreter (step + JSON state):   ${interp.toLocaleString('en')} events/s`);
console.log(`  baseline (JSON state round trip):  ${base.toLocaleString('en')} events/s`);
console.log(`  ratio baseline / interpreter:      ${(base / interp).toFixed(1)}x`);

const latencies = [];
const t0 = performance.now();
const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => replay(calls[i % calls.length], (ms) => latencies.push(ms))));
const wall = performance.now() - t0;
results.forEach((r, i) => { if (r !== calls[i % calls.length].expected) throw new Error(`concurrent call ${i} ended differently`); });
latencies.sort((a, b) => a - b);
console.log(`${CALLS.toLocaleString('en')} concurrent calls (interleaved on one event loop): ${latencies.length.toLocaleString('en')} events in ${Math.round(wall)} ms`
  + ` (${Math.round((latencies.length / wall) * 1000).toLocaleString('en')} events/s)`);
console.log(`  time per event: p50 ${pct(latencies, 0.5).toFixed(2)} ms, p99 ${pct(latencies, 0.99).toFixed(2)} ms, max ${latencies.at(-1).toFixed(2)} ms`);
