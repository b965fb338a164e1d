import { FRAME_BYTES, ULAW_SILENCE } from './audio.js';
import type { EndpointCall } from './endpoint.js';
import { linearToUlaw, mixUlaw } from './g711.js';
import type { CallRecorder } from './recorder.js';

/**
 * What a caller on hold hears, looped: two soft tones (440 Hz then 554 Hz, 0.4 s each) and 2.2 s of
 * silence, 3 s in all, 8 kHz mu-law. Generated, so hold needs no audio file.
 */
export const HOLD_AUDIO: Buffer = (() => {
  const rate = 8000;
  const out = Buffer.alloc(rate * 3, ULAW_SILENCE);
  const tone = (from: number, hz: number, sec: number) => {
    const n = Math.round(rate * sec);
    for (let i = 0; i < n; i++) {
      const fade = Math.min(1, i / 160, (n - i) / 160); // 20 ms ramps: no clicks
      out[from + i] = linearToUlaw(6000 * fade * Math.sin((2 * Math.PI * hz * i) / rate));
    }
  };
  tone(0, 440, 0.4);
  tone(Math.round(rate * 0.4), 554, 0.4);
  return out;
})();

/** How a supervisor's leg is on the bridge (live monitoring). */
export type MonitorLegMode = 'listen' | 'whisper' | 'barge';

/** Frames a mixing leg may have waiting from one source (jitter); older ones are dropped (latency). */
const MIX_QUEUE_FRAMES = 5;

/**
 * Connects the outside party `a` (caller, customer) with one or more agents' legs the endpoint holds.
 * Who hears whom:
 * - every agent hears `a` and the other agents; `a` hears the agents;
 * - on hold, `a` is cut off both ways and hears HOLD_AUDIO (looped) while the agents still hear each other
 *   (that is how a consultation sounds: the call's agent talks with the consulted one, the caller waits);
 * - a consulting agent (`join(leg, { consulting: true })`) talks with the agents only, never with `a`, until
 *   `include`d (a three-way conference);
 * - the muted primary agent (the call's own agent) is heard by nobody, and still hears everyone;
 * - a supervisor's leg (`monitor(leg, mode)`) hears `a` and the agents (and barging supervisors); `listen`: nobody
 *   hears them, `whisper`: the agents only (never `a`), `barge`: everyone, as in a conference.
 * A leg that hears one source gets its frames relayed as they arrive (no added delay, no transcoding: all
 * legs speak PCMU); a leg that hears several gets their sum, mixed at its 20 ms tick (`EndpointCall.feed`).
 * A prompt playing to a leg wins over what it would hear. Keys an agent presses (RFC 4733, SIP INFO) are sent on
 * to `a` as RFC 4733 while `a` may hear that agent (a menu of the company a click-to-call reached). The recorder keeps what `a` said while someone
 * heard it (channel 1) and what `a` heard from the agents (channel 2): nothing of a hold or a consultation.
 */
export class MediaBridge {
  private readonly agents: EndpointCall[] = [];
  private readonly consultingLegs = new Set<EndpointCall>();
  /** Supervisors' legs and how they are on the call. */
  private readonly monitors = new Map<EndpointCall, MonitorLegMode>();
  private readonly unsubscribe = new Map<EndpointCall, () => void>();
  /** Listener -> source -> frames waiting to be mixed. */
  private readonly queues = new Map<EndpointCall, Map<EndpointCall, Buffer[]>>();
  /** Source -> the legs that hear it now (recomputed on every change). */
  private routes = new Map<EndpointCall, EndpointCall[]>();
  private primaryLeg: EndpointCall | null;
  private open = true;
  private onHold = false;
  private isMuted = false;
  /** Bumped for every hold: a hold loop that is no longer the current one stops. */
  private holdRun = 0;
  private holdPlaying = false;
  /** Keys relayed to `a`, one after the other. */
  private keys: Promise<void> = Promise.resolve();

  constructor(readonly a: EndpointCall, b: EndpointCall, readonly recorder: CallRecorder | null = null) {
    this.primaryLeg = b;
    this.listen(a);
    this.join(b);
  }

