// MongoDB's comparison order across BSON types (MinKey < null < numbers < strings < objects < arrays <
// binData < ObjectId < bool < Date < Timestamp < regex < MaxKey), used by indexes and index-ordered scans.

type Any = unknown;

export function typeRank(v: Any): number {
  // undefined stands for an empty array in index keys: below null, and not equal to it ({ a: null } does not
  // match { a: [] }).
  if (v === undefined) return 1.5;
  if (v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (Array.isArray(v)) return 6;
  if (v instanceof Uint8Array) return 7;
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'MinKey':
      return 1;
    case 'MaxKey':
      return 13;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
  }
  return 5;
}

function toNumber(v: Any): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'Long') return (v as { toNumber(): number }).toNumber();
  return Number(String(v));
}

function bytesOf(v: Any): Uint8Array {
  if (v instanceof Uint8Array) return v;
  return (v as { buffer: Uint8Array }).buffer;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

interface ObjectIdLike {
  id: Uint8Array;
  i0?: number;
  i1?: number;
  i2?: number;
  i3?: number;
}

/** bson 7 keeps an ObjectId as four 24-bit numbers; comparing them avoids building `.id` bytes each time. */
function compareObjectIds(a: ObjectIdLike, b: ObjectIdLike): number {
  if (a.i0 === undefined || b.i0 === undefined) return compareBytes(a.id, b.id);
  return a.i0 - b.i0 || a.i1! - b.i1! || a.i2! - b.i2! || a.i3! - b.i3!;
}

/** BSON compares strings by their UTF-8 bytes, which is code point order (JS `<` compares UTF-16 units). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

/** int64 values beyond 2^53 lose precision as doubles: compare integers exactly when either side is a Long. */
function compareIntegers(a: Any, b: Any): number | undefined {
  const big = (v: Any): bigint | undefined => {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
    if ((v as { _bsontype?: string })._bsontype === 'Long') return BigInt((v as object).toString());
    return undefined;
  };
  const isWide = (v: Any) => typeof v === 'bigint' || (v as { _bsontype?: string })._bsontype === 'Long';
  if (!isWide(a) && !isWide(b)) return undefined;
  const x = big(a);
  const y = big(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmp(a: number | string | boolean, b: number | string | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareValues(a: Any, b: Any): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
    case 1.5:
    case 2:
    case 13:
      return 0;
    case 3: {
      const exact = compareIntegers(a, b);
      if (exact !== undefined) return exact;
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts before every other number
      if (Number.isNaN(y)) return 1;
      return cmp(x, y);
    }
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, Any>, b as Record<string, Any>);
    case 6: {
      const x = a as Any[];
      const y = b as Any[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 7: {
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length - y.length;
      const sa = (a as { sub_type?: number }).sub_type ?? 0;
      const sb = (b as { sub_type?: number }).sub_type ?? 0;
      return sa !== sb ? sa - sb : compareBytes(x, y);
    }
    case 8:
      return compareObjectIds(a as ObjectIdLike, b as ObjectIdLike);
    case 9:
      return cmp(a as boolean, b as boolean);
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const x = a as { high: number; low: number };
      const y = b as { high: number; low: number };
      return x.high !== y.high ? cmp(x.high >>> 0, y.high >>> 0) : cmp(x.low >>> 0, y.low >>> 0);
    }
    case 12:
      return cmp(String(a), String(b));
  }
  return 0;
}

function compareObjects(a: Record<string, Any>, b: Record<string, Any>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const byType = typeRank(a[ka[i]]) - typeRank(b[kb[i]]);
    if (byType !== 0) return byType;
    const byName = cmp(ka[i], kb[i]);
    if (byName !== 0) return byName;
    const byValue = compareValues(a[ka[i]], b[kb[i]]);
    if (byValue !== 0) return byValue;
  }
  return ka.length - kb.length;
}

/** The lowest and highest values of a type bracket's neighbours, used to bound index range scans. */
export function isScalarForIndex(v: Any): boolean {
  const r = typeRank(v);
  return r !== 5 && r !== 6 && r !== 12;
}
