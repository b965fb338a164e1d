import { systemClock, type Clock } from './clock.js';
import { seededRandom, seedFromString } from '@telesales/engines/seeded-random';

/** Who ended a call: `caller` is the outside party (the customer, whichever side dialled). */
export type Party = 'caller' | 'agent' | 'system';

/**
 * How a dialled number behaves: answers after `ringSec` and talks `talkSec`, or is busy, or nobody answers, or
 * does not exist (the network says so at once, without ringing).
 */
export interface OutboundBehaviour {
  outcome: 'answer' | 'busy' | 'noAnswer' | 'emptyNumber';
  ringSec: number;
  talkSec: number;
}

/** What a simulated inbound caller does: keys at times after the call arrived, hanging up, talking to the agent. */
export interface InboundCaller {
  digits?: { afterMs: number; digits: string }[];
  /** Hangs up this long after the call arrived, wherever it is. */
  hangupAfterMs?: number;
  /** Hangs up this long after being connected to an agent. */
  talkSec?: number;
}

/**
 * What the carrier reports. Events name calls by the host's id and never carry a dialled number: the
 * number of an outbound call stays inside the carrier, as it would at a real trunk.
 */
export type CarrierEvent =
  | { type: 'incoming'; callId: string; from: string; to: string; at: string }
  | { type: 'ringing'; callId: string; at: string }
  | { type: 'answered'; callId: string; at: string }
  | { type: 'busy'; callId: string; at: string }
  | { type: 'noAnswer'; callId: string; at: string }
  | { type: 'failed'; callId: string; reason: 'unknown_destination' | 'empty_number'; at: string }
  | { type: 'promptDone'; callId: string; at: string }
  | { type: 'dtmf'; callId: string; digits: string; from: 'caller' | 'agent'; at: string }
  | { type: 'timer'; callId: string; name: string; at: string }
  | { type: 'hangup'; callId: string; side: Party; talkSec: number; at: string };

export type CarrierListener = (event: CarrierEvent) => void;

export interface CarrierOptions {
  clock?: Clock;
  /** Makes the numbers' random behaviour reproducible. */
  seed?: number;
  /**
   * Turns what was dialled into the number to ring (click-to-call dials an opaque token); null: nothing
   * to ring. Without it the dialled string is the number.
   */
  resolveDestination?: (dialled: string) => Promise<string | null> | string | null;
  /** Seconds before a ringing number counts as not answering. */
  noAnswerSec?: number;
}

interface SimCall {
  id: string;
  direction: 'in' | 'out';
  state: 'dialling' | 'ringing' | 'up' | 'ended';
  /** When talk time starts: the far end answered (outbound) or the caller was connected to an agent (inbound). */
  talkFrom: number | null;
  held: boolean;
  muted: boolean;
  caller?: InboundCaller;
  timers: Map<string, unknown>;
}

/** What the host may know of a call in the carrier (no numbers). */
export interface SimCallInfo {
  id: string;
  direction: 'in' | 'out';
  state: SimCall['state'];
  held: boolean;
  muted: boolean;
}

/** Delay between placing a call and the far end ringing (the network). */
const SETUP_MS = 500;
const BUSY_MS = 3000;

/**
 * A phone network without audio for `TELEPHONY=simulated` and tests: outbound calls ring, answer, are busy
 * or go unanswered, talk for a while and hang up; inbound callers arrive, press keys and hang up; prompts
 * take time to play. Deterministic: the same seed, the same numbers and the same clock give the same calls.
 */
export class SimulatedCarrier {
  readonly clock: Clock;
  private readonly calls = new Map<string, SimCall>();
  private readonly listeners = new Set<CarrierListener>();
  private readonly scripted = new Map<string, Partial<OutboundBehaviour>>();
  private readonly seed: number;
  private readonly noAnswerSec: number;

  constructor(private readonly options: CarrierOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.seed = options.seed ?? 1;
    this.noAnswerSec = options.noAnswerSec ?? 30;
  }

