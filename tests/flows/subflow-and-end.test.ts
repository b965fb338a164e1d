// subflow/return, hangup nodes and the caller hanging up, unconnected optional ports.
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '@telesales/schemas';
import type { ResolveFlow } from '@telesales/engines/flows';
import { drive, ev, flow, node, path, say, start } from './support.js';

const auth = flow([
  node('ask', 'gather', { prompt: say('PIN'), maxDigits: 4, variable: 'pin' }, { next: 'back', noInput: 'back', invalid: 'back' }),
  node('back', 'return'),
], { key: 'auth' });

const main = flow([
  node('call_auth', 'subflow', { flow: 'auth', version: 'latest' }, { next: 'menu' }),
  node('menu', 'menu', { prompt: say('Menu'), options: ['1'] }, { 1: 'bye', noInput: 'bye', invalid: 'bye' }),
  node('bye', 'hangup', { prompt: say('Goodbye') }),
]);

const versions: Record<string, FlowDefinition> = { 'auth@3': auth };
const resolveFlow: ResolveFlow = (key, version) => {
  const v = version === 'latest' ? 3 : version;
  return versions[`${key}@${v}`] ? { definition: versions[`${key}@${v}`]!, version: v } : null;
};

describe('subflow and return', () => {
  it('runs the sub-flow (resolved version kept in the state) and returns by next', async () => {
    const a = await drive(main, [start()], { resolveFlow });
    expect(a.state.flow).toEqual({ key: 'auth', version: 3 });
    expect(a.state.stack).toEqual([{ flow: { key: 'test_flow', version: 0 }, node: 'call_auth' }]);
    expect(a.state.trace.at(-1)).toMatchObject({ flow: 'auth', node: 'ask' });
    const b = await drive(main, [ev.done(500), ev.keys('1234', 1000)], { state: a.state, resolveFlow });
    expect(b.state.vars.pin).toBe('1234');
    expect(b.state.flow.key).toBe('test_flow');
    expect(b.state.stack).toEqual([]);
    expect(path(b.state)).toEqual(['entry:next', 'entry:next', 'ask:next', 'call_auth:next']);
    expect(b.state.node).toBe('menu');
  });

  it('ends the call with an error when the sub-flow is not published', async () => {
    const { state } = await drive(main, [start()], { resolveFlow: () => null });
    expect(state).toMatchObject({ ended: true, endReason: 'error' });
    expect(state.trace.at(-1)?.note).toMatch(/sub-flow auth/);
  });

  it('return in a top-level flow ends the call', async () => {
    const { state, last } = await drive(flow([node('r', 'return')]), [start()]);
    expect(state.endReason).toBe('completed');
    expect(last).toEqual([{ type: 'hangup' }]);
  });

  it('stops sub-flows that call each other without end', async () => {
    const self = flow([node('again', 'subflow', { flow: 'self', version: 1 }, { next: 'again' })], { key: 'self' });
    const { state } = await drive(self, [start()], { resolveFlow: () => ({ definition: self, version: 1 }) });
    expect(state.endReason).toBe('error');
    expect(state.trace.at(-1)?.note).toMatch(/nested too deep/);
  });
});

describe('hangup', () => {
  it('says goodbye, then hangs up', async () => {
    const f = flow([node('bye', 'hangup', { prompt: say('Goodbye') })]);
    const a = await drive(f, [start()]);
    expect(a.last).toEqual([{ type: 'play', prompt: { text: 'Goodbye' }, language: 'en', bargeIn: false }]);
    const b = await drive(f, [ev.done(900)], { state: a.state });
    expect(b.state).toMatchObject({ ended: true, endReason: 'completed' });
    expect(b.last).toEqual([{ type: 'hangup' }]);
  });

  it('the caller hanging up ends the call wherever it is, and later events change nothing', async () => {
    const a = await drive(main, [start(), ev.done(500), ev.hangup(700)], { resolveFlow });
    expect(a.state).toMatchObject({ ended: true, endReason: 'hangup', waiting: null });
    expect(a.last).toEqual([]);
    expect(a.state.trace.at(-1)).toMatchObject({ type: 'call', note: 'hangup: caller hung up' });
    const b = await drive(main, [ev.keys('1', 900)], { state: a.state, resolveFlow });
    expect(b.state).toBe(a.state);
  });

  it('a second start on a running call is ignored; the first event must be a start', async () => {
    const a = await drive(main, [start()], { resolveFlow });
    expect((await drive(main, [start(100)], { state: a.state, resolveFlow })).state).toBe(a.state);
    await expect(drive(main, [ev.done(0)])).rejects.toThrow(/start event/);
  });
});
