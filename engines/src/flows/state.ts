import type { CallState, EventOf, StepInput } from './types.js';

export function initialState(input: StepInput, event: EventOf<'start'>): CallState {
  const { flow } = input;
  return {
    flow: { key: flow.key, version: input.version ?? 0 }, stack: [], node: flow.start, waiting: null,
    vars: {}, customer: null, language: flow.defaultLanguage, caller: event.caller, callee: event.callee,
    startedAt: event.at, now: event.at, retries: 0, steps: 0, ended: false, trace: [],
  };
}

/**
 * A working copy the step may change, leaving the caller's state untouched. Shallow on purpose: trace
 * entries and variable values are replaced, never changed in place, so copying the containers is enough.
 */
export function copyState(s: CallState): CallState {
  return {
    ...s, stack: [...s.stack], vars: { ...s.vars }, trace: [...s.trace],
    waiting: s.waiting ? { ...s.waiting, for: [...s.waiting.for] } : null,
  };
}
