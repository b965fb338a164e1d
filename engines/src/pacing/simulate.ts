/**
 * A calling day, simulated event by event (pure and seeded: the same configuration gives the same day). The
 * dialer asks decidePacing every second with only what a real dialer knows (states and how long, the figures
 * observed so far today), never the simulation's true parameters. Calls are answered after a uniform ring
 * time or hung up at the no-answer timeout; an answered call with no agent free within the 2 s is abandoned.
 * Preview is the manual baseline, as the product works it (runtime/src/outbound/routes-agent.ts and the
 * console's PreviewPanel): the agent looks at the next number's card and clicks Call (`previewSeconds`); Call
 * makes the number a callback due now, reserved to the agent, which the task's dialer picks up at its next
 * look for due callbacks (every `previewPickupSeconds`); the agent waits on the line while it rings. A number
 * nobody answers needs nothing from the agent (the task's rule for the line outcome applies by itself): they
 * click Next and look at the next card.
 */
import { seededRandom } from '../seeded-random.js';
import { decidePacing } from './decide.js';
import { EventQueue } from './event-queue.js';
import type { DialMode, PacingLimit, PacingState } from './types.js';

export interface DialerDayConfig {
  seed: number | string;
  agents: number;
  hours: number;
  mode: DialMode;
  /** Progressive's lines per free agent (default 1). */
  ratio?: number;
  /** Share of dials a person answers. */
  answerRate: number;
  talkMeanSeconds?: number;
  wrapUpSeconds?: number;
  ringSeconds?: [number, number];
  noAnswerTimeout?: number;
  secondsToAgent?: number;
  /** Preview: seconds from the card shown to Call clicked (default 5). */
  previewSeconds?: number;
  /** Preview: how often the dialer looks for Calls to dial (default 5, the runtime's due-callback check). */
  previewPickupSeconds?: number;
  abandonTarget?: number;
  maxConcurrentCalls?: number;
  maxLinesPerAgent?: number;
  /** How many recent dials the answer rate is taken over (default 1,500). */
  answerWindow?: number;
}

export interface DialerDayResult {
  dials: number;
  /** Answered by a person. */
  answered: number;
  /** Answered and talked to an agent. */
  connected: number;
  abandoned: number;
  talkSeconds: number;
  agentHours: number;
  talkMinutesPerAgentHour: number;
  connectedPerAgentHour: number;
  /** abandoned / answered. */
  abandonRate: number;
  decisions: number;
  /** How many decisions each limit decided (e.g. how long predictive spent learning or over its target). */
  limits: Partial<Record<PacingLimit, number>>;
}

type AgentState = 'ready' | 'talking' | 'wrapUp' | 'preview' | 'dialing';
interface Call { id: number; waiting: boolean }
type Event =
  | { kind: 'tick' }
  | { kind: 'answer' | 'noAnswer' | 'deadline'; call: Call }
  | { kind: 'talkEnd' | 'wrapEnd' | 'previewDone' | 'ownAnswer' | 'ownNoAnswer'; agent: number };

/** Running mean and spread (Welford), the form the engine takes talk and wrap-up times in. */
class Running {
  count = 0;
  private m = 0;
  private s = 0;
  add(x: number): void {
    this.count++;
    const d = x - this.m;
    this.m += d / this.count;
    this.s += d * (x - this.m);
  }
  stats() { return { mean: this.m, sd: this.count > 1 ? Math.sqrt(this.s / (this.count - 1)) : this.m, count: this.count }; }
}

