// Chooses how to find the documents of a filter: through an index (equality, $in, range, and sort order
// where an index provides it) or by scanning. It only narrows the candidates: every candidate is still
// tested against the full filter with mingo, so a plan can be generous but never miss a document.
// Like mongod it chooses by evidence, not by shape: the candidate indexes' bounds are counted (keys only,
// no document read), and a sorted scan that a limit may end early is raced against the filter index.
import type { Collection } from '../storage/collection.js';
import { isScalarForIndex } from '../storage/bson-order.js';
import type { CollectionIndex, FieldInterval } from '../storage/collection-index.js';

type Predicate = { eq?: unknown; in?: unknown[]; interval?: FieldInterval };

export interface Plan {
  /** Candidate ids in the order to visit them (may repeat for multikey indexes; callers dedupe). */
  ids(): Iterable<string>;
  /** How many leading sort fields `ids()` follows (0: none); ties beyond them are sorted by the caller. */
  sortedFields: number;
  /** For diagnostics and explain: which index, or COLLSCAN, and why. */
  describe: string;
  /** True when every candidate is known to match (the filter is only equalities the index answers exactly). */
  exact: boolean;
  /** False when `ids()` cannot yield an id twice (a collection scan), so callers need not dedupe. */
  repeats: boolean;
  /**
   * Set on a sorted plan that a limit may end early while another index holds fewer keys: walk this plan
   * for at most `budget` document visits, and if the page is not full by then use `fallback` and sort.
   */
  race?: { fallback: Plan; budget: number };
}

/** Keys counted per candidate before giving up on counting (then the shape score decides). */
const COUNT_CAP = 50_000;
/** Keys each candidate advances per lockstep round. */
const COUNT_CHUNK = 256;
/** The sorted walk of a race may visit this many documents even when the filter index holds fewer keys. */
const MIN_RACE_BUDGET = 1000;

/** Predicates on top-level fields that an index can serve (others stay for mingo). */
function extractPredicates(filter: Record<string, unknown>, out = new Map<string, Predicate>()): Map<string, Predicate> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object') extractPredicates(part as Record<string, unknown>, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const p = predicateOf(cond);
    if (p && !out.has(field)) out.set(field, p);
  }
  return out;
}

/** An embedded document compared whole (`{ address: { city: 'X' } }`), not an operator object. */
export function isLiteralDocument(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp || '_bsontype' in v) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && !keys.some((k) => k.startsWith('$'));
}

function predicateOf(cond: unknown): Predicate | undefined {
  if (isScalarForIndex(cond) || isLiteralDocument(cond)) return { eq: cond };
  if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof RegExp) return undefined;
  const ops = cond as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return undefined;
  if ('$eq' in ops && isScalarForIndex(ops.$eq)) return { eq: ops.$eq };
  if (Array.isArray(ops.$in) && ops.$in.length > 0 && ops.$in.every(isScalarForIndex)) return { in: ops.$in };
  const interval: FieldInterval = {};
  for (const [op, v] of Object.entries(ops)) {
    if (!isScalarForIndex(v)) continue;
    if (op === '$gt' || op === '$gte') interval.low = { value: v, inclusive: op === '$gte' };
    if (op === '$lt' || op === '$lte') interval.high = { value: v, inclusive: op === '$lte' };
  }
  return interval.low || interval.high ? { interval } : undefined;
}

interface IndexUse {
  index: CollectionIndex;
  equalities: unknown[];
  tail?: Predicate; // $in or interval on the field after the equalities
  score: number;
}

function useOf(index: CollectionIndex, preds: Map<string, Predicate>): IndexUse {
  const equalities: unknown[] = [];
  let tail: Predicate | undefined;
  for (const field of index.fields) {
    const p = preds.get(field);
    if (p && 'eq' in p) {
      equalities.push(p.eq);
      continue;
    }
    // On a multikey index one element may satisfy $gt and another $lt: only one bound holds every match.
    if (p) tail = p.interval?.low && p.interval.high && index.multikey ? { interval: { low: p.interval.low } } : p;
    break;
  }
  let score = equalities.length * 2 + (tail ? 1 : 0);
  if (index.spec.unique && equalities.length === index.fields.length) score += 100;
  if (!holdsEveryMatch(index, preds)) score = 0; // a partial or sparse index may miss some matches
  return { index, equalities, tail, score };
}

const isNothing = (v: unknown) => v === null || v === undefined;

