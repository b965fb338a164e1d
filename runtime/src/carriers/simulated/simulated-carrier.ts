import { seededRandom, seedFromString } from '@telesales/engines/seeded-random';
import type { MonitorMode } from '@telesales/schemas';
import type { Clock } from '@telesales/telephony/simulated/index';
import type { CallDoc } from '../../calls/call-doc.js';
import { onCall } from '../../calls/consult.js';
import { CallTable } from '../../calls/call-table.js';
import { promptMs } from '../../flows/simulator.js';
import type { Carrier, OutboundDial, Prompt, TelephonyHealth } from '../carrier.js';
import { whoHears, type Hearer } from '../monitor-hearing.js';
import { DEFAULT_OUTCOME_PROFILE, drawOutcome, type OutcomeProfile } from './outcome-profile.js';

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

export interface SimulatedCarrierOptions {
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

/** Delay between placing a call and the far end ringing (the network). */
const SETUP_MS = 500;
const BUSY_MS = 3000;

/**
 * A phone network without audio for `TELEPHONY=simulated` and tests: outbound calls ring, answer, are busy
 * or go unanswered, talk for a while and hang up; inbound callers arrive, press keys and hang up; prompts
 * take time to play. Deterministic: the same seed, the same numbers and the same clock give the same calls.
 * It is the call table with far ends added: the far ends report into the table the way a SIP trunk's answers do.
 */
export class SimulatedCarrier extends CallTable implements Carrier {
  private readonly scripted = new Map<string, Partial<OutboundBehaviour>>();
  private readonly callers = new Map<string, InboundCaller>();
  private readonly seed: number;
  /** Outbound tasks' outcome profiles, by task key. */
  private readonly profiles = new Map<string, OutcomeProfile>();
  /** Dials of each number so far: the n-th dial of a number draws the same fate every run. */
  private readonly dialsOf = new Map<string, number>();
  private readonly noAnswerSec: number;
  /** Supervisors' legs on live calls (listen, whisper, barge), by call: no audio, only who would hear whom. */
  private readonly supervisors = new Map<string, { agents: string[]; modes: Map<string, MonitorMode> }>();

