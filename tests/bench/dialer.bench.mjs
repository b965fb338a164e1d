#!/usr/bin/env node
// Benchmark of the dialer's pacing (`npm run bench:dialer`, which builds schemas and engines first).
//   1. A simulated 8-hour day (engines/src/pacing/simulate.ts, seeded): 20 agents, talk time exponential with
//      mean 120 s, wrap-up 15 s, ring 5-20 s before answer, no-answer timeout 25 s, an answered call with no
//      agent free within 2 s abandoned; answer rates 15 %, 25 % and 40 %, seeds 1-3; preview (as the product
//      works it: 5 s from the card shown to Call, the dialer dials it at its next look for due callbacks, every
//      5 s, the agent waits on the line; a number nobody answers asks nothing of the agent), progressive (one
//      line per free agent) and predictive. Talk minutes and connected calls per agent-hour (mean of the seeds,
//      and the worst seed's talk minutes), abandon rate = abandoned / answered by a person (worst seed). Under
//      the table, the arithmetic of the 4x promise with these very times: the ceiling of any mode, preview's
//      figure, the largest ratio possible, and what a manual attempt would have to cost for 4x.
//   2. The same day with 5 agents, predictive: the abandon rate of the worst seed.
//   3. One pacing decision for a task of 500 agents and 1,500 calls in flight (answer rates 3-16 %, so some
//      launch nothing and some hundreds): p50 / p99 / max over 3 passes of 500 states, measured first.
// It prints the figures and the targets met or missed; it fails only when a day ends over the abandon target
// (a broken promise, not a slow machine).
import { performance } from 'node:perf_hooks';
import { decidePacing, simulateDialerDay } from '@telesales/engines/pacing';
import { seededRandom } from '@telesales/engines/seeded-random';

const HOURS = Number(process.env.BENCH_HOURS ?? 8);
const SEEDS = [1, 2, 3];
const RATES = [0.15, 0.25, 0.4];
const MODES = ['preview', 'progressive', 'predictive'];
const TARGET = 0.03;
// The day of issue 16, passed explicitly so the arithmetic below uses the same times as the simulation.
const DAY = { talkMeanSeconds: 120, wrapUpSeconds: 15, ringSeconds: [5, 20], noAnswerTimeout: 25, secondsToAgent: 2, previewSeconds: 5, previewPickupSeconds: 5 };

const f1 = (n) => n.toFixed(1);
const pct = (r) => `${(r * 100).toFixed(2)} %`;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function day(agents, mode, answerRate) {
  const runs = SEEDS.map((seed) => simulateDialerDay({ ...DAY, seed, agents, hours: HOURS, mode, answerRate, abandonTarget: TARGET }));
  return {
    talk: mean(runs.map((r) => r.talkMinutesPerAgentHour)),
    worstTalk: Math.min(...runs.map((r) => r.talkMinutesPerAgentHour)),
    connected: mean(runs.map((r) => r.connectedPerAgentHour)),
    worstAbandon: Math.max(...runs.map((r) => r.abandonRate)),
  };
}

// A large task's decision: 500 agents, 1,500 calls ringing, figures as a day's dialer would hold them.
const random = seededRandom('dialer:large');
const inputs = Array.from({ length: 500 }, () => {
  const agents = { ready: [], talking: [], wrapUp: [] };
  for (let i = 0; i < 500; i++) {
    const u = random();
    if (u < 0.06) agents.ready.push(random() * 20);
    else if (u < 0.9) agents.talking.push(random() * 400);
    else agents.wrapUp.push(random() * 15);
  }
  return {
    mode: 'predictive', agents,
    calls: { ringing: Array.from({ length: 1500 }, () => random() * 25), waiting: [] },
    answerRate: { dialed: 1500, answered: 40 + Math.floor(random() * 200) },
    ringTime: { bucketSeconds: 1, counts: Array.from({ length: 20 }, (_, i) => (i < 5 ? 0 : 100)) },
    talkTime: { mean: 120 + random(), sd: 120, count: 5000 }, wrapUp: { mean: 15, sd: 0.5, count: 5000 },
    abandon: { today: { answered: 10_000, abandoned: 200 }, rolling30Days: { answered: 300_000, abandoned: 6_000 } },
    maxConcurrentCalls: 3000, maxLinesPerAgent: 5,
  };
});
for (const input of inputs.slice(0, 50)) decidePacing(input); // warm-up
// Wall time, and this thread's CPU time (what the decision costs, without the waits a busy machine adds).
const wall = [];
const cpu = [];
for (let pass = 0; pass < 3; pass++) {
  for (const input of inputs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    decidePacing(input);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
}
const quantiles = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))].toFixed(2);
  return `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${sorted.at(-1).toFixed(2)} ms`;
};
const cpuP99 = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length * 0.99)];
console.log(`Pacing decision, 500 agents and 1,500 calls in flight (3 x 500 states): wall ${quantiles(wall)}; CPU ${quantiles(cpu)}`);