/**
 * Whether every document the query can match is in the index. Always for a full index; for a partial one
 * whose filter is `{ field: { $exists: true } }` conditions (the shape unique duplicate keys use), when the
 * query bounds each such field to values that are not null: a missing field matches none of those.
 */
function holdsEveryMatch(index: CollectionIndex, preds: Map<string, Predicate>): boolean {
  if (index.spec.sparse) return false;
  const partial = index.spec.partialFilterExpression as Record<string, unknown> | undefined;
  if (!partial) return true;
  return Object.entries(partial).every(([field, cond]) => {
    const exists = cond && typeof cond === 'object' && Object.keys(cond).length === 1 && (cond as { $exists?: unknown }).$exists === true;
    const p = exists ? preds.get(field) : undefined;
    if (!p) return false;
    if ('eq' in p) return !isNothing(p.eq);
    if (p.in) return p.in.every((v) => !isNothing(v));
    return Boolean(p.interval) && [p.interval!.low?.value, p.interval!.high?.value].every((v) => v === undefined || !isNothing(v));
  });
}

function idsOf(use: IndexUse, reverse: boolean): Iterable<string> {
  const { index, equalities, tail } = use;
  if (tail?.in) {
    const points = [...tail.in];
    return (function* () {
      for (const v of points) yield* index.scan([...equalities, v], undefined, reverse);
    })();
  }
  return index.scan(equalities, tail?.interval, reverse);
}

/** Entries in the bounds of a use, `n` more per call (see CollectionIndex.keyCounter); $in points in turn. */
function keyCounter(use: IndexUse): (n: number) => number {
  const { index, equalities, tail } = use;
  const counters = tail?.in
    ? tail.in.map((v) => index.keyCounter([...equalities, v], undefined))
    : [index.keyCounter(equalities, tail?.interval)];
  let i = 0;
  return (n) => {
    let passed = 0;
    while (i < counters.length) {
      const want = n - passed;
      const got = counters[i](want);
      passed += got;
      if (got < want) i++; // this point's range is exhausted
      else break;
    }
    return passed;
  };
}

/**
 * The use whose bounds hold the fewest keys, found by advancing every candidate's key count in lockstep
 * until one ends (so the work is about the winner's count times the number of candidates), with its
 * exact count. Undefined when none ends within COUNT_CAP keys: then all are big and counting stops.
 */
function fewestKeys(uses: IndexUse[]): { use: IndexUse; keys: number } | undefined {
  const counters = uses.map(keyCounter);
  const totals = uses.map(() => 0);
  for (let round = 0; round * COUNT_CHUNK < COUNT_CAP; round++) {
    let best: { use: IndexUse; keys: number } | undefined;
    uses.forEach((use, i) => {
      const got = counters[i](COUNT_CHUNK);
      totals[i] += got;
      if (got < COUNT_CHUNK && (!best || totals[i] < best.keys)) best = { use, keys: totals[i] };
    });
    if (best) return best;
  }
  return undefined;
}

const byScore = (uses: IndexUse[]) => uses.reduce((a, u) => (u.score > a.score ? u : a));

/**
 * An index use that returns documents in the sort order, or in the order of its leading fields: the one
 * covering the most sort fields, then the narrowest (equalities before it).
 */
function orderedUse(uses: IndexUse[], sort: [string, number][], preds: Map<string, Predicate>): { use: IndexUse; reverse: boolean; fields: number } | undefined {
  let found: { use: IndexUse; reverse: boolean; fields: number } | undefined;
  for (const use of uses) {
    if (!holdsEveryMatch(use.index, preds)) continue;
    // A $in after the equalities would interleave orders; only an interval on the first sort field keeps it.
    if (use.tail?.in) continue;
    // A multikey document first appears at its first key inside a range, not at its sort key (min or max).
    if (use.tail && use.index.multikey) continue;
    for (let fields = sort.length; fields > 0; fields--) {
      const direction = use.index.sortDirection(sort.slice(0, fields), use.equalities.length);
      if (direction === 0) continue;
      if (!found || fields > found.fields || (fields === found.fields && use.score > found.use.score)) found = { use, reverse: direction < 0, fields };
      break;
    }
  }
  return found;
}

/**
 * `limited`: the caller stops after skip+limit matches in sort order, so a sorted scan may end early even
 * when another index holds fewer keys; plan() then returns the sorted plan with a race (see Plan.race).
 */
