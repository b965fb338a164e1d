/**
 * The predictive forecast. Over the next ring time, second by second, two counts race: answered calls (those
 * waiting now, the ringing ones that will still be answered given how long they have rung, and the n calls
 * launched now) and free agents (the ready ones, plus each talking or wrap-up agent who will be done by then,
 * given how long they have been at it). A call answered at s is abandoned when no agent is free by s + 2 s;
 * with agents served first come first served, the calls abandoned by the end are the largest excess of
 * answers by s over agents by s + 2 s. Its expectation per second rises and falls (agents coming free pull it
 * down); the sum of its rises is the expected abandons the engine weighs against the answers it expects. Every call and agent is its own Bernoulli trial, so a small team's
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
  /** Exact sums: evaluate n = 0, 1, 2, ... in order. Otherwise any order (a large task searches by halving). */
  exact: boolean;
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

  const points = times.length;
  const toAgent = input.secondsToAgent;
  // Items that have been in their state equally long (to the tenth of a second; to the second in a large
  // task, where one more second of ringing or talk moves nothing) share their probabilities.
  const rows = (elapsed: readonly number[], row: (e: number) => Float64Array): Group[] => {
    const memo = new Map<number, Group>();
    const perSecond = elapsed.length > EXACT_LIMIT ? 1 : 10;
    for (const e of elapsed) {
      const key = Math.round(Math.max(0, e) * perSecond);
      const group = memo.get(key);
      if (group) group.count++;
      else memo.set(key, { row: row(key / perSecond), count: 1 });
    }
    return [...memo.values()];
  };

  // A ringing call that has rung e seconds: P(answered within s more), from Bayes over "will be answered".
  const timeout = input.noAnswerTimeout;
  const callRows = rows(input.ringing, (e) => {
    const r = new Float64Array(points);
    if (e >= timeout) return r;
    const rungOut = input.ring.cdf(e);
    const pending = p * (1 - rungOut);
    const denominator = pending + (1 - p) * input.unansweredAlive(e);
    if (!(denominator > 0) || !(pending > 0)) return r;
    for (let k = 0; k < points; k++) r[k] = (p * (input.ring.cdf(Math.min(e + times[k]!, timeout)) - rungOut)) / denominator;
    return r;
  });
  // A talking agent is free once the rest of the talk and a wrap-up are over; wrap-up as a handful of equally
  // likely durations is enough for that sum.
  const wrapPoints = wrapQuantiles(input.wrapUp);
  const talkRows = rows(input.talking, (e) => {
    const r = new Float64Array(points);
    for (let k = 0; k < points; k++) {
      let sum = 0;
      for (const w of wrapPoints) sum += input.talk.endsWithin(e, times[k]! + toAgent - w);
      r[k] = sum / wrapPoints.length;
    }
    return r;
  });
  const wrapRows = rows(input.wrapping, (e) => {
    const r = new Float64Array(points);
    for (let k = 0; k < points; k++) r[k] = input.wrapUp.endsWithin(e, times[k]! + toAgent);
    return r;
  });
  const agentRows = [...talkRows, ...wrapRows];
  const newProb = times.map((s) => p * input.ring.cdf(s));

  const exact = input.ringing.length + input.waiting + maxLaunch <= EXACT_LIMIT * 2
    && input.ringing.length <= EXACT_LIMIT && input.talking.length + input.wrapping.length <= EXACT_LIMIT;
  const excessAt = exact
    ? exactExcess(points, perItem(callRows, points), perItem(agentRows, points), newProb, input.waiting, input.ready, maxLaunch)
    : normalExcess(points, callRows, agentRows, newProb, input.waiting, input.ready);
  const last = points - 1;
  const answersNow = input.waiting + callRows.reduce((sum, g) => sum + g.count * g.row[last]!, 0);
  return {
    horizonSeconds: horizon,
    exact,
    evaluate(n) {
      let abandons = 0;
      // Every rise of the expected excess is abandons to come: a second that is risky early and another that is
      // risky later both count (the highest second alone let calls answering late look free whenever an early
      // second was riskier, so the dialer held back, then launched in bursts).
      let before = 0;
      for (let k = 0; k < points; k++) {
        const excess = excessAt(k, n);
        if (excess > before) abandons += excess - before;
        before = excess;
      }
      return { abandons, answers: answersNow + n * newProb[last]! };
    },
  };
}

function wrapQuantiles(curve: DurationCurve): number[] {
  // A wrap-up that varies by less than a few seconds is one point (the forecast steps by the second); a
  // spread one six.
  if (curve.quantile(0.95) - curve.quantile(0.05) < 3) return [curve.quantile(0.5)];
  return Array.from({ length: 6 }, (_, i) => curve.quantile((i + 0.5) / 6));
}

/** Probabilities that an item shares with `count` - 1 others (same state, as long). */
interface Group { row: Float64Array; count: number }

/** Per second, every item's probability (the groups spelled out), for the exact sums. */
function perItem(groups: Group[], points: number): number[][] {
  return Array.from({ length: points }, (_, k) => groups.flatMap((g) => Array<number>(g.count).fill(g.row[k]!)));
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

function normalExcess(points: number, calls: Group[], agents: Group[], newProb: number[], waiting: number, ready: number): Excess {
  const moments = (groups: Group[], k: number) => {
    let mean = 0;
    let variance = 0;
    for (const { row, count } of groups) { const q = row[k]!; mean += count * q; variance += count * q * (1 - q); }
    return { mean, variance };
  };
  const base = Array.from({ length: points }, (_, k) => {
    const c = moments(calls, k);
    const a = moments(agents, k);
    // Sheppard's correction stands for the counts being whole numbers.
    return { mean: waiting + c.mean - ready - a.mean, variance: c.variance + a.variance + 1 / 12 };
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
