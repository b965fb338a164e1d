// Runs a filter with sort, skip and limit over a DocSource, lazily when no in-memory sort is needed, so a
// cursor over a large collection holds only its position.
import { Query } from 'mingo';
import { compareValues } from '../storage/bson-order.js';
import { decode, type Doc } from '../storage/collection.js';
import { idKey, valuesAtPath } from '../storage/keys.js';
import type { DocSource } from './doc-source.js';
import { MINGO_OPTIONS, withBsonTypes } from '../mingo-options.js';
import { isLiteralDocument, plan, type Plan } from './planner.js';

export interface Match {
  id: string;
  raw: Uint8Array;
  doc: Doc;
}

export interface FindOptions {
  sort?: Record<string, number>;
  skip?: number;
  limit?: number;
  /** Command-level `let` variables ($$name in $expr). */
  variables?: Doc;
  /** Explain: called with the plan that won (and those it beat) once chosen; then no document is returned. */
  explain?: (winner: string, rejected: string[]) => void;
}

function idEquality(filter: Record<string, unknown> | undefined): string | undefined {
  const v = filter?._id;
  if (v === undefined) return undefined;
  const literal = typeof v === 'object' && v !== null && !(v instanceof Date) && !('_bsontype' in v)
    ? (Object.keys(v).length === 1 && '$eq' in v ? (v as { $eq: unknown }).$eq : undefined)
    : v;
  if (literal === undefined || (typeof literal === 'object' && literal !== null && !(literal instanceof Date) && !('_bsontype' in literal))) return undefined;
  return idKey(literal);
}

export function compileFilter(filter: Record<string, unknown> | undefined, variables?: Doc): Query {
  return new Query(withBsonTypes(filter ?? {}) as Record<string, unknown>, variables ? { ...MINGO_OPTIONS, variables } : MINGO_OPTIONS);
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
  const matches = (doc: Doc) => (query ??= compileFilter(filter, options.variables)).test(doc) && exactDocs(doc);
  const coll = source.coll;
  const sort = sortPairs(options.sort);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  // A transaction's own writes are not in the indexes, so its reads sort in memory and never race.
  const limited = sort.length > 0 && limit !== Infinity && !source.hasOverlay;
  const chosen = coll ? plan(coll, filter ?? {}, sort, limited) : undefined;
  // `_id: value` can only match that document: a transaction's other writes need not be visited (a write
  // per document in a transaction of n writes would otherwise cost n² decodes).
  const onlyId = idEquality(filter);
  if (!chosen?.exact) query = compileFilter(filter, options.variables); // a bad filter fails now, not on the first candidate

  /** Matching documents of a plan, in its order; stops (setting `meter.exhausted`) past `meter.budget` visits. */
  function* candidates(p: Plan | undefined, meter?: { visits: number; budget: number; exhausted?: boolean }): Generator<Match> {
    const trustIndex = Boolean(p?.exact) && !source.hasOverlay;
    const seen = new Set<string>();
    // Index scans can repeat ids (multikey), and a transaction's overlay adds ids the scan may also yield.
    const dedupe = Boolean(p?.repeats) || source.hasOverlay;
    for (const id of p ? p.ids() : []) {
      if (dedupe) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const raw = source.get(id);
      if (!raw) continue;
      if (meter && meter.visits++ >= meter.budget) return void (meter.exhausted = true);
      const doc = decode(raw);
      if (trustIndex || matches(doc)) yield { id, raw, doc };
    }
    for (const id of onlyId === undefined ? source.overlayIds() : [onlyId]) {
      if (seen.has(id)) continue;
      seen.add(id);
      const raw = source.get(id);
      if (!raw) continue;
      const doc = decode(raw);
      if (matches(doc)) yield { id, raw, doc };
    }
  }

  /**
   * The race's sorted walk: every match up to the page's end (and the rest of its last tie group, which
   * the in-memory tie sort needs), or undefined when the budget ran out first. A walk that ends the index
   * holds all matches: complete and correct even if short.
   */
  function sortedWalk(p: Plan, budget: number): Match[] | undefined {
    const want = skip + limit;
    const sameTies = sortComparator(sort.slice(0, p.sortedFields));
    const meter = { visits: 0, budget, exhausted: false };
    const found: Match[] = [];
    for (const m of candidates(p, meter)) {
      if (found.length >= want && sameTies(found[want - 1], m) !== 0) return found;
      found.push(m);
      if (found.length >= want && p.sortedFields === sort.length) return found;
    }
    return meter.exhausted ? undefined : found;
  }

  let winner = chosen;
  const rejected: string[] = [];
  if (chosen?.race) {
    const page = sortedWalk(chosen, chosen.race.budget);
    if (page) {
      if (options.explain) return options.explain(chosen.describe, [chosen.race.fallback.describe]);
      if (chosen.sortedFields < sort.length) page.sort(sortComparator(sort));
      yield* page.slice(skip, skip + limit);
      return;
    }
    winner = chosen.race.fallback;
    rejected.push(`${chosen.describe}: page not filled in ${chosen.race.budget} document visits`);
  }
  if (options.explain) return options.explain(winner?.describe ?? 'EOF', rejected);

  const ordered = sort.length > 0 && Boolean(winner?.sortedFields) && !source.hasOverlay;
  let stream: Iterable<Match> = candidates(winner);
  if (sort.length > 0 && !ordered) {
    const all = [...stream];
    all.sort(sortComparator(sort));
    stream = all;
  } else if (ordered && winner!.sortedFields < sort.length) {
    stream = sortTies(stream, sort, winner!.sortedFields);
  }
  let toSkip = skip;
  let left = limit;
  for (const m of stream) {
    if (left <= 0) return;
    if (toSkip > 0) {
      toSkip--;
      continue;
    }
    left--;
    yield m;
  }
}

/** Completes the order of a stream already sorted by the first `fields` sort fields: sorts each run of ties. */
function* sortTies(stream: Iterable<Match>, sort: [string, number][], fields: number): Generator<Match> {
  const sameTies = sortComparator(sort.slice(0, fields));
  const full = sortComparator(sort);
  let run: Match[] = [];
  for (const m of stream) {
    if (run.length && sameTies(run[0], m) !== 0) {
      yield* run.sort(full);
      run = [];
    }
    run.push(m);
  }
  yield* run.sort(full);
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

/** The plan a find with these options would use (running the race when there is one), and those it beat. */
export function explainFind(source: DocSource, filter: Record<string, unknown> | undefined, options: FindOptions): { winner: string; rejected: string[] } {
  let result = { winner: 'EOF', rejected: [] as string[] };
  if (!source.coll) return result;
  findMatches(source, filter, { ...options, explain: (winner, rejected) => (result = { winner, rejected }) }).next();
  return result;
}