const started = performance.now();
const results = {};
console.log(`\nSimulated ${HOURS}-hour day, 20 agents, seeds ${SEEDS.join(', ')} (talk-min per agent-hour: mean / worst seed)`);
console.log('answer  mode          talk-min/agent-h   connected/agent-h   abandon (worst)');
for (const rate of RATES) {
  for (const mode of MODES) {
    const r = day(20, mode, rate);
    results[`${mode}:${rate}`] = r;
    console.log(`${String(rate * 100).padStart(4)} %  ${mode.padEnd(12)}  ${f1(r.talk).padStart(6)} / ${f1(r.worstTalk).padStart(5)}    ${f1(r.connected).padStart(10)}         ${pct(r.worstAbandon)}`);
  }
}
printArithmetic(results['predictive:0.15'].connected);
console.log('\n5 agents, predictive');
const small = {};
for (const rate of RATES) {
  small[rate] = day(5, 'predictive', rate);
  console.log(`${String(rate * 100).padStart(4)} %  talk ${f1(small[rate].talk)}, connected ${f1(small[rate].connected)}, abandon (worst) ${pct(small[rate].worstAbandon)}`);
}

const checks = [
  ['predictive >= 45 talk-min per agent-hour at 15 %', results['predictive:0.15'].worstTalk >= 45],
  ['predictive >= 48 talk-min per agent-hour at 25 %', results['predictive:0.25'].worstTalk >= 48],
  ['predictive >= 48 talk-min per agent-hour at 40 %', results['predictive:0.4'].worstTalk >= 48],
  ['abandon <= 3 % on every seed (20 agents)', RATES.every((r) => results[`predictive:${r}`].worstAbandon <= TARGET)],
  ['abandon <= 3 % on every seed (5 agents)', RATES.every((r) => small[r].worstAbandon <= TARGET)],
  [`predictive >= 4x the connected calls of preview at 15 % (${f1(results['predictive:0.15'].connected / results['preview:0.15'].connected)}x)`,
    results['predictive:0.15'].connected >= 4 * results['preview:0.15'].connected],
  ['pacing decision p99 < 5 ms of CPU (500 agents, 1,500 calls)', cpuP99 < 5],
];
console.log('\nTargets');
for (const [what, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'}  ${what}`);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
if (!checks[3][1] || !checks[4][1]) process.exitCode = 1;

/**
 * Why 4x preview is or is not reachable with the issue's own times: every connected call takes an agent talk +
 * wrap-up, so no mode connects more than 3600 / (talk + wrap-up) an hour. A preview attempt costs the look,
 * the wait for the dialer and the ring (to the answer, or to the timeout); preview connects one call per
 * 1 / p attempts, then talks and wraps up.
 */
function printArithmetic(predictiveConnected) {
  const p = 0.15;
  const cycle = DAY.talkMeanSeconds + DAY.wrapUpSeconds;
  const ceiling = 3600 / cycle;
  const ringAnswered = (DAY.ringSeconds[0] + DAY.ringSeconds[1]) / 2;
  const pickupWait = DAY.previewPickupSeconds / 2;
  const attempt = DAY.previewSeconds + pickupWait + p * ringAnswered + (1 - p) * DAY.noAnswerTimeout;
  const preview = 3600 / (cycle + attempt / p);
  const measured = results['preview:0.15'].connected;
  // For 4x of X an hour, preview may connect X / 4: one call per 4 * 3600 / X s, of which talk and wrap-up are
  // `cycle`; the rest is spread over 1 / p attempts.
  const attemptFor4x = (x) => (4 * 3600 / x - cycle) * p;
  console.log(`\nThe 4x promise at ${p * 100} % answered, with these times`);
  console.log(`  ceiling of any mode: 3600 / (talk ${DAY.talkMeanSeconds} + wrap-up ${DAY.wrapUpSeconds} s) = ${f1(ceiling)} connected per agent-hour (${f1(ceiling * DAY.talkMeanSeconds / 60)} talk-min)`);
  console.log(`  preview attempt: look ${DAY.previewSeconds} + dialer's pick-up ${f1(pickupWait)} + ring ${p} x ${f1(ringAnswered)} + ${1 - p} x ${DAY.noAnswerTimeout} (timeout) = ${f1(attempt)} s, no outcome to give`);
  console.log(`  preview: 3600 / (${cycle} + ${f1(attempt)} / ${p}) = ${f1(preview)} connected per agent-hour (simulated ${f1(measured)})`);
  console.log(`  largest ratio possible: ${f1(ceiling)} / ${f1(measured)} = ${f1(ceiling / measured)}x; predictive here: ${f1(predictiveConnected)} / ${f1(measured)} = ${f1(predictiveConnected / measured)}x`);
  console.log(`  4x would need a manual attempt to cost ${f1(attemptFor4x(ceiling))} s at the ceiling, ${f1(attemptFor4x(predictiveConnected))} s against this predictive (modelled: ${f1(attempt)} s)`);
}
