import { issue } from './messages.js';
import type { AgentStatesDefinition, DispositionsDefinition, Locale, ValidationIssue } from './types.js';

function uniqueKeys(list: { key: string }[], path: string, locale: Locale): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  list.forEach((item, i) => {
    if (seen.has(item.key)) out.push(issue(`${path}/${i}/key`, 'duplicate_key', locale, { key: item.key }));
    seen.add(item.key);
  });
  return out;
}

/** Outcome keys are what call records store, so each names one outcome; a field is set only from a contact plan. */
export function checkDispositions(def: DispositionsDefinition, locale: Locale): ValidationIssue[] {
  const out = uniqueKeys(def.outcomes, '/outcomes', locale);
  def.outcomes.forEach((o, i) => {
    if (o.setsField && !o.asksContactPlan) out.push(issue(`/outcomes/${i}/setsField`, 'sets_field_needs_plan', locale, { field: o.setsField }));
  });
  return out;
}

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
