// A $match filter compiled over the fields the reader decoded: equality, $ne, $in, $nin, ranges and
// $exists on scalar literals, joined by implicit or explicit $and. A document whose value on a filtered path
// is an array (or goes through one) is tested by mingo on the whole document, where multikey rules apply;
// any other filter is mingo's for every document (compileMatch answers undefined).
import { compareValues, typeRank } from '../../storage/bson-order.js';
import type { Doc } from '../../storage/collection.js';
import { BAIL, type FieldSet } from './expressions.js';

/** True, false, or BAIL when mingo must decide on the whole document. */
export type Predicate = (doc: Doc) => boolean | typeof BAIL;

const isScalar = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;

/** The value at a dotted path, or BAIL when an array is on the way or at the end. */
function getter(path: string, fields: FieldSet): ((doc: Doc) => unknown) | undefined {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$') || /^\d+$/.test(p))) return undefined;
  fields.add(parts[0]);
  return (doc) => {
    let v: unknown = doc;
    for (const part of parts) {
      if (Array.isArray(v)) return BAIL;
      if (v === null || typeof v !== 'object' || v instanceof Date || '_bsontype' in v) return undefined;
      v = (v as Doc)[part];
    }
    return Array.isArray(v) ? BAIL : v;
  };
}

/** MongoDB equality of a stored scalar with a scalar literal; null also matches a missing value. */
function equals(v: unknown, literal: unknown): boolean {
  if (literal === null) return v === null || v === undefined;
  if (v === undefined || v === null) return false;
  return typeRank(v) === typeRank(literal) && compareValues(v, literal) === 0;
}

const RANGES: Record<string, (c: number) => boolean> = { $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0 };

/** One operator on a value; undefined when not compiled. */
function condition(op: string, arg: unknown): ((v: unknown) => boolean) | undefined {
  if (op === '$eq') return isScalar(arg) ? (v) => equals(v, arg) : undefined;
  if (op === '$ne') return isScalar(arg) ? (v) => !equals(v, arg) : undefined;
  if (op === '$in' || op === '$nin') {
    if (!Array.isArray(arg) || !arg.every(isScalar)) return undefined;
    const hit = (v: unknown) => arg.some((a) => equals(v, a));
    return op === '$in' ? hit : (v) => !hit(v);
  }
  if (op in RANGES) {
    // null and ranges bounded by other types follow rules mingo's BSON-order operators know: leave them.
    if (!(typeof arg === 'number' || typeof arg === 'string' || arg instanceof Date) || Number.isNaN(arg)) return undefined;
    const accept = RANGES[op];
    const rank = typeRank(arg);
    return (v) => v !== undefined && typeRank(v) === rank && accept(compareValues(v, arg));
  }
  if (op === '$exists') return typeof arg === 'boolean' ? (v) => (v !== undefined) === arg : undefined;
  return undefined;
}

export function compileMatch(filter: Doc, fields: FieldSet): Predicate | undefined {
  const tests: Predicate[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and') {
      if (!Array.isArray(value) || !value.length) return undefined;
      for (const part of value) {
        const p = part !== null && typeof part === 'object' && !Array.isArray(part) ? compileMatch(part as Doc, fields) : undefined;
        if (!p) return undefined;
        tests.push(p);
      }
      continue;
    }
    if (key.startsWith('$')) return undefined;
    const get = getter(key, fields);
    if (!get) return undefined;
    let checks: ((v: unknown) => boolean)[];
    if (isScalar(value)) checks = [(v) => equals(v, value)];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('_bsontype' in value) && !(value instanceof RegExp)) {
      const ops = Object.entries(value as Doc);
      if (!ops.length || ops.some(([op]) => !op.startsWith('$'))) return undefined;
      const compiled = ops.map(([op, arg]) => condition(op, arg));
      if (compiled.some((c) => !c)) return undefined;
      checks = compiled as ((v: unknown) => boolean)[];
    } else return undefined;
    tests.push((doc) => {
      const v = get(doc);
      if (v === BAIL) return BAIL;
      for (const check of checks) if (!check(v)) return false;
      return true;
    });
  }
  return (doc) => {
    for (const t of tests) {
      const r = t(doc);
      if (r !== true) return r;
    }
    return true;
  };
}
