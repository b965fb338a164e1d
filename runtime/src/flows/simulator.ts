import { nationalDigits, normalizePhone, type FlowDefinition } from '@telesales/schemas';
import { step, type CallState, type Command, type Evaluator, type FlowEvent, type ResolveFlow, type TraceStep } from '@telesales/engines/flows';
import { SimulatedClock } from './simulated-clock.js';

/** A scripted caller and the world around the call (which agents are free, who is a known customer). */
export interface CallerScript {
  caller: string;
  callee?: string;
  /** When the call comes in (ISO): business hours and `now` read it. */
  startAt: string;
  /** Keys the caller presses, each at its time after the call started. */
  digits: { afterMs: number; digits: string }[];
  /** Free agents per skill group: a group with one answers after `answerAfterSec`, one without times out. */
  freeAgents: Record<string, number>;
  /** Known numbers -> the customer's values (instead of the real records). */
  customers?: Record<string, Record<string, unknown>>;
  /** URL -> the answer an HTTP node gets (instead of calling it). */
  http?: Record<string, { ok?: boolean; status?: number; body?: unknown }>;
  answerAfterSec?: number;
  talkSec?: number;
  /** The caller hangs up at this time after the start, wherever the call is. */
  hangupAfterMs?: number;
}

export type LookupFn = (entity: string, number: string) => Promise<{ found: boolean; values?: Record<string, unknown> }>;
export type FetchFn = (command: Extract<Command, { type: 'fetch' }>) => Promise<{ ok: boolean; status?: number; body?: unknown }>;

export interface SimulateOptions {
  flow: FlowDefinition;
  version?: number;
  resolveFlow?: ResolveFlow;
  /** Where expressions run (the runtime's worker threads); this thread when absent. */
  evaluate?: Evaluator;
  /** Real records (through the asker's permissions) when the script names no customers. */
  lookup?: LookupFn;
  fetch?: FetchFn;
}

export interface Simulation {
  trace: TraceStep[];
  commands: { at: string; command: Command }[];
  /** Every event fed to the interpreter, in order (a replay of them gives the same call). */
  events: FlowEvent[];
  state: CallState;
}

/** A simulated call never runs longer than this, nor takes more events (a waiting call just stops there). */
const MAX_SIM_MS = 4 * 3600_000;
const MAX_EVENTS = 5000;
const AUDIO_MS = 3000;
const LOOKUP_MS = 50;
const FETCH_MS = 150;
const RECORDING_SEC = 10;

/** How long a prompt plays: 200 ms per 10 characters of text (at least half a second), a fixed time for audio. */
export function promptMs(prompt: { text?: string; audio?: string }): number {
  if (prompt.audio) return AUDIO_MS;
  if (!prompt.text) return 0;
  return Math.max(500, Math.ceil(prompt.text.length / 10) * 200);
}

/**
 * Runs a flow against a scripted caller in simulated time: the interpreter's commands are answered the way
 * the telephony side would (prompts finish, gathers time out, queues answer or overflow), the script's
 * keys arrive at their times. Returns the trace, the commands with their times and the final state.
 */
export async function simulate(script: CallerScript, options: SimulateOptions): Promise<Simulation> {
  const startMs = Date.parse(script.startAt);
  const clock = new SimulatedClock(startMs);
  for (const d of script.digits) clock.add(startMs + d.afterMs, 'caller', (at) => ({ type: 'digits', digits: d.digits, at }));
  if (script.hangupAfterMs !== undefined) clock.add(startMs + script.hangupAfterMs, 'caller', (at) => ({ type: 'hangup', at }));

  const commands: Simulation['commands'] = [];
  const events: FlowEvent[] = [];
  const world = new World(script, options, clock);
  let state: CallState | null = null;
  let next: { atMs: number; event: FlowEvent } | undefined = { atMs: startMs, event: { type: 'start', caller: script.caller, callee: script.callee ?? '', at: script.startAt } };
  while (next && events.length < MAX_EVENTS && next.atMs - startMs <= MAX_SIM_MS) {
    events.push(next.event);
    const result = await step({ flow: options.flow, version: options.version, resolveFlow: options.resolveFlow, evaluate: options.evaluate, state, event: next.event });
    // An ignored event (same state back) changes nothing: what was scheduled still stands.
    if (result.state !== state) {
      state = result.state;
      for (const command of result.commands) commands.push({ at: next.event.at, command });
      if (state.ended) break;
      clock.dropSystem();
      await world.answer(result.commands, state, next.atMs);
    }
    next = clock.next();
  }
  return { trace: state!.trace, commands, events, state: state! };
}