  get active(): boolean {
    return this.open;
  }

  get held(): boolean {
    return this.onHold;
  }

  get muted(): boolean {
    return this.isMuted;
  }

  /** The agents' legs on the bridge, the first one joined first. */
  get legs(): readonly EndpointCall[] {
    return this.agents;
  }

  /** An agent's leg joins (a consulting one hears and is heard by the agents only). */
  join(leg: EndpointCall, options: { consulting?: boolean } = {}): void {
    if (!this.open || this.agents.includes(leg)) return;
    this.agents.push(leg);
    if (options.consulting) this.consultingLegs.add(leg);
    this.listen(leg);
    this.sync();
  }

  /** A consulting leg starts (true) or stops (false) being kept apart from `a`. */
  consulting(leg: EndpointCall, on: boolean): void {
    if (this.consultingLegs.has(leg) === on) return;
    if (on) this.consultingLegs.add(leg);
    else this.consultingLegs.delete(leg);
    this.sync();
  }

  /** The call's own agent: the one whose mute counts. */
  set primary(leg: EndpointCall | null) {
    if (this.primaryLeg === leg) return;
    this.primaryLeg = leg;
    this.sync();
  }

  get primary(): EndpointCall | null {
    return this.primaryLeg;
  }

  /** An agent's leg leaves (hand-over, consultation over, left the conference); the others go on. */
  drop(leg: EndpointCall): void {
    const i = this.agents.indexOf(leg);
    if (i < 0) return;
    this.agents.splice(i, 1);
    this.consultingLegs.delete(leg);
    this.unsubscribe.get(leg)?.();
    this.unsubscribe.delete(leg);
    this.queues.delete(leg);
    for (const q of this.queues.values()) q.delete(leg);
    leg.relaying = false;
    leg.feed = null;
    if (this.primaryLeg === leg) this.primaryLeg = this.agents[0] ?? null;
    this.sync();
  }

  /** A supervisor's leg joins or changes mode (null: leaves the bridge; the caller hangs it up). */
  monitor(leg: EndpointCall, mode: MonitorLegMode | null): void {
    if (!this.open) return;
    if (!mode) {
      if (!this.monitors.delete(leg)) return;
      this.unsubscribe.get(leg)?.();
      this.unsubscribe.delete(leg);
      this.queues.delete(leg);
      for (const q of this.queues.values()) q.delete(leg);
      leg.relaying = false;
      leg.feed = null;
      this.sync();
      return;
    }
    const fresh = !this.monitors.has(leg);
    this.monitors.set(leg, mode);
    // Heard, never relaying keys: a supervisor's keypad is not the call's.
    if (fresh) this.unsubscribe.set(leg, leg.onAudio((p) => this.heard(leg, p)));
    this.sync();
  }

  /** Hold (true): `a` is cut off both ways and hears hold audio; false: `a` is back. */
  hold(on: boolean): void {
    if (!this.open || this.onHold === on) return;
    this.onHold = on;
    this.sync();
    if (on) void this.holdLoop(++this.holdRun);
    else this.stopHoldAudio();
  }

  /** Mute (true): the primary agent's audio reaches nobody; false: it does again. */
  mute(on: boolean): void {
    if (!this.open || this.isMuted === on) return;
    this.isMuted = on;
    this.sync();
  }

  /** Stops relaying and mixing; each leg goes back to prompts and silence. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const u of this.unsubscribe.values()) u();
    this.unsubscribe.clear();
    this.stopHoldAudio();
    for (const leg of [this.a, ...this.agents, ...this.monitors.keys()]) { leg.relaying = false; leg.feed = null; }
    this.monitors.clear();
    this.queues.clear();
    this.routes.clear();
  }

  /** The legs `to` hears now. */
  private sources(to: EndpointCall): EndpointCall[] {
    const heard = (x: EndpointCall) => x !== to && !(this.isMuted && x === this.primaryLeg);
    const supervisors = (modes: MonitorLegMode[]) => [...this.monitors].filter(([leg, m]) => leg !== to && modes.includes(m)).map(([leg]) => leg);
    if (to === this.a) return this.onHold ? [] : [...this.agents.filter((x) => heard(x) && !this.consultingLegs.has(x)), ...supervisors(['barge'])];
    const list = this.agents.filter(heard);
    if (!this.onHold && !this.consultingLegs.has(to)) list.unshift(this.a);
    if (this.monitors.has(to)) return [...list, ...supervisors(['barge'])];
    return [...list, ...supervisors(['whisper', 'barge'])];
  }

