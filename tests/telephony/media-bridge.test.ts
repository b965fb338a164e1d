// Who hears whom on the runtime's media bridge, with stand-in legs (the SIP and RTP side is tested in a network
// namespace by sip-hold and sip-transfer): relayed frames for a leg that hears one other, a mix for a leg that
// hears several, nothing across a hold, a consultation kept apart from the caller, a muted agent heard by nobody.
import { describe, expect, it } from 'vitest';
import { CallRecorder, MediaBridge, mixUlaw, ulawToLinear, linearToUlaw, type EndpointCall } from '@telesales/telephony/endpoint/index';

class Leg {
  relaying = false;
  feed: (() => Buffer | null) | null = null;
  endedBy: 'remote' | 'local' | null = null;
  playing = false;
  readonly received: number[] = [];
  /** Keys sent to this leg's far end (RFC 4733 through its media). */
  readonly keysSent: string[] = [];
  readonly media = { sendKey: async (key: string) => { this.keysSent.push(key); } };
  private readonly listeners = new Set<(p: Buffer) => void>();
  private readonly keyListeners = new Set<(key: string) => void>();
  constructor(readonly tone: number) {}
  onAudio(l: (p: Buffer) => void) { this.listeners.add(l); return () => this.listeners.delete(l); }
  onDtmf(l: (key: string) => void) { this.keyListeners.add(l); return () => this.keyListeners.delete(l); }
  /** The far end presses a key. */
  press(key: string) { for (const l of this.keyListeners) l(key); }
  relayFrame(p: Buffer) { this.received.push(p[0]!); }
  playSamples() { this.playing = true; return new Promise<'stopped'>(() => undefined); }
  stopPlayback() { this.playing = false; }
  /** The far end sends one frame of its tone. */
  speak() { for (const l of this.listeners) l(Buffer.alloc(160, this.tone)); }
  /** One 20 ms tick: what the endpoint sends this leg when nothing is relayed (a mix, or null for silence). */
  tick(): number | null { return this.relaying ? null : (this.feed?.()?.[0] ?? null); }
}
const asCall = (leg: Leg) => leg as unknown as EndpointCall;
const mix = (...tones: number[]) => mixUlaw(tones.map((t) => Buffer.alloc(160, t)))[0];

function setup() {
  const caller = new Leg(0x22);
  const agent1 = new Leg(0x11);
  const agent2 = new Leg(0x33);
  const recorder = new CallRecorder();
  const bridge = new MediaBridge(asCall(caller), asCall(agent1), recorder);
  const everyoneSpeaks = () => { caller.speak(); agent1.speak(); agent2.speak(); };
  return { caller, agent1, agent2, bridge, recorder, everyoneSpeaks };
}

describe('mu-law mixing', () => {
  it('decodes what it encodes within the quantisation step, and mixes by summing the linear samples', () => {
    for (const v of [0, 100, -100, 1000, -5000, 20000, -32000]) {
      expect(Math.abs(ulawToLinear(linearToUlaw(v)) - v)).toBeLessThanOrEqual(Math.max(8, Math.abs(v) / 16));
    }
    const a = linearToUlaw(3000);
    const b = linearToUlaw(-1000);
    expect(mixUlaw([Buffer.from([a]), Buffer.from([b])])[0]).toBe(linearToUlaw(ulawToLinear(a) + ulawToLinear(b)));
    // a loud sum clips instead of wrapping around
    expect(ulawToLinear(mixUlaw([Buffer.from([linearToUlaw(30000)]), Buffer.from([linearToUlaw(30000)])])[0]!)).toBeGreaterThan(30000);
  });
});

