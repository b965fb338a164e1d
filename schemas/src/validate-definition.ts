import { createAjv, type Ajv } from './ajv.js';
import type { DefinitionKindSpec } from './kinds/kind.js';
import { kindSpec } from './kinds/registry.js';
import { issue, issuesFromAjv } from './messages.js';
import type { Locale, ValidationIssue } from './types.js';

let ajv: Ajv | undefined;
const validators = new Map<string, ReturnType<Ajv['compile']>>();

function validatorFor(spec: DefinitionKindSpec) {
  ajv ??= createAjv();
  let v = validators.get(spec.kind);
  if (!v) {
    v = ajv.compile(spec.schema);
    validators.set(spec.kind, v);
  }
  return v;
}

/**
 * Every problem in a definition, each with the JSON pointer of the offending value and a sentence in the
 * requested language: first what the kind's JSON Schema says, then (once that passes) its semantic checks.
 * An empty list means it may be published.
 */
export function validateDefinition(def: unknown, locale: Locale = 'en'): ValidationIssue[] {
  const kind = (def as { kind?: unknown } | null)?.kind;
  const spec = kindSpec(kind);
  if (!spec) return [issue('/kind', 'unknown_kind', locale, { kind: String(kind) })];
  const validate = validatorFor(spec);
  if (!validate(def)) return issuesFromAjv(validate.errors, locale);
  return spec.check?.(def, { ajv: ajv!, locale }) ?? [];
}
