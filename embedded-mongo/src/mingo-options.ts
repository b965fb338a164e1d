// Options every mingo call of the server shares, and the query operator it adds.
// Server-side JavaScript ($where, $function, $accumulator) is off, as with mongod's --noscripting: a filter
// from a client must never run code in this process.
import { Context } from 'mingo/core';
import { resolve } from 'mingo/util';
import { ErrorCodes, ServerError } from './errors.js';
import { compareValues, typeRank } from './storage/bson-order.js';
import { valuesAtPath } from './storage/keys.js';

function isRegexLike(v: unknown): boolean {
  return v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

const aliases: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 16: 'int', 17: 'timestamp', 18: 'long', 19: 'decimal',
  [-1]: 'minKey', 127: 'maxKey',
};

/**
 * The BSON type of a decoded value. Numbers are JS numbers after decoding, so their type is read from the
 * value: fractional -> double, whole within int32 -> int, other whole numbers -> long.
 */
export function bsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  switch (typeof v) {
    case 'number':
      return !Number.isInteger(v) ? 'double' : v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'long';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (Array.isArray(v)) return 'array';
  const t = (v as { _bsontype?: string })._bsontype;
  const byTag: Record<string, string> = {
    ObjectId: 'objectId', Binary: 'binData', Long: 'long', Decimal128: 'decimal', Double: 'double', Int32: 'int',
    Timestamp: 'timestamp', MinKey: 'minKey', MaxKey: 'maxKey', BSONRegExp: 'regex', Code: 'javascript', BSONSymbol: 'symbol',
  };
  return (t && byTag[t]) || 'object';
}

const NUMBER_TYPES = new Set(['double', 'int', 'long', 'decimal']);

function typeMatches(v: unknown, wanted: unknown): boolean {
  const name = typeof wanted === 'number' ? aliases[wanted] : String(wanted);
  const actual = bsonTypeOf(v);
  return name === 'number' ? NUMBER_TYPES.has(actual) : actual === name;
}

/** `$type` with BSON's type names (mingo's own $type answers with JS types for ObjectId, Binary, Long...). */
const $bsonType = (selector: string, wanted: unknown) => {
  const wants = Array.isArray(wanted) ? wanted : [wanted];
  return (doc: object) => {
    const v = resolve(doc as never, selector);
    const matches = (x: unknown) => wants.some((w) => typeMatches(x, w));
    if (v === undefined) return false;
    return matches(v) || (Array.isArray(v) && v.some(matches));
  };
};

/**
 * Range operators in BSON order: a bound matches only values of its own type bracket (numbers of every BSON
 * type together, exactly for int64 beyond 2^53; strings by code point), as mongod does.
 */
function bsonRange(accept: (c: number) => boolean) {
  // The values an index holds for the path (array elements one level down; null for a missing field), so a
  // filter matches the same documents with and without an index.
  return (selector: string, bound: unknown) => (doc: object) =>
    valuesAtPath(doc, selector).some((c) => typeRank(c) === typeRank(bound) && accept(compareValues(c, bound)));
}

const RANGE_OPERATORS: Record<string, string> = { $gt: '$bsonGt', $gte: '$bsonGte', $lt: '$bsonLt', $lte: '$bsonLte' };

export const MINGO_OPTIONS = {
  scriptEnabled: false,
  context: Context.init({
    query: {
      $bsonType,
      $bsonGt: bsonRange((c) => c > 0),
      $bsonGte: bsonRange((c) => c >= 0),
      $bsonLt: bsonRange((c) => c < 0),
      $bsonLte: bsonRange((c) => c <= 0),
    } as never,
  }),
} as const;

/**
 * Rewrites query-position `$type` and range operators into their BSON-order versions throughout a filter,
 * checking the arguments mongod checks on the way.
 */
export function withBsonTypes(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(withBsonTypes);
  if (!filter || typeof filter !== 'object' || (filter as { _bsontype?: string })._bsontype || filter instanceof Date || filter instanceof RegExp) return filter;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    // mongod's argument checks (mingo would fail on these with a TypeError, or not at all).
    if ((key === '$in' || key === '$nin' || key === '$all') && !Array.isArray(value)) throw new ServerError(ErrorCodes.BadValue, `${key} needs an array`);
    if ((key === '$and' || key === '$or' || key === '$nor') && (!Array.isArray(value) || value.length === 0)) {
      throw new ServerError(ErrorCodes.BadValue, `${key} argument must be a non-empty array`);
    }
    if (key === '$expr') out[key] = value; // aggregation-expression $type returns a name; leave it to mingo
    else if (key === '$type') out.$bsonType = value;
    else if (key in RANGE_OPERATORS && !isRegexLike(value)) out[RANGE_OPERATORS[key]] = value;
    else out[key] = withBsonTypes(value);
  }
  return out;
}