export function simulateDialerDay(config: DialerDayConfig): DialerDayResult {
  const random = seededRandom(config.seed);
  const talkMean = config.talkMeanSeconds ?? 120;
  const wrap = config.wrapUpSeconds ?? 15;
  const [ringMin, ringMax] = config.ringSeconds ?? [5, 20];
  const timeout = config.noAnswerTimeout ?? 25;
  const toAgent = config.secondsToAgent ?? 2;
  const previewSeconds = config.previewSeconds ?? 5;
  const pickupEvery = config.previewPickupSeconds ?? 5;
  const maxLines = config.maxLinesPerAgent ?? 3;
  const maxConcurrent = config.maxConcurrentCalls ?? config.agents * maxLines;
  const window = config.answerWindow ?? 1500;
  const end = config.hours * 3600;

  const state: AgentState[] = Array.from({ length: config.agents }, () => 'ready');
  const since = new Array<number>(config.agents).fill(0);
  const ringing = new Map<Call, number>();
  const waiting: { call: Call; at: number }[] = [];
  const queue = new EventQueue<Event>();
  const outcomes: number[] = [];
  let answeredInWindow = 0;
  const ringHistogram: number[] = [];
  const talk = new Running();
  const wrapUp = new Running();
  let pacing: PacingState | null = null;
  let nextCall = 0;
  const totals = { dials: 0, answered: 0, connected: 0, abandoned: 0, talkSeconds: 0, decisions: 0 };
  const limits: Partial<Record<PacingLimit, number>> = {};

  const observeDial = (answered: boolean) => {
    outcomes.push(answered ? 1 : 0);
    answeredInWindow += answered ? 1 : 0;
    if (outcomes.length > window) answeredInWindow -= outcomes.shift()!;
  };
  const connect = (agent: number, t: number) => {
    state[agent] = 'talking';
    since[agent] = t;
    totals.connected++;
    queue.push(t - talkMean * Math.log(1 - random()), { kind: 'talkEnd', agent });
  };
  const dial = (): { answered: boolean; after: number } => {
    totals.dials++;
    return random() < config.answerRate
      ? { answered: true, after: ringMin + (ringMax - ringMin) * random() }
      : { answered: false, after: timeout };
  };
  const launch = (t: number) => {
    const call: Call = { id: nextCall++, waiting: false };
    const outcome = dial();
    ringing.set(call, t);
    queue.push(t + outcome.after, { kind: outcome.answered ? 'answer' : 'noAnswer', call });
  };
  const longestReady = (): number => {
    let best = -1;
    for (let i = 0; i < state.length; i++) if (state[i] === 'ready' && (best < 0 || since[i]! < since[best]!)) best = i;
    return best;
  };
  const previewNext = (agent: number, t: number) => {
    state[agent] = 'preview';
    since[agent] = t;
    // Call is clicked after the look; the dialer dials it at its next look for due callbacks. A person's click
    // keeps no step with the dialer's clock, so the wait is anywhere within the interval (a fixed grid would line
    // up with the 5 s look and the 25 s timeout and never wait at all).
    queue.push(t + previewSeconds + pickupEvery * random(), { kind: 'previewDone', agent });
  };

  const decide = (t: number) => {
    const agents = { ready: [] as number[], talking: [] as number[], wrapUp: [] as number[] };
    for (let i = 0; i < state.length; i++) {
      const s = state[i]!;
      if (s === 'ready' || s === 'talking' || s === 'wrapUp') agents[s].push(t - since[i]!);
    }
    const decision = decidePacing({
      mode: config.mode,
      ...(config.ratio !== undefined ? { ratio: config.ratio } : {}),
      agents,
      calls: { ringing: [...ringing.values()].map((at) => t - at), waiting: waiting.map((w) => t - w.at) },
      answerRate: { dialed: outcomes.length, answered: answeredInWindow },
      ringTime: { bucketSeconds: 1, counts: ringHistogram },
      talkTime: talk.stats(),
      wrapUp: wrapUp.stats(),
      noAnswerTimeout: timeout,
      secondsToAgent: toAgent,
      abandon: {
        today: { answered: totals.answered, abandoned: totals.abandoned },
        rolling30Days: { answered: totals.answered, abandoned: totals.abandoned },
        target: config.abandonTarget ?? 0.03,
      },
      maxConcurrentCalls: maxConcurrent,
      maxLinesPerAgent: maxLines,
      state: pacing,
    });
    totals.decisions++;
    limits[decision.reason.limit] = (limits[decision.reason.limit] ?? 0) + 1;
    pacing = decision.state;
    for (let i = 0; i < decision.launch; i++) launch(t);
  };

  if (config.mode === 'preview') for (let a = 0; a < config.agents; a++) previewNext(a, 0);
  else queue.push(0, { kind: 'tick' });

  for (let e = queue.pop(); e && e.at < end; e = queue.pop()) {
    const t = e.at;
    const ev = e.value;
    switch (ev.kind) {
      case 'tick':
        decide(t);
        queue.push(t + 1, { kind: 'tick' });
        break;
      case 'answer': {
        const startedAt = ringing.get(ev.call)!;
        ringing.delete(ev.call);
        totals.answered++;
        observeDial(true);
        const bucket = Math.floor(t - startedAt);
        while (ringHistogram.length <= bucket) ringHistogram.push(0);
        ringHistogram[bucket]!++;
        const agent = longestReady();
        if (agent >= 0) connect(agent, t);
        else {
          ev.call.waiting = true;
          waiting.push({ call: ev.call, at: t });
          queue.push(t + toAgent, { kind: 'deadline', call: ev.call });
        }
        break;
      }
      case 'noAnswer':
        ringing.delete(ev.call);
        observeDial(false);
        break;
      case 'deadline':
        if (ev.call.waiting) {
          ev.call.waiting = false;
          waiting.splice(waiting.findIndex((w) => w.call === ev.call), 1);
          totals.abandoned++;
        }
        break;
      case 'talkEnd':
        talk.add(t - since[ev.agent]!);
        totals.talkSeconds += t - since[ev.agent]!;
        state[ev.agent] = 'wrapUp';
        since[ev.agent] = t;
        queue.push(t + wrap, { kind: 'wrapEnd', agent: ev.agent });
        break;
      case 'wrapEnd': {
        wrapUp.add(t - since[ev.agent]!);
        if (config.mode === 'preview') { previewNext(ev.agent, t); break; }
        state[ev.agent] = 'ready';
        since[ev.agent] = t;
        const first = waiting.shift();
        if (first) { first.call.waiting = false; connect(ev.agent, t); }
        break;
      }
      case 'previewDone': {
        const outcome = dial();
        state[ev.agent] = 'dialing';
        queue.push(t + outcome.after, { kind: outcome.answered ? 'ownAnswer' : 'ownNoAnswer', agent: ev.agent });
        break;
      }
      case 'ownAnswer':
        totals.answered++;
        connect(ev.agent, t);
        break;
      case 'ownNoAnswer':
        previewNext(ev.agent, t);
        break;
    }
  }
  // Calls still going at the end of the day count up to the end.
  for (let i = 0; i < state.length; i++) if (state[i] === 'talking') totals.talkSeconds += end - since[i]!;

  const agentHours = (config.agents * end) / 3600;
  return {
    ...totals,
    limits,
    agentHours,
    talkMinutesPerAgentHour: totals.talkSeconds / 60 / agentHours,
    connectedPerAgentHour: totals.connected / agentHours,
    abandonRate: totals.answered > 0 ? totals.abandoned / totals.answered : 0,
  };
}