/** Plays the telephony side: schedules what each command leads to. */
class World {
  private gatherMs = 5000;

  constructor(private readonly script: CallerScript, private readonly options: SimulateOptions, private readonly clock: SimulatedClock) {}

  async answer(commands: Command[], state: CallState, now: number): Promise<void> {
    const waitsFor = state.waiting?.for ?? [];
    for (const c of commands) await this.react(c, now);
    // Keys added to a gather without a new gather command: the inter-digit timeout starts again.
    if (waitsFor.includes('timeout') && !commands.some((c) => c.type === 'gather')) {
      this.clock.add(now + this.gatherMs, 'system', (at) => ({ type: 'timeout', at }));
    }
    if (waitsFor.includes('agentLegEnded')) {
      this.clock.add(now + (this.script.talkSec ?? 60) * 1000, 'system', (at) => ({ type: 'agentLegEnded', at }));
    }
  }

  private async react(c: Command, now: number): Promise<void> {
    const add = (ms: number, make: (at: string) => FlowEvent) => this.clock.add(now + ms, 'system', make);
    switch (c.type) {
      case 'play': return add(promptMs(c.prompt), (at) => ({ type: 'promptDone', at }));
      case 'gather':
        this.gatherMs = c.timeoutMs;
        return add(c.timeoutMs, (at) => ({ type: 'timeout', at }));
      case 'lookup': {
        const found = await this.lookup(c.entity, c.number);
        return add(LOOKUP_MS, (at) => ({ type: 'lookupResult', ...found, at }));
      }
      case 'fetch': {
        const answer = await this.fetch(c);
        return add(Math.min(FETCH_MS, c.timeoutMs), (at) => ({ type: 'httpResult', ...answer, at }));
      }
      case 'enqueue': {
        const answerMs = (this.script.answerAfterSec ?? 10) * 1000;
        const free = (this.script.freeAgents[c.skillGroup] ?? 0) > 0;
        if (free && answerMs < c.maxWaitSec * 1000) return add(answerMs, (at) => ({ type: 'agentAnswered', agentId: `${c.skillGroup}-agent-1`, at }));
        return add(c.maxWaitSec * 1000, (at) => ({ type: 'queueTimeout', at }));
      }
      case 'record': return add(Math.min(RECORDING_SEC, c.maxSec) * 1000, (at) => ({ type: 'recordingDone', file: 'simulated-recording', at }));
      case 'transfer': {
        // A group with nobody free cannot take the call; anyone else talks and then hangs up.
        const failed = c.target.type === 'group' && !((this.script.freeAgents[c.target.ref] ?? 0) > 0);
        if (failed) return add(5000, (at) => ({ type: 'transferFailed', at }));
        return add((this.script.talkSec ?? 60) * 1000, (at) => ({ type: 'hangup', at }));
      }
      default: return; // hangup, setLanguage, storeSurvey: nothing comes back
    }
  }

  private async lookup(entity: string, number: string): Promise<{ found: boolean; values?: Record<string, unknown> }> {
    if (this.script.customers) {
      // Script authors write numbers either way (+8613800000000 or 13800000000): the national digits decide.
      const digits = (n: string) => nationalDigits(normalizePhone(n));
      const hit = Object.entries(this.script.customers).find(([n]) => digits(n) === digits(number));
      return hit ? { found: true, values: hit[1] } : { found: false };
    }
    return this.options.lookup ? this.options.lookup(entity, number) : { found: false };
  }

  private async fetch(c: Extract<Command, { type: 'fetch' }>): Promise<{ ok: boolean; status?: number; body?: unknown }> {
    const scripted = this.script.http?.[c.url];
    if (scripted) return { ok: scripted.ok ?? true, status: scripted.status ?? 200, body: scripted.body ?? null };
    if (!this.options.fetch) return { ok: false };
    try {
      return await this.options.fetch(c);
    } catch {
      return { ok: false };
    }
  }
}