  private listen(leg: EndpointCall): void {
    const stopAudio = leg.onAudio((p) => this.heard(leg, p));
    if (leg === this.a) { this.unsubscribe.set(leg, stopAudio); return; }
    // An agent's keypad reaches the outside party (an automated line a click-to-call reached), in order.
    const stopKeys = leg.onDtmf((key) => {
      if (!this.open || this.onHold || this.consultingLegs.has(leg)) return;
      this.keys = this.keys.then(() => this.a.media?.sendKey(key)).catch(() => undefined);
    });
    this.unsubscribe.set(leg, () => { stopAudio(); stopKeys(); });
  }

  private heard(from: EndpointCall, payload: Buffer): void {
    const listeners = this.routes.get(from);
    if (!this.open || !listeners?.length) return;
    if (from === this.a) this.recorder?.push(0, payload);
    for (const to of listeners) {
      const waiting = this.queues.get(to);
      if (waiting) {
        const q = waiting.get(from) ?? [];
        q.push(payload);
        if (q.length > MIX_QUEUE_FRAMES) q.shift();
        waiting.set(from, q);
        continue;
      }
      if (to === this.a && !to.playing) this.recorder?.push(1, payload);
      to.relayFrame(payload);
    }
  }

  /** One mixed frame for a leg that hears several others: one queued frame of each, summed. */
  private mixFor(to: EndpointCall): Buffer | null {
    const waiting = this.queues.get(to);
    if (!waiting) return null;
    const frames: Buffer[] = [];
    for (const q of waiting.values()) {
      const f = q.shift();
      if (f) frames.push(f.length === FRAME_BYTES ? f : Buffer.concat([f, SILENCE]).subarray(0, FRAME_BYTES));
    }
    if (!frames.length) return null;
    const mixed = mixUlaw(frames);
    if (to === this.a) this.recorder?.push(1, mixed);
    return mixed;
  }

  /** Recomputes who hears whom, and how each leg gets its frames (relayed, mixed, or its own silence). */
  private sync(): void {
    if (!this.open) return;
    const routes = new Map<EndpointCall, EndpointCall[]>();
    for (const to of [this.a, ...this.agents, ...this.monitors.keys()]) {
      const from = this.sources(to);
      for (const s of from) routes.set(s, [...(routes.get(s) ?? []), to]);
      to.relaying = from.length === 1;
      if (from.length >= 2) {
        const kept = this.queues.get(to) ?? new Map<EndpointCall, Buffer[]>();
        for (const s of [...kept.keys()]) if (!from.includes(s)) kept.delete(s);
        for (const s of from) if (!kept.has(s)) kept.set(s, []);
        this.queues.set(to, kept);
        to.feed = () => this.mixFor(to);
      } else {
        this.queues.delete(to);
        to.feed = null;
      }
    }
    this.routes = routes;
  }

  private async holdLoop(run: number): Promise<void> {
    while (this.open && this.onHold && this.holdRun === run && !this.a.endedBy) {
      this.holdPlaying = true;
      const outcome = await this.a.playSamples(HOLD_AUDIO);
      if (this.holdRun === run) this.holdPlaying = false;
      if (outcome !== 'done') return;
    }
  }

  private stopHoldAudio(): void {
    this.holdRun++;
    if (this.holdPlaying) {
      this.holdPlaying = false;
      this.a.stopPlayback();
    }
  }
}

const SILENCE = Buffer.alloc(FRAME_BYTES, ULAW_SILENCE);
