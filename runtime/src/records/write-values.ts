import { isDeepStrictEqual } from 'node:util';
import {
  createRecordValidator, defaultValues, message, normalizePhone,
  type EntityDefinition, type RecordValidator, type ValidationIssue,
} from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { valueOf, type RecordDoc } from './record-doc.js';
import { valueForReader } from './shown-value.js';

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

// Published definitions are cached per version by the store, so one compiled validator per version.
const validators = new WeakMap<EntityDefinition, RecordValidator>();
function validatorFor(entity: EntityDefinition): RecordValidator {
  let v = validators.get(entity);
  if (!v) validators.set(entity, (v = createRecordValidator(entity)));
  return v;
}

const isBlank = (v: unknown) => v === null || v === '';

/**
 * The values a client sent, screened field by field: unknown, retired and hidden fields are refused as
 * unknown (a hidden field does not exist for this reader), read-only ones as read-only. On update a value
 * equal to what the reader was shown is no change: a form may send back the masked stand-in or a
 * read-only value untouched, and that must neither fail nor overwrite the real value.
 */
function screen(ctx: RecordContext, input: Record<string, unknown>, current?: RecordDoc) {
  const accepted: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const path = `/values/${key}`;
    const field = ctx.view.field(key);
    if (!field || !ctx.view.visible(field)) {
      issues.push({ path, code: 'unknown_field', message: message('unknown_field', ctx.locale) });
      continue;
    }
    if (field.retired) {
      issues.push({ path, code: 'retired_field', message: message('retired_field', ctx.locale) });
      continue;
    }
    if (current) {
      const shown = valueForReader(ctx, key, valueOf(current.values, key));
      if (isDeepStrictEqual(raw, shown) || (isBlank(raw) && (shown === undefined || shown === null))) continue;
    }
    if (!ctx.view.writable(field)) {
      issues.push({ path, code: 'read_only', message: text('read_only', ctx.locale) });
      continue;
    }
    // Phones are compared and deduplicated in one form, so they are normalised before anything else.
    accepted[key] = field.type === 'phone' && typeof raw === 'string' ? normalizePhone(raw, field.defaultCountry) : raw;
    if (accepted[key] === '') accepted[key] = null;
  }
  return { accepted, issues };
}

/** Issues in the order of the form (the definition's field order), so a person reads them top to bottom. */
function refuse(ctx: RecordContext, issues: ValidationIssue[]): never {
  const position = (i: ValidationIssue) => {
    const at = ctx.entity.fields.findIndex((f) => f.key === i.path.split('/')[2]);
    return at < 0 ? Infinity : at;
  };
  const sorted = [...issues].sort((a, b) => position(a) - position(b));
  throw new ApiError(400, 'invalid_record', text('invalid_record', ctx.locale), sorted);
}

/** Values of a new record: the definition's defaults, then what the client sent, validated as a whole. */
export function createValues(ctx: RecordContext, input: Record<string, unknown>) {
  const { accepted, issues } = screen(ctx, input);
  if (issues.length) refuse(ctx, issues);
  const values = defaultValues(ctx.entity);
  for (const [key, value] of Object.entries(accepted)) {
    if (value === null) delete values[key];
    else values[key] = value;
  }
  const invalid = validatorFor(ctx.entity)(values, { mode: 'create', locale: ctx.locale });
  if (invalid.length) refuse(ctx, invalid);
  return values;
}

/** What an update changes: only values that differ from the stored ones; null or "" clears a field. */
export function updateValues(ctx: RecordContext, input: Record<string, unknown>, current: RecordDoc) {
  const { accepted, issues } = screen(ctx, input, current);
  for (const [key, value] of Object.entries(accepted)) {
    if (value === null && ctx.view.field(key)?.required) {
      issues.push({ path: `/values/${key}`, code: 'required', message: text('required', ctx.locale) });
      delete accepted[key];
    }
  }
  // Clearing is judged above (required or not); the validator sees only the values being written.
  const written = Object.fromEntries(Object.entries(accepted).filter(([, v]) => v !== null));
  issues.push(...validatorFor(ctx.entity)(written, { mode: 'update', locale: ctx.locale }));
  if (issues.length) refuse(ctx, issues);
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(accepted)) {
    const before = valueOf(current.values, key);
    if (value === null ? before === undefined || before === null : isDeepStrictEqual(before, value)) continue;
    if (value === null) unset[`values.${key}`] = '';
    else set[`values.${key}`] = value;
    changes.push({ field: key, before, after: value ?? undefined });
  }
  return { set, unset, changes };
}
