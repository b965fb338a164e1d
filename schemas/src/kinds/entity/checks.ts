import type { Ajv } from '../../ajv.js';
import { hasOptions, isNumericType, isTemporalType, isTextType } from '../../field-types.js';
import { issue, issuesFromAjv } from '../../messages.js';
import { valueSchemaFor } from '../../record-schema.js';
import type { EntityDefinition, FieldDefinition, Locale, ValidationIssue } from '../../types.js';

/** Which type-specific properties apply to which field types. */
const APPLIES: Record<string, (f: FieldDefinition) => boolean> = {
  options: (f) => hasOptions(f.type),
  decimals: (f) => ['decimal', 'money', 'percent'].includes(f.type),
  currency: (f) => f.type === 'money',
  defaultCountry: (f) => f.type === 'phone',
  lenient: (f) => f.type === 'phone',
  reference: (f) => f.type === 'reference',
  minLength: (f) => isTextType(f.type),
  maxLength: (f) => isTextType(f.type),
  pattern: (f) => isTextType(f.type),
  patternMessage: (f) => isTextType(f.type),
  min: (f) => isNumericType(f.type) || isTemporalType(f.type),
  max: (f) => isNumericType(f.type) || isTemporalType(f.type),
};

function duplicates<T>(items: T[], keyOf: (t: T) => string): Map<string, number[]> {
  const at = new Map<string, number[]>();
  items.forEach((item, i) => at.set(keyOf(item), [...(at.get(keyOf(item)) ?? []), i]));
  return new Map([...at].filter(([, idx]) => idx.length > 1));
}

function checkUnique<T extends { id: string; key?: string; value?: string }>(
  items: T[], base: string, keyProp: 'key' | 'value', locale: Locale, out: ValidationIssue[],
) {
  for (const [key, idx] of duplicates(items, (t) => String(t[keyProp]))) {
    out.push(issue(`${base}/${idx[1]}/${keyProp}`, 'duplicate_key', locale, { key }));
  }
  for (const [id, idx] of duplicates(items, (t) => t.id)) {
    out.push(issue(`${base}/${idx[1]}/id`, 'duplicate_id', locale, { id }));
  }
}

function checkLimits(field: FieldDefinition, at: string, locale: Locale, out: ValidationIssue[]) {
  const numeric = isNumericType(field.type);
  for (const prop of APPLIES.min!(field) ? (['min', 'max'] as const) : []) {
    const v = field[prop];
    if (v === undefined) continue;
    const ok = numeric ? typeof v === 'number' : typeof v === 'string' && !Number.isNaN(Date.parse(v));
    if (!ok) out.push(issue(`${at}/${prop}`, 'type', locale, { type: numeric ? 'number' : 'a date string' }));
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    out.push(issue(`${at}/min`, 'min_above_max', locale));
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
    out.push(issue(`${at}/minLength`, 'min_above_max', locale));
  }
  if (field.pattern !== undefined) {
    try {
      new RegExp(field.pattern, 'u');
    } catch (e) {
      out.push(issue(`${at}/pattern`, 'bad_pattern', locale, { reason: (e as Error).message }));
    }
  }
}

function checkField(field: FieldDefinition, at: string, ctx: CheckContext, out: ValidationIssue[]) {
  const { locale } = ctx;
  for (const [prop, applies] of Object.entries(APPLIES)) {
    if ((field as Record<string, unknown>)[prop] !== undefined && !applies(field)) {
      out.push(issue(`${at}/${prop}`, 'not_applicable', locale, { property: prop, type: field.type }));
    }
  }
  if (hasOptions(field.type)) {
    if (!field.options?.length) out.push(issue(`${at}/options`, 'options_required', locale));
    else checkUnique(field.options, `${at}/options`, 'value', locale, out);
  }
  if (field.type === 'reference' && !field.reference) out.push(issue(`${at}/reference`, 'missing_reference', locale));
  if (field.section !== undefined && !ctx.sections.has(field.section)) {
    out.push(issue(`${at}/section`, 'unknown_section', locale, { section: field.section }));
  }
  checkLimits(field, at, locale, out);
  if (field.default !== undefined && !out.some((i) => i.path.startsWith(at + '/'))) {
    const validate = ctx.ajv.compile(valueSchemaFor(field));
    if (!validate(field.default)) {
      const reason = issuesFromAjv(validate.errors, locale).map((i) => i.message).join('; ');
      out.push(issue(`${at}/default`, 'bad_default', locale, { reason }));
    }
  }
}

interface CheckContext {
  ajv: Ajv;
  locale: Locale;
  sections: Set<string>;
}

/** What the JSON Schema cannot say: unique keys and ids, options, limits, defaults, references to fields. */
export function checkEntity(entity: EntityDefinition, ajv: Ajv, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const sections = new Set((entity.sections ?? []).map((s) => s.key));
  if (entity.sections) checkUnique(entity.sections, '/sections', 'key', locale, out);
  checkUnique(entity.fields, '/fields', 'key', locale, out);
  entity.fields.forEach((f, i) => checkField(f, `/fields/${i}`, { ajv, locale, sections }, out));
  const keys = new Set(entity.fields.map((f) => f.key));
  if (entity.titleField !== undefined && !keys.has(entity.titleField)) {
    out.push(issue('/titleField', 'unknown_title_field', locale, { key: entity.titleField }));
  }
  entity.duplicateKeys?.forEach((combo, i) =>
    combo.forEach((key, j) => {
      if (!keys.has(key)) out.push(issue(`/duplicateKeys/${i}/${j}`, 'unknown_key_field', locale, { key }));
    }),
  );
  return out;
}
