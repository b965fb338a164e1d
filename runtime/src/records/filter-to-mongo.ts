import {
  normalizePhone, validateFilter,
  type FieldDefinition, type Filter, type FilterCondition, type ValidationIssue,
} from '@telesales/schemas';
import type { Document } from 'mongodb';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { SYSTEM_DATE_FIELDS, SYSTEM_ID_FIELDS } from './record-doc.js';
import { containsText, phoneDigits, startsWithText } from './text-match.js';

type Scalar = string | number | boolean;
const ADDRESS_PARTS = ['country', 'province', 'city', 'district', 'street', 'postcode'];
const MATCH_NOTHING = { _id: { $in: [] } };

function invalid(ctx: RecordContext, errors: ValidationIssue[]): ApiError {
  return new ApiError(400, 'invalid_filter', text('invalid_filter', ctx.locale), errors);
}

/**
 * Parses the `filter` query parameter (a JSON string) into the filter language; the body of POST .../query
 * carries it as JSON already.
 */
export function parseFilterParam(ctx: RecordContext, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(ctx, [{ path: '/filter', code: 'invalid_json', message: text('filter_not_json', ctx.locale) }]);
  }
}

/**
 * Filter language -> MongoDB query. The filter is validated first (shape, fields the reader may see,
 * operators per type, values per type); the translation then builds every operator itself from field keys
 * of the definition, so no `$` key a client sent can ever reach the driver.
 */
export function filterToMongo(ctx: RecordContext, filter: unknown): Document {
  const usable = (key: string) => SYSTEM_DATE_FIELDS.has(key) || SYSTEM_ID_FIELDS.has(key) || isVisible(ctx, key);
  const issues = validateFilter(filter, ctx.entity, ctx.locale, usable);
  if (!issues.length) maskedIssues(ctx, filter as Filter, '/filter', issues);
  if (issues.length) throw invalid(ctx, issues);
  return translate(ctx, filter as Filter);
}

function isVisible(ctx: RecordContext, key: string): boolean {
  const field = ctx.view.field(key);
  return Boolean(field && ctx.view.visible(field));
}

/** A masked field answers only "is it empty": any value comparison would reveal the number bit by bit. */
function maskedIssues(ctx: RecordContext, f: Filter, at: string, out: ValidationIssue[]): void {
  if ('and' in f) return f.and.forEach((g, i) => maskedIssues(ctx, g, `${at}/and/${i}`, out));
  if ('or' in f) return f.or.forEach((g, i) => maskedIssues(ctx, g, `${at}/or/${i}`, out));
  const field = ctx.view.field(f.field);
  if (field && ctx.view.masked(field) && f.op !== 'isEmpty' && f.op !== 'isNotEmpty') {
    out.push({ path: `${at}/op`, code: 'masked_field', message: text('masked_field', ctx.locale) });
  }
}

function translate(ctx: RecordContext, f: Filter): Document {
  if ('and' in f) return f.and.length ? { $and: f.and.map((g) => translate(ctx, g)) } : {};
  if ('or' in f) return f.or.length ? { $or: f.or.map((g) => translate(ctx, g)) } : MATCH_NOTHING;
  return condition(ctx, f);
}

/** Values are re-checked here so that, whatever the validator lets through, only scalars reach the driver. */
function scalar(v: unknown): Scalar {
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new Error('filter value is not a scalar'); // unreachable after validateFilter; a 500, never a query
}

function scalars(v: unknown): Scalar[] {
  if (!Array.isArray(v)) throw new Error('filter value is not a list');
  return v.map(scalar);
}

function condition(ctx: RecordContext, c: FilterCondition): Document {
  const field = ctx.view.field(c.field);
  if (!field && !SYSTEM_DATE_FIELDS.has(c.field) && !SYSTEM_ID_FIELDS.has(c.field)) throw new Error('filter field unknown');
  // Paths are built from definition keys and the four system fields only: never from client text.
  const path = field ? `values.${field.key}` : c.field;
  if (c.op === 'isEmpty') return { $or: emptyClauses(path) };
  if (c.op === 'isNotEmpty') return { $nor: emptyClauses(path) };
  if (field?.type === 'address') return addressContains(path, String(scalar(c.value)));
  if (c.op === 'contains' || c.op === 'startsWith') return { [path]: textMatch(field, String(scalar(c.value)), c.op === 'startsWith') };
  const value = (v: unknown) => comparable(field, c.field, scalar(v));
  switch (c.op) {
    case 'eq': return { [path]: { $eq: value(c.value) } };
    case 'ne': return { [path]: { $ne: value(c.value) } };
    case 'gt': case 'gte': case 'lt': case 'lte': return { [path]: { [`$${c.op}`]: value(c.value) } };
    case 'in': return { [path]: { $in: scalars(c.value).map(value) } };
    case 'nin': return { [path]: { $nin: scalars(c.value).map(value) } };
    case 'between': {
      const [lo, hi] = scalars(c.value);
      return { [path]: { $gte: value(lo), $lte: value(hi) } };
    }
  }
}

/** Null, missing, blank text and empty lists all count as empty. */
function emptyClauses(path: string): Document[] {
  return [{ [path]: null }, { [path]: '' }, { [path]: { $size: 0 } }];
}

/** Values compared as stored: system dates as Dates, phones normalised like on write. */
function comparable(field: FieldDefinition | undefined, key: string, v: Scalar): Scalar | Date {
  if (!field && SYSTEM_DATE_FIELDS.has(key)) return new Date(String(v));
  if (field?.type === 'phone' && typeof v === 'string') return normalizePhone(v, field.defaultCountry);
  return v;
}

function textMatch(field: FieldDefinition | undefined, value: string, anchored: boolean): RegExp | Document {
  if (field?.type === 'phone') return phoneDigits(field, value, anchored) ?? { $in: [] };
  return anchored ? startsWithText(value) : containsText(value);
}

function addressContains(path: string, value: string): Document {
  const re = containsText(value);
  return { $or: ADDRESS_PARTS.map((part) => ({ [`${path}.${part}`]: re })) };
}
