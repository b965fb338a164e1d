import { createAjv, type Ajv } from './ajv.js';
import { issue, issuesFromAjv, localize } from './messages.js';
import { isDialablePhone } from './phone.js';
import { recordSchemaFor } from './record-schema.js';
import type { EntityDefinition, FieldDefinition, Locale, ValidationIssue } from './types.js';

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
  const strictPhones = entity.fields.filter((f) => f.type === 'phone' && !f.lenient && !f.retired);

  return (values, { mode, locale = 'en' }) => {
    const issues: ValidationIssue[] = [];
    for (const key of Object.keys(values)) {
      const field = byKey.get(key);
      if (!field) issues.push(issue(`/values/${key}`, 'unknown_field', locale));
      else if (field.retired) issues.push(issue(`/values/${key}`, 'retired_field', locale));
    }
    if (issues.length) return issues;
    const validate = compiled[mode];
    const valid = validate(values);
    const phones = undialable(values, strictPhones, locale);
    if (valid) return phones;
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
    const kept = mapped.filter((i) => i.code === 'required' || !required.has(i.path));
    // One complaint per value: a phone the schema already refuses (letters, blank) needs no second one.
    const refused = new Set(kept.map((i) => i.path));
    return [...kept, ...phones.filter((i) => !refused.has(i.path))];
  };
}

/**
 * Phones of well-formed shape (digits, an optional `+`) that are no number of their country: the schema's
 * format cannot tell, as validity depends on the field's default country and the numbering plan.
 */
function undialable(values: Record<string, unknown>, phones: FieldDefinition[], locale: Locale): ValidationIssue[] {
  return phones
    .filter((f) => typeof values[f.key] === 'string' && values[f.key] !== '' && !isDialablePhone(values[f.key] as string, f.defaultCountry))
    .map((f) => issue(`/values/${f.key}`, 'undialable_phone', locale, { country: f.defaultCountry ?? '' }));
}

function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path.split('/').slice(2).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
}
