import { systemClock, type Clock } from '@telesales/telephony/simulated/index';
import type { CallFailure } from '@telesales/schemas';
import type { CarrierEvent, CarrierListener, Party } from '../carriers/carrier.js';

interface TableCall {
  id: string;
  direction: 'in' | 'out';
  state: 'dialling' | 'ringing' | 'up' | 'ended';
  /** When talk time starts: the far end answered (outbound) or the caller was connected to an agent (inbound). */
  talkFrom: number | null;
  held: boolean;
  muted: boolean;
  timers: Map<string, unknown>;
}

/** What the host may know of a call in the table (no numbers). */
export interface CallInfo {
  id: string;
  direction: 'in' | 'out';
  state: TableCall['state'];
  held: boolean;
  muted: boolean;
}

/**
 * The calls in progress and their timers, whichever carrier carries them: each call's state, talk time, hold and
 * mute, its named timers (a gather's timeout, a queue's maximum wait, an offer's ring time, a prompt's length
 * when no audio plays it), and one ordered stream of events (CarrierEvent) that the lifecycle handles
 * (carrier-events.ts). Carriers report into it (a call arrives, keys, ringing, answered, hang-up); the lifecycle
 * sets and cancels its timers here. Events name calls by the host's id and never carry a dialled number.
 */
export class CallTable {
  readonly clock: Clock;
  /** This process's own calls (call-owner.ts): another process never needs them, it asks the owner. */
  private readonly calls = new Map<string, TableCall>();
  private readonly listeners = new Set<CarrierListener>();

  constructor(clock: Clock = systemClock) {
    this.clock = clock;
  }

  on(listener: CarrierListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  info(callId: string): CallInfo | undefined {
    const c = this.calls.get(callId);
    return c && { id: c.id, direction: c.direction, state: c.state, held: c.held, muted: c.muted };
  }

  /** Calls not yet ended. */
  activeCount(): number {
    return [...this.calls.values()].filter((c) => c.state !== 'ended').length;
  }

  /** An outbound call starts (the carrier reports its progress: ringing, answered, unanswered, failed, hangup). */
  outbound(callId: string): void {
    this.newCall(callId, 'out');
  }

  /** The far end of an outbound call rings. */
  ringing(callId: string): void {
    const call = this.live(callId);
    if (!call) return;
    call.state = 'ringing';
    this.emit({ type: 'ringing', callId, at: this.iso() });
  }

  /** The far end of an outbound call answered: talk time starts. */
  answered(callId: string): void {
    const call = this.live(callId);
    if (!call) return;
    call.state = 'up';
    call.talkFrom = this.clock.now();
    this.emit({ type: 'answered', callId, at: this.iso() });
  }

  /** An outbound call that never became a conversation. */
  unanswered(callId: string, outcome: 'busy' | 'noAnswer'): void {
    const call = this.live(callId);
    if (!call) return;
    this.finish(call);
    this.emit({ type: outcome, callId, at: this.iso() });
  }

  /** The network could not place the call (what was dialled led nowhere, or the number does not exist). */
  failed(callId: string, reason: 'unknown_destination' | 'empty_number'): void {
    const call = this.live(callId);
    if (!call) return;
    this.finish(call);
    this.emit({ type: 'failed', callId, reason, at: this.iso() });
  }

  /** The line refused the call with a cause (switched off, suspended, an answering machine detected...). */
  refused(callId: string, cause: CallFailure['cause']): void {
    const call = this.live(callId);
    if (!call) return;
    this.finish(call);
    this.emit({ type: 'refused', callId, cause, at: this.iso() });
  }

  /** A caller dialled one of our numbers: `incoming` now. */
  incoming(callId: string, from: string, to: string): void {
    const call = this.newCall(callId, 'in');
    call.state = 'up';
    this.emit({ type: 'incoming', callId, from, to, at: this.iso() });
  }

  /** The caller presses keys now. */
  press(callId: string, digits: string): void {
    if (this.live(callId)) this.emit({ type: 'dtmf', callId, digits, from: 'caller', at: this.iso() });
  }

  /** The agent's keypad (DTMF toward the far end, e.g. an extension menu). */
  sendDtmf(callId: string, digits: string): void {
    if (this.live(callId)) this.emit({ type: 'dtmf', callId, digits, from: 'agent', at: this.iso() });
  }

  /** A prompt of this length plays (or has played, 0); `promptDone` when it ends. A new prompt replaces one still playing. */
  play(callId: string, ms: number): void {
    const call = this.live(callId);
    if (call) this.timer(callId, 'prompt', ms, () => this.emit({ type: 'promptDone', callId, at: this.iso() }));
  }

  /** A named timer on the call (a gather's timeout, a queue's maximum wait); cancelled when the call ends. */
  after(callId: string, name: string, ms: number): void {
    if (this.live(callId)) this.timer(callId, name, ms, () => this.emit({ type: 'timer', callId, name, at: this.iso() }));
  }

  cancel(callId: string, name: string): void {
    const call = this.calls.get(callId);
    const handle = call?.timers.get(name);
    if (call && handle !== undefined) {
      this.clock.clearTimeout(handle);
      call.timers.delete(name);
    }
  }

  /** The caller is connected to an agent: talk time starts. */
  connect(callId: string): void {
    const call = this.live(callId);
    if (call) call.talkFrom = this.clock.now();
  }

  /** The agent's leg ends while the caller stays (back in the flow, e.g. for a survey): talk time stops. */
  disconnectAgent(callId: string): number {
    const call = this.live(callId);
    if (!call || call.talkFrom === null) return 0;
    const talkSec = Math.round((this.clock.now() - call.talkFrom) / 1000);
    call.talkFrom = null;
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

  /** The carrier reported the call's end to the lifecycle itself (CarrierHost.outboundEnded): gone here, no second event. */
  forget(callId: string): void {
    const call = this.live(callId);
    if (call) this.finish(call);
  }

  /** Forgets every call without events (shutting down). */
  stop(): void {
    for (const call of this.calls.values()) this.finish(call);
    this.calls.clear();
  }

  /** Whether the call is in progress. */
  isLive(callId: string): boolean {
    return !!this.live(callId);
  }

  /** A timer of the call's own (a carrier's: the far end answering, a scripted caller's keys); replaces one of the same name. */
  timer(callId: string, name: string, ms: number, fn: () => void | Promise<void>): void {
    const call = this.live(callId);
    if (!call) return;
    const previous = call.timers.get(name);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    const handle = this.clock.setTimeout(() => {
      call.timers.delete(name);
      void Promise.resolve(fn()).catch(() => undefined);
    }, ms);
    call.timers.set(name, handle);
  }

  private newCall(id: string, direction: 'in' | 'out'): TableCall {
    if (this.calls.get(id)?.state !== undefined && this.calls.get(id)!.state !== 'ended') throw new Error(`call ${id} is already in progress`);
    const call: TableCall = { id, direction, state: 'dialling', talkFrom: null, held: false, muted: false, timers: new Map() };
    this.calls.set(id, call);
    return call;
  }

  private live(callId: string): TableCall | undefined {
    const call = this.calls.get(callId);
    return call && call.state !== 'ended' ? call : undefined;
  }

  private finish(call: TableCall): void {
    call.state = 'ended';
    for (const handle of call.timers.values()) this.clock.clearTimeout(handle);
    call.timers.clear();
    // Ended calls are kept only as long as someone may still ask about them.
    this.calls.delete(call.id);
  }

  private emit(event: CarrierEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
