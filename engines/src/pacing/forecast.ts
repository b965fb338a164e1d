/**
 * The predictive forecast. Over the next ring time, second by second, two counts race: answered calls (those
 * waiting now, the ringing ones that will still be answered given how long they have rung, and the n calls
 * launched now) and free agents (the ready ones, plus each talking or wrap-up agent who will be done by then,
 * given how long they have been at it). A call answered at s is abandoned when no agent is free by s + 2 s;
 * with agents served first come first served, the calls abandoned by the end are the largest excess of
 * answers by s over agents by s + 2 s, and its expectation (taken at the worst second) is what the engine
 * weighs against the answers it expects. Every call and agent is its own Bernoulli trial, so a small team's
 * spread is counted exactly (Poisson-binomial); large ones use the normal approximation of the same sums.
 */
import type { DurationCurve } from './durations.js';

export interface ForecastInput {
  /** Probability that one dial is answered by a person. */
  answerRate: number;
  ring: DurationCurve;
  talk: DurationCurve;
  wrapUp: DurationCurve;
  /** P(an unanswered call is still ringing after e seconds). */
  unansweredAlive: (e: number) => number;
  noAnswerTimeout: number;
  secondsToAgent: number;
  ready: number;
  talking: readonly number[];
  wrapping: readonly number[];
  ringing: readonly number[];
  waiting: number;
}

export interface Forecast {
  horizonSeconds: number;
  /** Expected calls abandoned and answered over the horizon if n calls are launched now. */
  evaluate(n: number): { abandons: number; answers: number };
}

/** Exact sums up to this many trials; past it, the normal approximation (a 500-agent task). */
const EXACT_LIMIT = 120;
const STEP = 1;

export function forecast(input: ForecastInput, maxLaunch: number): Forecast {
  const p = input.answerRate;
  const horizon = Math.max(STEP, Math.min(input.noAnswerTimeout, input.ring.quantile(0.999)));
  const times: number[] = [];
  for (let s = 0; s < horizon; s += STEP) times.push(s);
  times.push(horizon);

  // A ringing call that has rung e seconds: P(answered within s more), from Bayes over "will be answered".
  const answerBy = (e: number, s: number): number => {
    if (e >= input.noAnswerTimeout) return 0;
    const ringAlive = 1 - input.ring.cdf(e);
    const pending = p * ringAlive;
    const denominator = pending + (1 - p) * input.unansweredAlive(e);
    if (!(denominator > 0) || !(pending > 0)) return 0;
    const until = Math.min(e + s, input.noAnswerTimeout);
    return (p * (input.ring.cdf(until) - input.ring.cdf(e))) / denominator;
  };
  // Wrap-up as a handful of equally likely durations: enough for a sum with the remaining talk.
  const wrapPoints = wrapQuantiles(input.wrapUp);
  const freeBy = (talkingFor: number, x: number): number => {
    let sum = 0;
    for (const w of wrapPoints) sum += input.talk.endsWithin(talkingFor, x - w);
    return sum / wrapPoints.length;
  };

  const agentsFreeBy = (x: number) => {
    const probs: number[] = [];
    for (const e of input.talking) probs.push(freeBy(e, x));
    for (const e of input.wrapping) probs.push(input.wrapUp.endsWithin(e, x));
    return probs;
  };
  const agentProbs = times.map((s) => agentsFreeBy(s + input.secondsToAgent));
  const callProbs = times.map((s) => input.ringing.map((e) => answerBy(e, s)));
  const newProb = times.map((s) => p * input.ring.cdf(s));

  const exact = input.ringing.length + input.waiting + maxLaunch <= EXACT_LIMIT * 2
    && input.ringing.length <= EXACT_LIMIT && agentProbs[0]!.length <= EXACT_LIMIT;
  const excessAt = exact
    ? exactExcess(times.length, callProbs, agentProbs, newProb, input.waiting, input.ready, maxLaunch)
    : normalExcess(times.length, callProbs, agentProbs, newProb, input.waiting, input.ready);
  const last = times.length - 1;
  const answersNow = input.waiting + callProbs[last]!.reduce((a, b) => a + b, 0);
  return {
    horizonSeconds: horizon,
    evaluate(n) {
      let abandons = 0;
      for (let k = 0; k < times.length; k++) abandons = Math.max(abandons, excessAt(k, n));
      return { abandons, answers: answersNow + n * newProb[last]! };
    },
  };
}

