// Runs a filter with sort, skip and limit over a DocSource, lazily when no in-memory sort is needed, so a
// cursor over a large collection holds only its position.
import { Query, find as mingoFind } from 'mingo';
import { decode, type Doc } from '../storage/collection.js';
import type { DocSource } from './doc-source.js';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { plan } from './planner.js';

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
  return new Query(filter ?? {}, MINGO_OPTIONS);
}

export function sortPairs(sort: Record<string, unknown> | undefined): [string, number][] {
  if (!sort) return [];
  return Object.entries(sort).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1]);
}

export function* findMatches(source: DocSource, filter: Record<string, unknown> | undefined, options: FindOptions = {}): Generator<Match> {
  // Compiled on first use: an exact index plan never needs it.
  let query: Query | undefined;
  const matches = (doc: Doc) => (query ??= compileFilter(filter)).test(doc);
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
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
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
  const byDoc = new Map<Doc, Match>(all.map((m) => [m.doc, m]));
  const ordered = mingoFind(
    all.map((m) => m.doc),
    {},
    undefined,
    MINGO_OPTIONS,
  )
    .sort(Object.fromEntries(sort) as Record<string, 1 | -1>)
    .skip(skip)
    .limit(limit === Infinity ? all.length : limit)
    .all();
  for (const d of ordered) yield byDoc.get(d as Doc)!;
}
