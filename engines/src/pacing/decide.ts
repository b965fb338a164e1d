/**
 * One pacing decision: how many calls a task's dialer launches now, and why. Pure and deterministic (same
 * input, same answer), so it is tested alone, replayed in the simulation and logged with its reason.
 *
 * VICIdial's adaptive mode nudges a dial level every 15 s from averages of ready agents and waiting calls, with
 * no model of who is about to be free, and gives no reasons; Erlang-style pacing assumes a steady state a small
 * team never reaches. Here each decision forecasts this very moment (see forecast.ts): which agents will be
 * free when, how many ringing calls will still be answered, and launches the most calls whose expected
 * abandons stay within an allowed share of the expected answers (never fewer than one line per free agent).
 * The share follows the headroom left under the target (see predictiveLaunch), so the safety margin grows as
 * the abandon rate nears the target and is wider for a small team; over the target predictive dials no more
 * than one line per free agent (what progressive would), which cannot abandon a call.
 */
import { curveOf, observations } from './durations.js';
import { forecast } from './forecast.js';
import { sentences } from './reason.js';
import type { PacingDecision, PacingInput, PacingLimit, PacingReason } from './types.js';

export const DEFAULT_ABANDON_TARGET = 0.03;
export const DEFAULT_MAX_LINES_PER_AGENT = 3;
export const DEFAULT_NO_ANSWER_TIMEOUT = 25;
export const DEFAULT_SECONDS_TO_AGENT = 2;
/** Predictive waits for this many dials, ended calls and answers before it trusts its figures. */
export const MIN_DIALS = 30;
export const MIN_CALLS = 5;

/** Tuned with the simulation (npm run bench:dialer); see predictiveLaunch. */
const MARGIN = {
  answerRateZ: 1, setPoint: 0.9, smallTeamSize: 12, smallTeamSetPoint: 0.1, lowShare: 0.1, highShare: 0.6, headroomScale: 3,
};

const whole = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
const rate = (t: { answered: number; abandoned: number }): number =>
  t.answered > 0 ? Math.max(0, t.abandoned) / t.answered : 0;
const round1 = (n: number): number => Math.round(n * 10) / 10;

export function decidePacing(input: PacingInput): PacingDecision {
  const { ready, talking, wrapUp } = input.agents;
  const { ringing, waiting } = input.calls;
  const agentCount = ready.length + talking.length + wrapUp.length;
  const inFlight = ringing.length + waiting.length;
  const linesInUse = inFlight + talking.length;
  const target = input.abandon.target ?? DEFAULT_ABANDON_TARGET;
  const abandonToday = rate(input.abandon.today);
  const abandon30 = rate(input.abandon.rolling30Days);
  const dialed = whole(input.answerRate.dialed);
  const answerRate = dialed > 0 ? Math.min(1, whole(input.answerRate.answered) / dialed) : 0;

  // The caps hold whatever the mode wants.
  const maxLines = input.maxLinesPerAgent ?? DEFAULT_MAX_LINES_PER_AGENT;
  const byConcurrency = whole(input.maxConcurrentCalls - linesInUse);
  const byLines = whole(maxLines * agentCount - linesInUse);
  const cap = Math.min(byConcurrency, byLines);
  const capLimit: PacingLimit = byConcurrency <= byLines ? 'maxConcurrentCalls' : 'maxLinesPerAgent';

  const oneLinePerFreeAgent = whole(ready.length - inFlight);
  let wanted = 0;
  let limit: PacingLimit;
  let forecastReason: PacingReason['forecast'];
  if (input.mode === 'preview') {
    limit = 'preview';
  } else if (agentCount === 0) {
    limit = 'noAgents';
  } else if (input.mode === 'progressive') {
    const ratio = input.ratio ?? 1;
    wanted = whole(Math.floor(ready.length * (Number.isFinite(ratio) && ratio > 0 ? ratio : 1) + 1e-9) - inFlight);
    limit = 'ratio';
  } else if (abandonToday > target || abandon30 > target) {
    wanted = oneLinePerFreeAgent;
    limit = 'aboveTarget';
  } else if (dialed < MIN_DIALS || observations(input.talkTime) < MIN_CALLS || observations(input.ringTime) < 1) {
    wanted = oneLinePerFreeAgent;
    limit = 'learning';
  } else {
    const predicted = predictiveLaunch(input, cap, answerRate, dialed, agentCount, target);
    wanted = Math.max(predicted.launch, Math.min(oneLinePerFreeAgent, cap));
    forecastReason = predicted.forecast;
    limit = 'model';
  }
  const launch = Math.min(wanted, cap);
  if (launch < wanted) limit = capLimit;

  const dialLevel = agentCount > 0 ? round1((linesInUse + launch) / agentCount) : 0;
  const reason: PacingReason = {
    limit,
    mode: input.mode,
    dialLevel: { from: input.state?.dialLevel ?? (agentCount > 0 ? round1(linesInUse / agentCount) : 0), to: dialLevel },
    agents: {
      ready: ready.length, talking: talking.length, wrapUp: wrapUp.length,
      idleSeconds: ready.length ? Math.round(ready.reduce((a, b) => a + b, 0) / ready.length) : 0,
    },
    inFlight,
    answerRate,
    abandon: { today: abandonToday, rolling30Days: abandon30, target },
    ...(forecastReason ? { forecast: forecastReason } : {}),
  };
  return { launch, reason, text: sentences(launch, reason, { cap: limit === 'maxConcurrentCalls' ? input.maxConcurrentCalls : maxLines }), state: { dialLevel } };
}

