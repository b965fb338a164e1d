import { createAjv, type Ajv, type ErrorObject } from './ajv.js';
import { isIsoDate, leadingDayExists } from './calendar.js';
import type { FieldType } from './field-types.js';
import { FILTER_MAX_CONDITIONS, FILTER_MAX_DEPTH, filterSchema } from './filter.schema.js';
import { issue, issuesFromAjv } from './messages.js';
import type { EntityDefinition, Filter, FilterCondition, FilterOperator, Locale, ValidationIssue } from './types.js';

/** Fields every record has besides its entity's own. */
export const SYSTEM_FIELDS: Record<string, FieldType> = {
  createdAt: 'datetime', updatedAt: 'datetime', ownerId: 'user', createdBy: 'user',
};

const EMPTY: FilterOperator[] = ['isEmpty', 'isNotEmpty'];
const EQUALITY: FilterOperator[] = ['eq', 'ne', 'in', 'nin', ...EMPTY];
const ORDERED: FilterOperator[] = [...EQUALITY, 'gt', 'gte', 'lt', 'lte', 'between'];
const TEXT: FilterOperator[] = [...EQUALITY, 'contains', 'startsWith'];

/** The operators that make sense for a field type (the console offers exactly these). */
export function operatorsFor(type: FieldType): FilterOperator[] {
  switch (type) {
    case 'text': case 'longtext': case 'phone': case 'email': case 'url': return TEXT;
    case 'integer': case 'decimal': case 'money': case 'percent': case 'date': case 'datetime': return ORDERED;
    case 'boolean': return ['eq', 'ne', ...EMPTY];
    case 'address': return ['contains', ...EMPTY];
    case 'attachment': return EMPTY;
    default: return EQUALITY;
  }
}

type Scalar = string | number | boolean;

/** The longest text a filter value or a quick search may hold: longer is no search a person types. */
export const SEARCH_TEXT_MAX = 500;
/** C0 controls but tab, newline and return, and DEL: a NUL cannot even reach the database inside a pattern. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Text a person searches with (a filter value, a quick search): not too long, no control characters. Both
 * would otherwise reach the database as a pattern it refuses ("regular expression too large", a NUL byte),
 * a 500 instead of the path and the reason.
 */
export function searchTextIssues(text: string, path: string, locale: Locale, limit = SEARCH_TEXT_MAX): ValidationIssue[] {
  if (text.length > limit) return [issue(path, 'maxLength', locale, { limit })];
  if (CONTROL.test(text)) return [issue(path, 'control_characters', locale)];
  return [];
}

/** Checks one scalar against the field type; returns the expected kind when it does not fit. */
function expectedFor(type: FieldType, v: Scalar): string | null {
  switch (type) {
    case 'integer': return Number.isInteger(v) ? null : 'an integer';
    case 'decimal': case 'money': case 'percent': return typeof v === 'number' && Number.isFinite(v) ? null : 'a number';
    case 'boolean': return typeof v === 'boolean' ? null : 'true or false';
    case 'date': return typeof v === 'string' && isIsoDate(v) ? null : 'a date (YYYY-MM-DD)';
    // Date.parse rolls 2026-02-30 over to 2 March: the day is checked too.
    case 'datetime': return typeof v === 'string' && !Number.isNaN(Date.parse(v)) && leadingDayExists(v) ? null : 'a date and time';
    default: return typeof v === 'string' ? null : 'text';
  }
}

