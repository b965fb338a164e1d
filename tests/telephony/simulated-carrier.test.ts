import { describe, expect, it } from 'vitest';
import { ManualClock } from '@telesales/telephony/simulated/index';
import type { CarrierEvent } from '@telesales/runtime/carriers/carrier';
import { SimulatedCarrier } from '@telesales/runtime/carriers/simulated/simulated-carrier';

function carrier(options: { seed?: number; resolve?: (d: string) => string | null } = {}) {
  const clock = new ManualClock(0);
  const c = new SimulatedCarrier({ clock, seed: options.seed, ...(options.resolve ? { resolveDestination: options.resolve } : {}) });
  const events: (CarrierEvent & { ms: number })[] = [];
  c.on((e) => events.push({ ...e, ms: clock.now() }));
  return { clock, c, events, types: () => events.map((e) => `${e.type}@${e.ms}`) };
}

describe('outbound calls', () => {
  it('a number that answers rings, answers after its ring time and hangs up after its talk time', async () => {
    const { c, clock, events, types } = carrier();
    c.script('+8613800000000', { outcome: 'answer', ringSec: 4, talkSec: 30 });
    c.dial('a', '13800000000');
    await clock.advance(60_000);
    expect(types()).toEqual(['ringing@500', 'answered@4500', 'hangup@34500']);
    expect(events.at(-1)).toMatchObject({ side: 'caller', talkSec: 30 });
    expect(c.activeCount()).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('busy, no answer, and a destination that does not resolve', async () => {
    const { c, clock, types } = carrier({ resolve: (d) => (d === 'bad-token' ? null : d) });
    c.script('13800000001', { outcome: 'busy' });
    c.script('13800000002', { outcome: 'noAnswer' });
    c.dial('busy', '13800000001');
    c.dial('none', '13800000002');
    c.dial('bad', 'bad-token');
    await clock.advance(60_000);
    expect(types()).toEqual(['ringing@500', 'ringing@500', 'failed@500', 'busy@3500', 'noAnswer@30500']);
  });

  it('the agent hangs up while it rings: no answer comes after', async () => {
    const { c, clock, events } = carrier();
    c.script('13800000003', { outcome: 'answer', ringSec: 10, talkSec: 10 });
    c.dial('a', '13800000003');
    await clock.advance(2000);
    c.hangup('a', 'agent');
    c.hangup('a', 'agent');
    await clock.advance(60_000);
    expect(events.map((e) => e.type)).toEqual(['ringing', 'hangup']);
    expect(events[1]).toMatchObject({ side: 'agent', talkSec: 0 });
  });

  it('is deterministic: the same seed gives every number the same behaviour, whatever the order of calls', () => {
    const numbers = Array.from({ length: 50 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
    const a = new SimulatedCarrier({ seed: 7 });
    const b = new SimulatedCarrier({ seed: 7 });
    expect(numbers.map((n) => a.behaviourOf(n))).toEqual([...numbers].reverse().map((n) => b.behaviourOf(n)).reverse());
    const outcomes = new Set(numbers.map((n) => a.behaviourOf(n).outcome));
    expect(outcomes).toEqual(new Set(['answer', 'busy', 'noAnswer']));
    const other = new SimulatedCarrier({ seed: 8 });
    expect(numbers.map((n) => other.behaviourOf(n))).not.toEqual(numbers.map((n) => a.behaviourOf(n)));
  });

  it('events never carry the dialled number', async () => {
    const { c, clock, events } = carrier({ resolve: () => '+8613812345678' });
    c.script('13812345678', { outcome: 'answer', ringSec: 2, talkSec: 5 });
    c.dial('a', 'opaque-token');
    await clock.advance(30_000);
    expect(JSON.stringify(events)).not.toMatch(/12345678|opaque-token/);
  });
});

describe('inbound calls', () => {
  it('the caller arrives, keys in at their times, talks once connected and hangs up', async () => {
    const { c, clock, types, events } = carrier();
    c.incoming('in', '13800000000', '4008001234', { digits: [{ afterMs: 1500, digits: '1' }, { afterMs: 4000, digits: '2#' }], talkSec: 20 });
    c.play('in', 1000);
    await clock.advance(5000);
    c.connect('in');
    await clock.advance(30_000);
    expect(types()).toEqual(['incoming@0', 'promptDone@1000', 'dtmf@1500', 'dtmf@4000', 'hangup@25000']);
    expect(events[3]).toMatchObject({ digits: '2#', from: 'caller' });
    expect(events[4]).toMatchObject({ side: 'caller', talkSec: 20 });
  });

  it('timers fire by name, a new one replaces the old, cancel stops it, the end of the call clears them all', async () => {
    const { c, clock, types } = carrier();
    c.incoming('in', '1', '2', { hangupAfterMs: 10_000 });
    c.after('in', 'gather', 3000);
    await clock.advance(1000);
    c.after('in', 'gather', 3000);
    c.after('in', 'queue', 2000);
    c.cancel('in', 'queue');
    c.after('in', 'late', 20_000);
    await clock.advance(30_000);
    expect(types()).toEqual(['incoming@0', 'timer@4000', 'hangup@10000']);
    expect(clock.pending()).toBe(0);
  });

  it('the agent leg ends while the caller stays: talk time is the connected time', async () => {
    const { c, clock } = carrier();
    c.incoming('in', '1', '2', { talkSec: 100 });
    await clock.advance(1000);
    c.connect('in');
    await clock.advance(12_000);
    expect(c.disconnectAgent('in')).toBe(12);
    c.hold('in', true);
    expect(c.info('in')).toMatchObject({ state: 'up', held: true, muted: false });
    await clock.advance(200_000);
    expect(c.info('in')).toMatchObject({ state: 'up' }); // the caller's talk timer stopped with the agent leg
    c.hangup('in', 'system');
    expect(c.info('in')).toBeUndefined();
  });
});
