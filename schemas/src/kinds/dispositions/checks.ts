import { issue } from '../../messages.js';
import type { DispositionsDefinition, Locale, ValidationIssue } from '../../types.js';
import { uniqueKeys } from '../unique-keys.js';

/** Outcome keys are what call records store, so each names one outcome; a field is set only from a contact plan. */
export function checkDispositions(def: DispositionsDefinition, locale: Locale): ValidationIssue[] {
  const out = uniqueKeys(def.outcomes, '/outcomes', locale);
  def.outcomes.forEach((o, i) => {
    if (o.setsField && !o.asksContactPlan) out.push(issue(`/outcomes/${i}/setsField`, 'sets_field_needs_plan', locale, { field: o.setsField }));
  });
  return out;
}
