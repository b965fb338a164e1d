// The step bounds: a flow that loops without waiting, and a caller who keeps a menu loop going forever.
import { describe, expect, it } from 'vitest';
import { MAX_STEPS_PER_CALL, MAX_STEPS_PER_EVENT } from '@telesales/engines/flows';
import { drive, ev, flow, node, say, start } from './support.js';

describe('bounds', () => {
  it(`a loop of setVariable nodes ends with step_limit after ${MAX_STEPS_PER_EVENT} steps in one event`, async () => {
    // Publish checks would refuse this loop; built directly to prove the interpreter does not depend on them.
    const f = flow([
      node('a', 'setVariable', { assignments: [{ variable: 'n', expression: '$number(vars.n) + 1' }] }, { next: 'b' }),
      node('b', 'setVariable', { assignments: [{ variable: 'm', expression: 'vars.n * 2' }] }, { next: 'a' }),
    ]);
    const { state, last } = await drive(f, [start()]);
    expect(state).toMatchObject({ ended: true, endReason: 'step_limit', steps: MAX_STEPS_PER_EVENT });
    expect(last).toEqual([{ type: 'hangup' }]);
    expect(state.trace.at(-1)).toMatchObject({ type: 'call', note: 'step_limit: step limit reached' });
  });

  it(`a caller looping through a menu is stopped after ${MAX_STEPS_PER_CALL} steps of the call`, async () => {
    const f = flow([
      node('menu', 'menu', { prompt: say('Press 1 to hear this again'), options: ['1'], retries: 0 }, { 1: 'again', noInput: 'menu', invalid: 'menu' }),
      node('again', 'play', { prompt: say('Again') }, { next: 'menu' }),
    ]);
    let { state } = await drive(f, [start()]);
    let t = 0;
    while (!state.ended && t < 10_000_000) {
      const before = state.steps;
      const event = state.waiting?.for.includes('digits') && state.waiting.phase === 'gather' ? ev.keys('1', (t += 100)) : ev.done((t += 100));
      state = (await drive(f, [event], { state })).state;
      expect(state.steps - before).toBeLessThanOrEqual(MAX_STEPS_PER_EVENT);
    }
    expect(state).toMatchObject({ ended: true, endReason: 'step_limit', steps: MAX_STEPS_PER_CALL });
  });
});
