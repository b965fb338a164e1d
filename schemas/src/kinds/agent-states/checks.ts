import { issue } from '../../messages.js';
import type { AgentStatesDefinition, Locale, ValidationIssue } from '../../types.js';
import { uniqueKeys } from '../unique-keys.js';

/** Unique keys, and exactly one `ready` state: the one calls are offered in. */
export function checkAgentStates(def: AgentStatesDefinition, locale: Locale): ValidationIssue[] {
  const out = uniqueKeys(def.states, '/states', locale);
  const ready = def.states.filter((s) => s.kind === 'ready').length;
  if (ready !== 1) out.push(issue('/states', 'one_ready_state', locale, { count: ready }));
  for (const kind of ['busy', 'wrapup'] as const) {
    if (!def.states.some((s) => s.kind === kind)) out.push(issue('/states', 'state_kind_missing', locale, { kind }));
  }
  return out;
}