function checkCondition(c: FilterCondition, at: string, fieldType: (k: string) => FieldType | undefined, locale: Locale, out: ValidationIssue[]) {
  const type = fieldType(c.field);
  if (!type) return out.push(issue(`${at}/field`, 'unknown_field', locale));
  if (!operatorsFor(type).includes(c.op)) return out.push(issue(`${at}/op`, 'unknown_operator', locale, { op: c.op, type }));
  const v = c.value;
  if (EMPTY.includes(c.op)) {
    if (v !== undefined) out.push(issue(`${at}/value`, 'bad_value', locale, { expected: 'absent' }));
    return;
  }
  const many = c.op === 'in' || c.op === 'nin' || c.op === 'between';
  if (many !== Array.isArray(v) || v === undefined) {
    const expected = c.op === 'between' ? 'a list [from, to]' : many ? 'a list' : 'a single value';
    return out.push(issue(`${at}/value`, 'bad_value', locale, { expected }));
  }
  if (c.op === 'between' && (v as Scalar[]).length !== 2) return out.push(issue(`${at}/value`, 'bad_value', locale, { expected: 'a list [from, to]' }));
  const values = Array.isArray(v) ? v : [v];
  // contains / startsWith take text whatever the field's type (e.g. an address part).
  const valueType: FieldType = c.op === 'contains' || c.op === 'startsWith' ? 'text' : type;
  values.forEach((item, i) => {
    const path = Array.isArray(v) ? `${at}/value/${i}` : `${at}/value`;
    const expected = expectedFor(valueType, item);
    if (expected) out.push(issue(path, 'bad_value', locale, { expected }));
    else if (typeof item === 'string') out.push(...searchTextIssues(item, path, locale));
  });
}

let ajv: Ajv | undefined;
let compiled: ReturnType<Ajv['compile']> | undefined;

/**
 * Validates a filter against the entity: shape (no other keys than and/or/field/op/value), depth, count,
 * known fields, operators that fit each field's type and values of the field's type.
 * `isUsable(key)` lets the caller hide fields the person may not see (they count as unknown).
 */
export function validateFilter(
  filter: unknown, entity: EntityDefinition, locale: Locale = 'en', isUsable: (key: string) => boolean = () => true,
): ValidationIssue[] {
  ajv ??= createAjv();
  compiled ??= ajv.compile(filterSchema);
  if (!compiled(filter)) {
    const errors = compiled.errors ?? [];
    const meant = branchErrors(filter, errors);
    return issuesFromAjv(meant.length ? meant : errors, locale, '/filter');
  }
  const fields = new Map(entity.fields.filter((f) => !f.retired).map((f) => [f.key, f.type]));
  const fieldType = (k: string) => (isUsable(k) ? (fields.get(k) ?? SYSTEM_FIELDS[k]) : undefined);
  const out: ValidationIssue[] = [];
  let count = 0;
  const walk = (f: Filter, at: string, depth: number) => {
    if (depth > FILTER_MAX_DEPTH) return void out.push(issue(at, 'too_deep', locale, { limit: FILTER_MAX_DEPTH }));
    if ('and' in f) return f.and.forEach((g, i) => walk(g, `${at}/and/${i}`, depth + 1));
    if ('or' in f) return f.or.forEach((g, i) => walk(g, `${at}/or/${i}`, depth + 1));
    if (++count === FILTER_MAX_CONDITIONS + 1) out.push(issue(at, 'too_many_conditions', locale, { limit: FILTER_MAX_CONDITIONS }));
    checkCondition(f, at, fieldType, locale, out);
  };
  walk(filter as Filter, '/filter', 1);
  return out;
}

/**
 * Ajv reports a bad node once per anyOf branch (and, or, condition). Keep only the errors of the branch
 * the client meant, judged by the keys the node has, so `{"$where": ...}` reads "unknown property $where"
 * and a bad value reads as a bad value, not three riddles.
 */
function branchErrors(filter: unknown, errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => {
    const branch = /^#\/\$defs\/(and|or|condition)\//.exec(e.schemaPath)?.[1];
    if (!branch) return false;
    // An error inside a property (`.../properties/value/...`) belongs to the node one level up.
    const segments = e.instancePath.split('/').slice(1);
    if (e.schemaPath.includes('/properties/')) segments.pop();
    const node = segments.reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], filter);
    const keys = node && typeof node === 'object' ? Object.keys(node) : [];
    const meant = keys.includes('and') ? 'and' : keys.includes('or') ? 'or' : 'condition';
    return branch === meant;
  });
}