export function plan(coll: Collection, filter: Record<string, unknown>, sort: [string, number][] = [], limited = false): Plan {
  const preds = extractPredicates(filter);
  const idPred = preds.get('_id');
  if (idPred && ('eq' in idPred || idPred.in) && !sort.length) {
    const idIndex = coll.indexes.get('_id_')!;
    const use: IndexUse = { index: idIndex, equalities: 'eq' in idPred ? [idPred.eq] : [], tail: idPred.in ? idPred : undefined, score: 0 };
    return { ids: () => idsOf(use, false), sortedFields: 0, describe: 'IXSCAN _id_', exact: isExact(filter, preds, use), repeats: true };
  }
  const uses = [...coll.indexes.values()].map((i) => useOf(i, preds));
  const candidates = uses.filter((u) => u.score > 0);
  const ordered = sort.length ? orderedUse(uses, sort, preds) : undefined;
  const filterPlan = (use: IndexUse, why: string): Plan => ({
    ids: () => idsOf(use, false),
    sortedFields: 0,
    describe: `IXSCAN ${use.index.name} (${why})`,
    exact: isExact(filter, preds, use),
    repeats: true,
  });
  const sortedPlan = (why: string): Plan => ({
    ids: () => idsOf(ordered!.use, ordered!.reverse),
    sortedFields: ordered!.fields,
    describe: `IXSCAN ${ordered!.use.index.name} (sorted${ordered!.fields < sort.length ? ' by its leading fields, ties sorted in memory' : ''}; ${why})`,
    exact: isExact(filter, preds, ordered!.use),
    repeats: true,
  });

  if (!candidates.length) {
    if (ordered) return sortedPlan('no index narrows the filter');
    return { ids: () => coll.docs.keys(), sortedFields: 0, describe: 'COLLSCAN', exact: Object.keys(filter).length === 0, repeats: false };
  }
  const top = byScore(candidates);
  if (top.score >= 100) {
    // A unique equality: one document at most, no count or ordered scan can beat it.
    return ordered?.use.index === top.index ? sortedPlan('unique equality') : filterPlan(top, 'unique equality');
  }
  // Counting needs a rival: a lone candidate with no ordered scan to weigh against is simply used.
  const counted = candidates.length > 1 || (ordered && ordered.use.index !== candidates[0].index) ? fewestKeys(candidates) : undefined;
  const best = counted?.use ?? byScore(candidates);
  const n = candidates.length;
  const why = counted ? `${counted.keys} keys${n > 1 ? `, fewest of ${n} candidates` : ''}` : n > 1 ? `no candidate under ${COUNT_CAP} keys` : 'only candidate';
  if (!ordered) return filterPlan(best, why);
  if (best.index === ordered.use.index) return sortedPlan(why);
  // Keys the sorted scan would walk: its whole range when it has no bounds of its own.
  const sortedKeys = ordered.use.score === 0 ? ordered.use.index.size : undefined;
  if (counted && sortedKeys !== undefined && sortedKeys <= counted.keys) return sortedPlan(`${sortedKeys} keys, no more than ${best.index.name}`);
  const fallback = filterPlan(best, why);
  if (limited) {
    // The fallback reads `keys` documents: a lost race adds at most a quarter of that (or, for a small
    // filter index, as many visits as it has keys, and never fewer than 1000 visits for a large one).
    const keys = counted?.keys ?? COUNT_CAP;
    const budget = Math.max(Math.min(MIN_RACE_BUDGET, keys), Math.floor(keys / 4));
    return { ...sortedPlan(`raced against ${best.index.name} for ${budget} document visits`), race: { fallback, budget } };
  }
  if (!counted && best.equalities.length <= ordered.use.equalities.length) return sortedPlan('no count; as selective by shape');
  return fallback;
}

/**
 * An index answers a filter exactly when the filter is nothing but top-level equalities (or one $in) on the
 * fields the index scan fixes: index equality is MongoDB equality (same numeric and type rules, array
 * elements included), so testing each candidate again would only cost time.
 */
function isExact(filter: Record<string, unknown>, preds: Map<string, Predicate>, use: IndexUse): boolean {
  const fields = Object.keys(filter);
  const served = use.index.fields.slice(0, use.equalities.length + (use.tail?.in ? 1 : 0));
  return fields.length === served.length && fields.every((f) => served.includes(f) && preds.has(f) && !preds.get(f)!.interval);
}
