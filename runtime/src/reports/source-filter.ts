import { validateFilter, type EntityDefinition, type Filter, type FilterCondition, type Locale, type ReportField } from '@telesales/schemas';
import type { Document } from 'mongodb';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';

type Scalar = string | number | boolean;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The filter language over a source that is not an entity (calls, dials, moves, agent states): validated against
 * the source's fields (schemas/src/kinds/report/sources.ts), then translated with paths from that table only, so no
 * client text becomes a path or an operator. Entity records are filtered by the records service instead.
 */
export function sourceFilterMatch(filter: unknown, fields: ReportField[], locale: Locale): Document {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const entity = { fields: fields.map((f) => ({ key: f.key, type: f.type })) } as unknown as EntityDefinition;
  const issues = validateFilter(filter, entity, locale, (k) => byKey.has(k));
  if (issues.length) throw new ApiError(400, 'invalid_filter', text('invalid_params', locale), issues);
  return translate(filter as Filter, byKey);
}

function translate(f: Filter, fields: Map<string, ReportField>): Document {
  if ('and' in f) return { $and: f.and.map((g) => translate(g, fields)) };
  if ('or' in f) return { $or: f.or.map((g) => translate(g, fields)) };
  return condition(f, fields.get(f.field)!);
}

function condition(c: FilterCondition, field: ReportField): Document {
  const path = field.path;
  const value = (v: unknown): Scalar | Date => (field.type === 'datetime' ? new Date(String(v)) : (v as Scalar));
  const list = () => (c.value as Scalar[]).map(value);
  switch (c.op) {
    case 'isEmpty': return { $or: [{ [path]: null }, { [path]: '' }] };
    case 'isNotEmpty': return { $nor: [{ [path]: null }, { [path]: '' }] };
    case 'contains': return { [path]: new RegExp(escape(String(c.value)), 'i') };
    case 'startsWith': return { [path]: new RegExp(`^${escape(String(c.value))}`, 'i') };
    case 'eq': return { [path]: { $eq: value(c.value) } };
    case 'ne': return { [path]: { $ne: value(c.value) } };
    case 'gt': case 'gte': case 'lt': case 'lte': return { [path]: { [`$${c.op}`]: value(c.value) } };
    case 'in': return { [path]: { $in: list() } };
    case 'nin': return { [path]: { $nin: list() } };
    case 'between': {
      const [lo, hi] = list();
      return { [path]: { $gte: lo, $lte: hi } };
    }
  }
}
