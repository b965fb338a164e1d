import { Run } from './run.js';
import { copyState, initialState } from './state.js';
import type { StepInput, StepResult } from './types.js';

/**
 * The interpreter's one entry point: the call's state and an event in, the new state and the commands to
 * carry out. No I/O, no clock, no randomness (time comes with the event), so the same events give the same
 * call, and a state stored as JSON between events resumes anywhere. Async only because JSONata is.
 * Events the call does not wait for (a late timeout, keys while an agent talks) are ignored: same state back.
 */
export async function step(input: StepInput): Promise<StepResult> {
  const { event } = input;
  if (event.type === 'start') {
    if (input.state && !input.state.ended) return { state: input.state, commands: [] };
    const run = new Run(input, initialState(input, event), event.at);
    return guarded(run, () => run.go(input.flow.start));
  }
  const previous = input.state;
  if (!previous) throw new Error(`a call starts with a start event, not ${event.type}`);
  if (previous.ended) return { state: previous, commands: [] };
  if (event.type !== 'hangup' && !previous.waiting?.for.includes(event.type)) return { state: previous, commands: [] };
  const state = copyState(previous);
  state.now = event.at;
  const run = new Run(input, state, event.at);
  if (event.type === 'hangup') {
    // A caller who hangs up during a transfer has been handed over, not lost.
    const handedOver = state.waiting?.phase === 'transferring';
    run.end(handedOver ? 'transferred' : 'hangup', handedOver ? 'transferred call ended' : 'caller hung up');
    return { state, commands: run.commands };
  }
  return guarded(run, () => run.go(state.node, event));
}

/** A fault in a handler (a definition the checks let through, a bug) ends the call instead of stranding it. */
async function guarded(run: Run, work: () => Promise<void>): Promise<StepResult> {
  try {
    await work();
  } catch (e) {
    run.end('error', e instanceof Error ? e.message : String(e));
  }
  return { state: run.state, commands: run.commands };
}
