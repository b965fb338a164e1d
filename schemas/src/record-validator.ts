import { createAjv, type Ajv } from './ajv.js';
import { issue, issuesFromAjv, localize } from './messages.js';
import { recordSchemaFor } from './record-schema.js';
import type { EntityDefinition, Locale, ValidationIssue } from './types.js';

export type RecordValidator = (
  values: Record<string, unknown>,
  opts: { mode: 'create' | 'update'; locale?: Locale },
) => ValidationIssue[];

let shared: Ajv | undefined;
function recordAjv(): Ajv {
  if (!shared) {
    shared = createAjv();
    shared.addFormat('phone', /^\+?[0-9]{3,20}$/);
    shared.addFormat('http-url', /^https?:\/\/[^\s/$.?#][^\s]*$/i);
  }
  return shared;
}

/**
 * Compiles the entity's record schemas once and returns a validator the runtime, the builder's preview and
 * the console all use, so a person sees the same message in the browser as the server would answer.
 */
export function createRecordValidator(entity: EntityDefinition): RecordValidator {
  const ajv = recordAjv();
  const compiled = {
    create: ajv.compile(recordSchemaFor(entity, 'create')),
    update: ajv.compile(recordSchemaFor(entity, 'update')),
  };
  const byKey = new Map(entity.fields.map((f) => [f.key, f]));

  return (values, { mode, locale = 'en' }) => {
    const issues: ValidationIssue[] = [];
    for (const key of Object.keys(values)) {
      const field = byKey.get(key);
      if (!field) issues.push(issue(`/values/${key}`, 'unknown_field', locale));
      else if (field.retired) issues.push(issue(`/values/${key}`, 'retired_field', locale));
    }
    if (issues.length) return issues;
    const validate = compiled[mode];
    if (validate(values)) return [];
    const mapped = issuesFromAjv(validate.errors, locale, '/values').map((i) => {
      const field = byKey.get(i.path.split('/')[2] ?? '');
      if (!field) return i;
      // A required field cleared with null or "" reads "is required", not a JSON type riddle.
      const value = valueAt(values, i.path);
      if ((i.code === 'type' || i.code === 'minLength' || i.code === 'minItems') && field.required && (value === null || value === '' || (Array.isArray(value) && !value.length))) {
        return issue(i.path, 'required', locale);
      }
      if (i.code === 'pattern' && field.patternMessage) return { ...i, message: localize(field.patternMessage, locale) };
      if (i.code === 'format' && field.type === 'phone') return issue(i.path, 'invalid_phone', locale);
      if (i.code === 'enum' && field.options?.some((o) => o.retired && o.value === value)) {
        return issue(i.path, 'retired_option', locale);
      }
      return i;
    });
    // "is required" says it all: drop the other complaints about the same empty value.
    const required = new Set(mapped.filter((i) => i.code === 'required').map((i) => i.path));
    return mapped.filter((i) => i.code === 'required' || !required.has(i.path));
  };
}

function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path.split('/').slice(2).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
}
