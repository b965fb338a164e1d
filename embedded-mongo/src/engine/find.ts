// Runs a filter with sort, skip and limit over a DocSource, lazily when no in-memory sort is needed, so a
// cursor over a large collection holds only its position.
import { Query } from 'mingo';
import { compareValues } from '../storage/bson-order.js';
import { decode, type Doc } from '../storage/collection.js';
import { valuesAtPath } from '../storage/keys.js';
import type { DocSource } from './doc-source.js';
import { MINGO_OPTIONS, withBsonTypes } from '../mingo-options.js';
import { isLiteralDocument, plan } from './planner.js';

export interface Match {
  id: string;
  raw: Uint8Array;
  doc: Doc;
}

export interface FindOptions {
  sort?: Record<string, number>;
  skip?: number;
  limit?: number;
}

export function compileFilter(filter: Record<string, unknown> | undefined): Query {
  return new Query(withBsonTypes(filter ?? {}) as Record<string, unknown>, MINGO_OPTIONS);
}

export function sortPairs(sort: Record<string, unknown> | undefined): [string, number][] {
  if (!sort) return [];
  return Object.entries(sort).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1]);
}

export function* findMatches(source: DocSource, filter: Record<string, unknown> | undefined, options: FindOptions = {}): Generator<Match> {
  // Compiled on first use: an exact index plan never needs it.
  let query: Query | undefined;
  // mingo compares embedded documents ignoring field order; MongoDB (and so this check) does not.
  const literalDocs = Object.entries(filter ?? {}).filter(([f, v]) => !f.startsWith('$') && isLiteralDocument(v));
  const exactDocs = (doc: Doc) => literalDocs.every(([f, v]) => valuesAtPath(doc, f).some((x) => compareValues(x, v) === 0));
  const matches = (doc: Doc) => (query ??= compileFilter(filter)).test(doc) && exactDocs(doc);
  const coll = source.coll;
  const sort = sortPairs(options.sort);
  let skip = options.skip ?? 0;
  let limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const chosen = coll ? plan(coll, filter ?? {}, sort) : undefined;
  const seen = new Set<string>();
  const trustIndex = Boolean(chosen?.exact) && !source.hasOverlay;
  if (!chosen?.exact) query = compileFilter(filter); // a bad filter fails now, not on the first candidate

  function* candidates(): Generator<Match> {
    const ids = chosen ? chosen.ids() : [];
    // Index scans can repeat ids (multikey), and a transaction's overlay adds ids the scan may also yield.
    const dedupe = Boolean(chosen?.repeats) || source.hasOverlay;
    for (const id of ids) {
      if (dedupe) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const raw = source.get(id);
      if (!raw) continue;
      const doc = decode(raw);
      if (trustIndex || matches(doc)) yield { id, raw, doc };
    }
    for (const id of source.overlayIds()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const raw = source.get(id);
      if (!raw) continue;
      const doc = decode(raw);
      if (matches(doc)) yield { id, raw, doc };
    }
  }

  const needsSort = sort.length > 0 && !(chosen?.sorted && !source.hasOverlay);
  if (!needsSort) {
    for (const m of candidates()) {
      if (limit <= 0) return;
      if (skip > 0) {
        skip--;
        continue;
      }
      limit--;
      yield m;
    }
    return;
  }
  const all = [...candidates()];
  all.sort(sortComparator(sort));
  const end = limit === Infinity ? all.length : skip + limit;
  for (let i = skip; i < Math.min(end, all.length); i++) yield all[i];
}

/**
 * MongoDB's sort order: values compare across types in BSON order, a missing field sorts as null, and an
 * array sorts by its smallest element ascending or its largest descending.
 */
export function sortComparator(sort: [string, number][]): (a: Match, b: Match) => number {
  const keyCache = new WeakMap<Match, unknown[]>();
  const keysOf = (m: Match) => {
    let keys = keyCache.get(m);
    if (!keys) {
      keys = sort.map(([field, dir]) => {
        const values = valuesAtPath(m.doc, field);
        return values.reduce((best, v) => (compareValues(v, best) * dir < 0 ? v : best));
      });
      keyCache.set(m, keys);
    }
    return keys;
  };
  return (a, b) => {
    const ka = keysOf(a);
    const kb = keysOf(b);
    for (let i = 0; i < sort.length; i++) {
      const c = compareValues(ka[i], kb[i]) * sort[i][1];
      if (c !== 0) return c;
    }
    return 0;
  };
}
