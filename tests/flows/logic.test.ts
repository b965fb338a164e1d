// entry, condition, hours and setVariable: branching on expressions and time, without waiting.
import { describe, expect, it } from 'vitest';
import { isOpen } from '@telesales/engines/flows';
import { drive, flow, node, path, start } from './support.js';

const bye = node('bye', 'hangup');

describe('entry', () => {
  it('starts the call at the entry node with the caller, callee and the default language', async () => {
    const { state } = await drive(flow([bye], { defaultLanguage: 'zh' }), [start(0, '+8613900000000')]);
    expect(state).toMatchObject({ caller: '+8613900000000', callee: '4008001234', language: 'zh', startedAt: '2025-03-03T02:00:00.000Z' });
    expect(state.trace[0]).toMatchObject({ node: 'entry', type: 'entry', port: 'next', at: '2025-03-03T02:00:00.000Z' });
  });
});

describe('setVariable and condition', () => {
  const f = flow([
    node('set', 'setVariable', { assignments: [
      { variable: 'tier', expression: "$substring(call.caller, 0, 3) = '+86' ? 'cn' : 'intl'" },
      { variable: 'label', expression: "vars.tier & '-' & call.language" },
      { variable: 'hour', expression: "$fromMillis($millis(), '[H01]')" },
      { variable: 'sameNow', expression: '$now() = now' },
    ] }, { next: 'cond' }),
    node('cond', 'condition', { cases: [
      { port: 'broken', expression: '$undefinedFunction(' },
      { port: 'intl', expression: "vars.tier = 'intl'" },
      { port: 'cn', expression: "vars.tier = 'cn'" },
    ] }, { broken: 'bye', intl: 'bye', cn: 'bye', else: 'bye' }),
    bye,
  ]);

  it('assigns in order (each sees the ones before) and records the changed variables', async () => {
    const { state } = await drive(f, [start()]);
    expect(state.vars).toEqual({ tier: 'cn', label: 'cn-en', hour: '02', sameNow: true });
    expect(state.trace.find((t) => t.node === 'set')?.vars).toEqual(state.vars);
  });

  it('takes the first true case; a bad expression is skipped and noted', async () => {
    const { state } = await drive(f, [start()]);
    expect(path(state)).toContain('cond:cn');
    const other = await drive(f, [start(0, '+14155550100')]);
    expect(path(other.state)).toContain('cond:intl');
  });

  it('goes to else when no case holds, noting failed evaluations', async () => {
    const g = flow([
      node('cond', 'condition', { cases: [{ port: 'yes', expression: 'vars.missing = 1' }, { port: 'loop', expression: '($f := function($n) { $f($n + 1) }; $f(0))' },
        { port: 'deep', expression: '($f := function($n) { 1 + $f($n + 1) }; $f(0))' }] },
        { yes: 'bye', loop: 'bye', deep: 'bye', else: 'bye' }),
      bye,
    ]);
    const { state } = await drive(g, [start()]);
    expect(path(state)).toContain('cond:else');
    // An endless tail call (jsonata runs it as a loop) meets the step bound, a deep recursion the depth bound.
    const note = state.trace.find((t) => t.node === 'cond')?.note;
    expect(note).toMatch(/loop: F1001/);
    expect(note).toMatch(/deep: D1011/);
  });

  it('stops a long-running expression at its step bound', async () => {
    const g = flow([
      node('set', 'setVariable', { assignments: [{ variable: 'x', expression: '$reduce([1..9000], function($a, $b) { $a + $count([1..9000]) }, 0)' }] }, { next: 'bye' }),
      bye,
    ]);
    const started = Date.now();
    const { state } = await drive(g, [start()]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(state.vars.x).toBeUndefined();
    expect(state.trace.find((t) => t.node === 'set')?.note).toMatch(/x: F1001/);
    expect(state.endReason).toBe('completed');
  });

  it('caps the size of a sequence', async () => {
    const g = flow([node('set', 'setVariable', { assignments: [{ variable: 'x', expression: '$sum([1..5000000])' }] }, { next: 'bye' }), bye]);
    expect((await drive(g, [start()])).state.trace.find((t) => t.node === 'set')?.note).toMatch(/x: D2015/);
  });
});

describe('hours', () => {
  const config = {
    timeZone: 'Asia/Shanghai',
    week: { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }], sat: [{ from: '09:00', to: '24:00' }] },
    holidays: ['2025-05-01'],
  };
  const f = flow([node('hours', 'hours', config, { open: 'bye', closed: 'bye' }), bye]);

  it('reads the time in the node time zone', () => {
    expect(isOpen(config as never, '2025-03-03T02:00:00Z')).toBe(true); // Mon 10:00 Shanghai
    expect(isOpen(config as never, '2025-03-03T04:30:00Z')).toBe(false); // Mon 12:30: lunch
    expect(isOpen(config as never, '2025-03-03T10:00:00Z')).toBe(false); // Mon 18:00: closes at 18:00
    expect(isOpen(config as never, '2025-03-02T16:30:00Z')).toBe(false); // Sun 00:30 Shanghai (Sun in UTC too)
    expect(isOpen(config as never, '2025-03-08T15:59:00Z')).toBe(true); // Sat 23:59 Shanghai
    expect(isOpen(config as never, '2025-03-08T16:00:00Z')).toBe(false); // Sun 00:00 Shanghai, Sat 16:00 UTC
    expect(isOpen(config as never, '2025-05-01T02:00:00Z')).toBe(false); // a holiday (a Thursday)
  });

  it('takes open or closed from the start event time', async () => {
    expect(path((await drive(f, [start()])).state)).toContain('hours:open');
    expect(path((await drive(f, [{ type: 'start', caller: '1', callee: '2', at: '2025-03-03T11:00:00Z' }])).state)).toContain('hours:closed');
  });

  it('answers closed for an unknown time zone instead of failing the call', async () => {
    const g = flow([node('hours', 'hours', { ...config, timeZone: 'Mars/Olympus' }, { open: 'bye', closed: 'bye' }), bye]);
    const { state } = await drive(g, [start()]);
    expect(path(state)).toContain('hours:closed');
    expect(state.trace.find((t) => t.node === 'hours')?.note).toMatch(/hours:/);
  });
});
