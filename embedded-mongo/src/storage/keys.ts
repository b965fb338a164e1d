// Canonical string keys for `_id` values: the in-memory maps are keyed by them, so ids that mongod treats
// as equal (1, 1.0 and Long(1); two ObjectIds with the same bytes) land on the same key.

function numberKey(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

export function idKey(v: unknown): string {
  if (v === null || v === undefined) return 'z';
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + numberKey(v);
    case 'bigint':
      return 'n' + (Number.isSafeInteger(Number(v)) ? numberKey(Number(v)) : v.toString());
    case 'boolean':
      return v ? 'bt' : 'bf';
  }
  if (v instanceof Date) return 'd' + v.getTime();
  if (Array.isArray(v)) return 'a[' + v.map(idKey).join(',') + ']';
  const t = (v as { _bsontype?: string })._bsontype;
  switch (t) {
    case 'ObjectId':
      return 'o' + (v as { toHexString(): string }).toHexString();
    case 'Int32':
    case 'Double':
      return 'n' + numberKey((v as { valueOf(): number }).valueOf());
    case 'Long': {
      const l = v as { toNumber(): number; toString(): string };
      const n = l.toNumber();
      return 'n' + (Number.isSafeInteger(n) ? numberKey(n) : l.toString());
    }
    case 'Decimal128':
      return 'n' + numberKey(Number((v as object).toString()));
    case 'Binary': {
      const b = v as { sub_type: number; buffer: Uint8Array };
      return 'x' + b.sub_type + ':' + Buffer.from(b.buffer).toString('hex');
    }
  }
  if (t) return t + ':' + String(v);
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).map((k) => JSON.stringify(k) + ':' + idKey(o[k])).join(',') + '}';
}

/**
 * Every value a dotted path reaches in a document, descending through arrays the way MongoDB's multikey
 * indexes do. An array at the end of the path contributes each element (an empty array contributes
 * undefined); a path that reaches nothing yields [null].
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length ? out : [null];
}

function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      for (const el of value) out.push(el);
    } else {
      out.push(value === undefined ? null : value);
    }
    return;
  }
  if (Array.isArray(value)) {
    const index = Number(parts[i]);
    if (Number.isInteger(index) && String(index) === parts[i]) {
      if (index < value.length) collect(value[index], parts, i + 1, out);
      return;
    }
    if (value.length === 0) out.push(undefined); // as at the end of a path: an empty array is not null
    for (const el of value) collect(el, parts, i, out);
    return;
  }
  // A path that stops early indexes as null, as in mongod: `{ 'a.b': null }` matches { a: 5 } and { a: {} }.
  if (value === null || typeof value !== 'object') return void out.push(null);
  const next = (value as Record<string, unknown>)[parts[i]];
  if (next === undefined) return void out.push(null);
  collect(next, parts, i + 1, out);
}

/** The single value at a dotted path without descending arrays (for building upserted documents). */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (next === null || typeof next !== 'object') cur[parts[i]] = {};
    cur = cur[parts[i]] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}