/**
 * The most calls (up to `cap`) whose forecast keeps expected abandons within the allowed share of expected
 * answers. The answer rate used is an upper estimate (one standard error above the observed rate): more
 * answers than expected is what abandons calls, and a short history is uncertain.
 *
 * The allowed share follows the headroom: how many more abandons the day (and the 30 days) could take and
 * stay under a set point a little below the target. With none left it is a tenth of the target, with plenty
 * six tenths; in between it rises smoothly. So the margin grows as the rate nears the target, a lucky morning
 * is not spent at once, and an unlucky one is paid back before the dialer leans in again. A small team's set
 * point is lower still: five agents make few answers, and one abandon moves their rate a lot.
 */
function predictiveLaunch(input: PacingInput, cap: number, answerRate: number, dialed: number, agentCount: number,
  target: number): { launch: number; forecast: PacingReason['forecast'] } {
  const p = Math.min(1, answerRate + MARGIN.answerRateZ * Math.sqrt((answerRate * (1 - answerRate) + 1 / dialed) / dialed));
  const timeout = input.noAnswerTimeout ?? DEFAULT_NO_ANSWER_TIMEOUT;
  const unanswered = input.unanswered ? curveOf(input.unanswered, timeout) : null;
  const model = forecast({
    answerRate: p,
    ring: curveOf(input.ringTime, timeout / 2),
    talk: curveOf(withOngoing(input.talkTime, input.agents.talking), 120),
    wrapUp: curveOf(input.wrapUp, 15),
    unansweredAlive: (e) => (e >= timeout ? 0 : unanswered ? 1 - unanswered.cdf(e) : 1),
    noAnswerTimeout: timeout,
    secondsToAgent: input.secondsToAgent ?? DEFAULT_SECONDS_TO_AGENT,
    ready: input.agents.ready.length,
    talking: input.agents.talking,
    wrapping: input.agents.wrapUp,
    ringing: input.calls.ringing,
    waiting: input.calls.waiting.length,
  }, cap);

  const smallTeam = Math.max(0, (MARGIN.smallTeamSize - agentCount) / MARGIN.smallTeamSize);
  const setPoint = target * (MARGIN.setPoint - MARGIN.smallTeamSetPoint * smallTeam);
  const headroom = Math.max(0, Math.min(
    setPoint * input.abandon.today.answered - input.abandon.today.abandoned,
    setPoint * input.abandon.rolling30Days.answered - input.abandon.rolling30Days.abandoned));
  const share = MARGIN.lowShare + (MARGIN.highShare - MARGIN.lowShare) * (1 - Math.exp(-headroom / MARGIN.headroomScale));
  const allowedRate = target * share;

  const within = (o: { abandons: number; answers: number }) => o.abandons <= allowedRate * o.answers;
  let launch = 0;
  let outcome = model.evaluate(0);
  if (model.exact) {
    for (let n = 1; n <= cap; n++) {
      const next = model.evaluate(n);
      if (!within(next)) break;
      launch = n;
      outcome = next;
    }
  } else {
    // Expected abandons grow faster than answers with every call added, so the calls that fit are a prefix.
    let hi = cap;
    while (launch < hi) {
      const mid = Math.ceil((launch + hi) / 2);
      const next = model.evaluate(mid);
      if (within(next)) { launch = mid; outcome = next; } else hi = mid - 1;
    }
  }
  return {
    launch,
    forecast: {
      horizonSeconds: Math.round(model.horizonSeconds), answers: round1(outcome.answers),
      abandons: Math.round(outcome.abandons * 1000) / 1000, allowedRate: Math.round(allowedRate * 10000) / 10000,
      headroom: round1(headroom),
    },
  };
}

/**
 * Talk times observed so far are biased short early in the day (the short calls end first). The calls still
 * going count as "at least this long": the mean becomes (ended + elapsed of the ongoing) / ended, the
 * estimate for exponential talk times with unfinished ones, and on the long side otherwise (the safe side).
 */
function withOngoing(stats: PacingInput['talkTime'], ongoing: readonly number[]): PacingInput['talkTime'] {
  if (!stats || !('mean' in stats) || !(stats.count! > 0) || !(stats.mean > 0)) return stats;
  const count = stats.count!;
  const mean = (stats.mean * count + ongoing.reduce((a, b) => a + b, 0)) / count;
  return { mean, sd: (stats.sd * mean) / stats.mean, count };
}