  constructor(private readonly options: SimulatedCarrierOptions = {}) {
    super(options.clock);
    this.seed = options.seed ?? 1;
    this.noAnswerSec = options.noAnswerSec ?? 30;
    this.on((e) => {
      if (e.type !== 'hangup') return;
      this.callers.delete(e.callId);
      this.supervisors.delete(e.callId);
    });
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

  /** Places an outbound call to what was dialled (a number, or a token the host resolves). */
  dial(callId: string, dialled: string): void {
    this.outbound(callId);
    const ring = (number: string | null) => {
      if (!this.isLive(callId)) return;
      if (!number) return this.failed(callId, 'unknown_destination');
      const behaviour = this.behaviourOf(number);
      if (behaviour.outcome === 'emptyNumber') return this.failed(callId, 'empty_number');
      this.ringing(callId);
      if (behaviour.outcome === 'busy') {
        this.timer(callId, 'far', BUSY_MS, () => this.unanswered(callId, 'busy'));
      } else if (behaviour.outcome === 'noAnswer' || behaviour.ringSec >= this.noAnswerSec) {
        this.timer(callId, 'far', this.noAnswerSec * 1000, () => this.unanswered(callId, 'noAnswer'));
      } else {
        this.timer(callId, 'far', behaviour.ringSec * 1000, () => {
          this.answered(callId);
          this.timer(callId, 'far', behaviour.talkSec * 1000, () => this.hangup(callId, 'caller'));
        });
      }
    };
    this.timer(callId, 'setup', SETUP_MS, () => {
      // A resolver that answers at once rings at once (tests on a manual clock need no settling for it).
      const resolved = this.options.resolveDestination ? this.options.resolveDestination(dialled) : dialled;
      return resolved instanceof Promise ? resolved.then(ring) : ring(resolved);
    });
  }

  /** A caller dials one of our numbers: `incoming` now, then the caller's keys and hang-up at their times. */
  override incoming(callId: string, from: string, to: string, caller: InboundCaller = {}): void {
    super.incoming(callId, from, to);
    this.actAs(callId, caller);
  }

  /** The caller of a call that arrived does this (the demo call, POST /api/calls/simulate-inbound, scripts its caller). */
  actAs(callId: string, caller: InboundCaller): void {
    this.callers.set(callId, caller);
    (caller.digits ?? []).forEach((d, i) => this.timer(callId, `caller-digits-${i}`, d.afterMs, () => this.press(callId, d.digits)));
    if (caller.hangupAfterMs !== undefined) this.timer(callId, 'caller-hangup', caller.hangupAfterMs, () => this.hangup(callId, 'caller'));
  }

  /** The caller is connected to an agent: talk time starts; a scripted caller hangs up after their talk time. */
  override connect(callId: string): void {
    super.connect(callId);
    const talkSec = this.callers.get(callId)?.talkSec;
    if (talkSec !== undefined) this.timer(callId, 'caller-talk', talkSec * 1000, () => this.hangup(callId, 'caller'));
  }

  /** The agent's leg ends while the caller stays: talk time stops, and so does a scripted caller's talk. */
  override disconnectAgent(callId: string): number {
    const talkSec = super.disconnectAgent(callId);
    this.cancel(callId, 'caller-talk');
    return talkSec;
  }

  override stop(): void {
    super.stop();
    this.callers.clear();
    this.supervisors.clear();
  }

  // Carrier: what the lifecycle asks.
  place(callId: string, dialled: string): void {
    this.dial(callId, dialled);
  }

  /** How the numbers of an outbound task behave from now on (the simulated-mode admin route, tests). */
  setProfile(taskKey: string, profile: OutcomeProfile): void {
    this.profiles.set(taskKey, profile);
  }

  profileOf(taskKey: string): OutcomeProfile {
    return this.profiles.get(taskKey) ?? DEFAULT_OUTCOME_PROFILE;
  }

  /**
   * A task's dial, as its outcome profile says: refused at once (empty number, switched off, suspended), busy,
   * ringing out at the task's ring timeout, an answering machine, or a person who answers and, once an agent is
   * connected, talks for a while and hangs up. An answered call nobody connects stays up until the lifecycle ends it.
   */
  dialOut(dial: OutboundDial): void {
    const { callId } = dial;
    this.outbound(callId);
    const profile = this.profileOf(dial.taskKey ?? '');
    const digits = digitsOf(dial.number);
    const nth = (this.dialsOf.get(digits) ?? 0) + 1;
    this.dialsOf.set(digits, nth);
    const random = seededRandom((profile.seed ?? this.seed) ^ seedFromString(`${digits}#${nth}`));
    const fate = drawOutcome(profile, [random(), random(), random()]);
    this.timer(callId, 'setup', SETUP_MS, () => {
      if (fate.outcome === 'emptyNumber') return this.failed(callId, 'empty_number');
      if (fate.outcome === 'switchedOff' || fate.outcome === 'suspended') return this.refused(callId, fate.outcome);
      this.ringing(callId);
      if (fate.outcome === 'busy') return this.timer(callId, 'far', BUSY_MS, () => this.unanswered(callId, 'busy'));
      if (fate.outcome === 'noAnswer' || fate.ringSec >= dial.ringTimeoutSec) {
        return this.timer(callId, 'far', dial.ringTimeoutSec * 1000, () => this.unanswered(callId, 'noAnswer'));
      }
      this.timer(callId, 'far', fate.ringSec * 1000, () => {
        if (fate.outcome === 'answeringMachine') return this.refused(callId, 'answeringMachine');
        this.answered(callId);
        this.callers.set(callId, { talkSec: Math.round(fate.talkSec) });
      });
    });
  }

  prompt(callId: string, prompt: Prompt): void {
    this.play(callId, promptMs(prompt));
  }

  record(): boolean {
    return false;
  }

  ring(): void {}
  stopRinging(): void {}
  queueWait(): void {}
  /** The agents on the call follow the record (a conference, a hand-over); with none left the supervisors go too. */
  legsChanged(doc: CallDoc): void {
    const legs = this.supervisors.get(doc._id);
    if (!legs) return;
    legs.agents = doc.status === 'talking' && !doc.endAt ? onCall(doc) : [];
    if (!legs.agents.length) this.supervisors.delete(doc._id);
  }

  monitor(doc: CallDoc, supervisorId: string, mode: MonitorMode | null): void {
    let legs = this.supervisors.get(doc._id);
    if (!mode) {
      legs?.modes.delete(supervisorId);
      if (legs && !legs.modes.size) this.supervisors.delete(doc._id);
      return;
    }
    if (!legs) this.supervisors.set(doc._id, (legs = { agents: onCall(doc), modes: new Map() }));
    legs.modes.set(supervisorId, mode);
  }

  /** Who hears whom on a call now (tests, the simulated demo): the caller, its agents and the supervisors on it. */
  hearing(callId: string): Record<Hearer, Hearer[]> | null {
    const legs = this.supervisors.get(callId);
    return legs ? whoHears(legs.agents, legs.modes) : null;
  }

  health(): TelephonyHealth {
    return { mode: 'simulated' };
  }
}

/** The simulated carrier of a calls service; null: the calls are carried otherwise (TELEPHONY=sip). */
export function simulatedCarrierOf(calls: { carrier: Carrier }): SimulatedCarrier | null {
  return calls.carrier instanceof SimulatedCarrier ? calls.carrier : null;
}

function digitsOf(number: string): string {
  return number.replace(/\D/g, '');
}