describe('MediaBridge', () => {
  it('relays each side to the other in a two-party call; hold cuts both ways; mute silences the agent only', () => {
    const { caller, agent1, bridge, everyoneSpeaks } = setup();
    everyoneSpeaks();
    expect(caller.received).toEqual([0x11]);
    expect(agent1.received).toEqual([0x22]);
    bridge.hold(true);
    everyoneSpeaks();
    expect(caller.received).toEqual([0x11]);
    expect(agent1.received).toEqual([0x22]);
    expect(caller.playing).toBe(true); // hold audio
    bridge.hold(false);
    expect(caller.playing).toBe(false);
    bridge.mute(true);
    everyoneSpeaks();
    expect(caller.received).toEqual([0x11]);
    expect(agent1.received).toEqual([0x22, 0x22]);
  });

  it('keeps a consulted agent apart from the caller, mixes a conference, and drops a leg that leaves', () => {
    const { caller, agent1, agent2, bridge, everyoneSpeaks } = setup();
    bridge.hold(true);
    bridge.join(asCall(agent2), { consulting: true });
    everyoneSpeaks();
    expect(agent1.received).toEqual([0x33]);
    expect(agent2.received).toEqual([0x11]);
    expect(caller.received).toEqual([]);

    bridge.hold(false);
    bridge.consulting(asCall(agent2), false); // conference: everyone hears the sum of the other two
    expect([caller.relaying, agent1.relaying, agent2.relaying]).toEqual([false, false, false]);
    everyoneSpeaks();
    expect(caller.tick()).toBe(mix(0x11, 0x33));
    expect(agent1.tick()).toBe(mix(0x22, 0x33));
    expect(agent2.tick()).toBe(mix(0x22, 0x11));
    expect(caller.tick()).toBeNull(); // nothing queued: silence
    agent2.speak();
    expect(caller.tick()).toBe(0x33); // one source this tick: that source alone

    bridge.mute(true); // agent1 is the call's agent: muted, nobody hears them
    everyoneSpeaks();
    expect(caller.relaying).toBe(true);
    expect(caller.received).toEqual([0x33]);
    expect(agent2.relaying).toBe(true);
    expect(agent2.received.at(-1)).toBe(0x22);
    expect(agent1.tick()).toBe(mix(0x22, 0x33)); // and they still hear both

    bridge.mute(false);
    bridge.drop(asCall(agent1)); // hand-over: agent2 is the call's agent now, back to relaying
    expect(bridge.primary).toBe(asCall(agent2));
    caller.received.length = 0;
    everyoneSpeaks();
    expect(caller.received).toEqual([0x33]);
    expect(agent2.received.at(-1)).toBe(0x22);
    expect(agent1.relaying).toBe(false);
    expect(agent1.feed).toBeNull();
  });

  it('bounds what waits to be mixed (late ticks drop the oldest frames, not the newest)', () => {
    const { agent1, agent2, bridge, caller } = setup();
    bridge.join(asCall(agent2));
    for (let i = 0; i < 20; i++) agent2.speak();
    caller.speak();
    let ticks = 0;
    while (agent1.tick() !== null) ticks++;
    expect(ticks).toBe(5);
  });

  it('sends an agent\'s keys on to the caller, not while the caller is on hold nor from a consulting agent', async () => {
    const { caller, agent1, agent2, bridge } = setup();
    agent1.press('1');
    bridge.hold(true);
    agent1.press('2');
    bridge.join(asCall(agent2), { consulting: true });
    agent2.press('3');
    bridge.hold(false);
    bridge.consulting(asCall(agent2), false);
    agent2.press('4');
    agent1.press('#');
    bridge.drop(asCall(agent2));
    agent2.press('5');
    bridge.close();
    agent1.press('6');
    await new Promise((r) => setTimeout(r, 10));
    expect(caller.keysSent).toEqual(['1', '4', '#']);
  });

  it('records what the caller said and what they heard, and nothing after close', () => {
    const { caller, agent1, bridge, recorder } = setup();
    caller.speak();
    agent1.speak();
    expect(recorder.bytes).toBe(2 * 160);
    bridge.close();
    caller.speak();
    expect(recorder.bytes).toBe(2 * 160);
    expect([caller.relaying, agent1.relaying]).toEqual([false, false]);
  });
});

describe('MediaBridge: a supervisor\'s leg (live monitoring)', () => {
  /** What each leg gets in one round: everyone speaks once, then one tick (relayed frames, or a mix). */
  function round(legs: Leg[]): number[][] {
    for (const l of legs) l.received.length = 0;
    for (const l of legs) l.speak();
    return legs.map((l) => { const t = l.tick(); return t === null ? [...l.received] : [...l.received, t]; });
  }

  it('listen hears both sides unheard; whisper reaches the agent only; barge everyone; leaving restores the call', () => {
    const { caller, agent1, bridge } = setup();
    const lead = new Leg(0x44);
    bridge.monitor(asCall(lead), 'listen');
    expect(round([caller, agent1, lead])).toEqual([[0x11], [0x22], [mix(0x22, 0x11)]]);
    bridge.monitor(asCall(lead), 'whisper');
    expect(round([caller, agent1, lead])).toEqual([[0x11], [mix(0x22, 0x44)], [mix(0x22, 0x11)]]);
    bridge.monitor(asCall(lead), 'barge');
    expect(round([caller, agent1, lead])).toEqual([[mix(0x11, 0x44)], [mix(0x22, 0x44)], [mix(0x22, 0x11)]]);
    bridge.monitor(asCall(lead), null);
    expect(round([caller, agent1, lead])).toEqual([[0x11], [0x22], []]);
  });

  it('on hold nobody hears the caller, a listening supervisor hears the agent only', () => {
    const { caller, agent1, bridge } = setup();
    const lead = new Leg(0x44);
    bridge.monitor(asCall(lead), 'listen');
    bridge.hold(true);
    const [, toAgent, toLead] = round([caller, agent1, lead]);
    expect(toAgent).toEqual([]);
    expect(toLead).toEqual([0x11]);
  });
});