function wrapQuantiles(curve: DurationCurve): number[] {
  const median = curve.quantile(0.5);
  // A (nearly) fixed wrap-up is one point; a spread one eight.
  if (curve.quantile(0.95) - curve.quantile(0.05) < 1) return [median];
  return Array.from({ length: 8 }, (_, i) => curve.quantile((i + 0.5) / 8));
}

/** Distribution of a sum of independent Bernoulli trials (Poisson-binomial), by the usual recurrence. */
function sumOf(probs: readonly number[], size: number): Float64Array {
  const pmf = new Float64Array(size);
  pmf[0] = 1;
  let top = 0;
  for (const q of probs) {
    top++;
    for (let a = top; a > 0; a--) pmf[a] = pmf[a]! * (1 - q) + pmf[a - 1]! * q;
    pmf[0] = pmf[0]! * (1 - q);
  }
  return pmf;
}

type Excess = (k: number, n: number) => number;

/**
 * E[(answers by s - agents by s + 2 s)+] for each second, exactly. The answers' distribution is carried
 * forward one launched call at a time, so trying n = 0, 1, 2, ... in order costs one pass each.
 */
function exactExcess(points: number, callProbs: number[][], agentProbs: number[][], newProb: number[],
  waiting: number, ready: number, maxLaunch: number): Excess {
  const size = waiting + callProbs[0]!.length + maxLaunch + 2;
  const answers: Float64Array[] = [];
  const shortfall: Float64Array[] = [];
  for (let k = 0; k < points; k++) {
    const pmf = new Float64Array(size);
    pmf.set(sumOf(callProbs[k]!, size - waiting), waiting);
    answers.push(pmf);
    // g(a) = E[(a - free agents)+], built from the free agents' cumulative distribution.
    const agents = sumOf(agentProbs[k]!, agentProbs[k]!.length + 1);
    const g = new Float64Array(size);
    let below = 0;
    for (let a = 0; a + 1 < size; a++) {
      const f = a - ready;
      if (f >= 0 && f < agents.length) below += agents[f]!;
      g[a + 1] = g[a]! + below;
    }
    shortfall.push(g);
  }
  let launched = 0;
  return (k, n) => {
    while (launched < n) {
      launched++;
      for (let j = 0; j < points; j++) {
        const pmf = answers[j]!;
        const q = newProb[j]!;
        for (let a = size - 1; a > 0; a--) pmf[a] = pmf[a]! * (1 - q) + pmf[a - 1]! * q;
        pmf[0] = pmf[0]! * (1 - q);
      }
    }
    if (n < launched) throw new Error('exactExcess: n must not decrease');
    const pmf = answers[k]!;
    const g = shortfall[k]!;
    let sum = 0;
    for (let a = 0; a < size; a++) sum += pmf[a]! * g[a]!;
    return sum;
  };
}

function normalExcess(points: number, callProbs: number[][], agentProbs: number[][], newProb: number[],
  waiting: number, ready: number): Excess {
  const moments = (probs: number[]) => {
    let mean = 0;
    let variance = 0;
    for (const q of probs) { mean += q; variance += q * (1 - q); }
    return { mean, variance };
  };
  const base = Array.from({ length: points }, (_, k) => {
    const calls = moments(callProbs[k]!);
    const agents = moments(agentProbs[k]!);
    // Sheppard's correction stands for the counts being whole numbers.
    return { mean: waiting + calls.mean - ready - agents.mean, variance: calls.variance + agents.variance + 1 / 12 };
  });
  return (k, n) => {
    const q = newProb[k]!;
    const mean = base[k]!.mean + n * q;
    const sd = Math.sqrt(base[k]!.variance + n * q * (1 - q));
    const z = mean / sd;
    return sd * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) + mean * normalCdf(z);
  };
}

/** Φ(z), from erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