  on(listener: CarrierListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fixes how one number behaves when dialled (tests, demos); other numbers follow the seed. */
  script(number: string, behaviour: Partial<OutboundBehaviour>): void {
    this.scripted.set(digitsOf(number), behaviour);
  }

  /** The behaviour of a number: scripted, else drawn from the seed and the number (the same every time). */
  behaviourOf(number: string): OutboundBehaviour {
    const random = seededRandom(this.seed ^ seedFromString(digitsOf(number)));
    const roll = random();
    const drawn: OutboundBehaviour = {
      outcome: roll < 0.7 ? 'answer' : roll < 0.85 ? 'noAnswer' : 'busy',
      ringSec: 2 + Math.floor(random() * 9),
      talkSec: 20 + Math.floor(random() * 161),
    };
    return { ...drawn, ...this.scriptFor(digitsOf(number)) };
  }

  /** A script written with or without the country code (13800000000, +8613800000000) applies either way. */
  private scriptFor(digits: string): Partial<OutboundBehaviour> | undefined {
    const exact = this.scripted.get(digits);
    if (exact) return exact;
    for (const [key, behaviour] of this.scripted) if (key.length >= 7 && (digits.endsWith(key) || key.endsWith(digits))) return behaviour;
    return undefined;
  }

  info(callId: string): SimCallInfo | undefined {
    const c = this.calls.get(callId);
    return c && { id: c.id, direction: c.direction, state: c.state, held: c.held, muted: c.muted };
  }

  /** Calls not yet ended. */
  activeCount(): number {
    return [...this.calls.values()].filter((c) => c.state !== 'ended').length;
  }

  /** Places an outbound call to what was dialled (a number, or a token the host resolves). */
  dial(callId: string, dialled: string): void {
    const call = this.newCall(callId, 'out');
    const ring = (number: string | null) => {
      if (call.state === 'ended') return;
      if (!number) {
        this.finish(call);
        this.emit({ type: 'failed', callId, reason: 'unknown_destination', at: this.iso() });
        return;
      }
      const behaviour = this.behaviourOf(number);
      if (behaviour.outcome === 'emptyNumber') {
        this.finish(call);
        this.emit({ type: 'failed', callId, reason: 'empty_number', at: this.iso() });
        return;
      }
      call.state = 'ringing';
      this.emit({ type: 'ringing', callId, at: this.iso() });
      if (behaviour.outcome === 'busy') {
        this.timer(call, 'far', BUSY_MS, () => this.endUnanswered(call, 'busy'));
      } else if (behaviour.outcome === 'noAnswer' || behaviour.ringSec >= this.noAnswerSec) {
        this.timer(call, 'far', this.noAnswerSec * 1000, () => this.endUnanswered(call, 'noAnswer'));
      } else {
        this.timer(call, 'far', behaviour.ringSec * 1000, () => {
          call.state = 'up';
          call.talkFrom = this.clock.now();
          this.emit({ type: 'answered', callId, at: this.iso() });
          this.timer(call, 'far', behaviour.talkSec * 1000, () => this.hangup(callId, 'caller'));
        });
      }
    };
    this.timer(call, 'setup', SETUP_MS, () => {
      // A resolver that answers at once rings at once (tests on a manual clock need no settling for it).
      const resolved = this.options.resolveDestination ? this.options.resolveDestination(dialled) : dialled;
      return resolved instanceof Promise ? resolved.then(ring) : ring(resolved);
    });
  }

  /** A caller dials one of our numbers: `incoming` now, then the caller's keys and hang-up at their times. */
  incoming(callId: string, from: string, to: string, caller: InboundCaller = {}): void {
    const call = this.newCall(callId, 'in');
    call.state = 'up';
    call.caller = caller;
    this.emit({ type: 'incoming', callId, from, to, at: this.iso() });
    (caller.digits ?? []).forEach((d, i) => this.timer(call, `caller-digits-${i}`, d.afterMs, () => this.press(callId, d.digits)));
    if (caller.hangupAfterMs !== undefined) this.timer(call, 'caller-hangup', caller.hangupAfterMs, () => this.hangup(callId, 'caller'));
  }

  /** The caller presses keys now. */
  press(callId: string, digits: string): void {
    if (this.live(callId)) this.emit({ type: 'dtmf', callId, digits, from: 'caller', at: this.iso() });
  }

  /** The agent's keypad (DTMF toward the far end, e.g. an extension menu). */
  sendDtmf(callId: string, digits: string): void {
    if (this.live(callId)) this.emit({ type: 'dtmf', callId, digits, from: 'agent', at: this.iso() });
  }

  /** Plays a prompt of this length; `promptDone` when it ends. A new prompt replaces one still playing. */
  play(callId: string, ms: number): void {
    const call = this.live(callId);
    if (call) this.timer(call, 'prompt', ms, () => this.emit({ type: 'promptDone', callId, at: this.iso() }));
  }

  /** A named timer on the call (a gather's timeout, a queue's maximum wait); cancelled when the call ends. */
  after(callId: string, name: string, ms: number): void {
    const call = this.live(callId);
    if (call) this.timer(call, name, ms, () => this.emit({ type: 'timer', callId, name, at: this.iso() }));
  }

  cancel(callId: string, name: string): void {
    const call = this.calls.get(callId);
    const handle = call?.timers.get(name);
    if (call && handle !== undefined) {
      this.clock.clearTimeout(handle);
      call.timers.delete(name);
    }
  }

  /** The caller is connected to an agent: talk time starts; a scripted caller hangs up after their talk time. */
  connect(callId: string): void {
    const call = this.live(callId);
    if (!call) return;
    call.talkFrom = this.clock.now();
    if (call.caller?.talkSec !== undefined) this.timer(call, 'caller-talk', call.caller.talkSec * 1000, () => this.hangup(callId, 'caller'));
  }

  /** The agent's leg ends while the caller stays (back in the flow, e.g. for a survey): talk time stops. */
  disconnectAgent(callId: string): number {
    const call = this.live(callId);
    if (!call || call.talkFrom === null) return 0;
    const talkSec = Math.round((this.clock.now() - call.talkFrom) / 1000);
    call.talkFrom = null;
    this.cancel(callId, 'caller-talk');
    return talkSec;
  }

  hold(callId: string, on: boolean): void {
    const call = this.live(callId);
    if (call) call.held = on;
  }

  mute(callId: string, on: boolean): void {
    const call = this.live(callId);
    if (call) call.muted = on;
  }

  /** Ends the call from one side; a call already ended stays ended (no second event). */
  hangup(callId: string, side: Party): void {
    const call = this.live(callId);
    if (!call) return;
    const talkSec = call.talkFrom === null ? 0 : Math.round((this.clock.now() - call.talkFrom) / 1000);
    this.finish(call);
    this.emit({ type: 'hangup', callId, side, talkSec, at: this.iso() });
  }

  /** Forgets every call without events (shutting down). */
  stop(): void {
    for (const call of this.calls.values()) this.finish(call);
    this.calls.clear();
  }

  private newCall(id: string, direction: 'in' | 'out'): SimCall {
    if (this.calls.get(id)?.state !== undefined && this.calls.get(id)!.state !== 'ended') throw new Error(`call ${id} is already in progress`);
    const call: SimCall = { id, direction, state: 'dialling', talkFrom: null, held: false, muted: false, timers: new Map() };
    this.calls.set(id, call);
    return call;
  }

  private live(callId: string): SimCall | undefined {
    const call = this.calls.get(callId);
    return call && call.state !== 'ended' ? call : undefined;
  }

  private endUnanswered(call: SimCall, outcome: 'busy' | 'noAnswer'): void {
    this.finish(call);
    this.emit({ type: outcome, callId: call.id, at: this.iso() });
  }

  private finish(call: SimCall): void {
    call.state = 'ended';
    for (const handle of call.timers.values()) this.clock.clearTimeout(handle);
    call.timers.clear();
    // Ended calls are kept only as long as someone may still ask about them.
    this.calls.delete(call.id);
  }

  private timer(call: SimCall, name: string, ms: number, fn: () => void | Promise<void>): void {
    const previous = call.timers.get(name);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    const handle = this.clock.setTimeout(() => {
      call.timers.delete(name);
      void Promise.resolve(fn()).catch(() => undefined);
    }, ms);
    call.timers.set(name, handle);
  }

  private emit(event: CarrierEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function digitsOf(number: string): string {
  return number.replace(/\D/g, '');
}
