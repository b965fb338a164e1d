// Chooses how to find the documents of a filter: through an index (equality, $in, range, and sort order
// where an index provides it) or by scanning. It only narrows the candidates: every candidate is still
// tested against the full filter with mingo, so a plan can be generous but never miss a document.
import type { Collection } from '../storage/collection.js';
import { isScalarForIndex } from '../storage/bson-order.js';
import type { CollectionIndex, FieldInterval } from '../storage/collection-index.js';

type Predicate = { eq?: unknown; in?: unknown[]; interval?: FieldInterval };

export interface Plan {
  /** Candidate ids in the order to visit them (may repeat for multikey indexes; callers dedupe). */
  ids(): Iterable<string>;
  /** True when `ids()` already yields documents in the requested sort order. */
  sorted: boolean;
  /** For diagnostics and explain: which index, or COLLSCAN. */
  describe: string;
  /** True when every candidate is known to match (the filter is only equalities the index answers exactly). */
  exact: boolean;
  /** False when `ids()` cannot yield an id twice (a collection scan), so callers need not dedupe. */
  repeats: boolean;
}

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
    if (p) tail = p;
    break;
  }
  let score = equalities.length * 2 + (tail ? 1 : 0);
  if (index.spec.unique && equalities.length === index.fields.length) score += 100;
  if (index.spec.partialFilterExpression || index.spec.sparse) score = 0; // may not hold every document
  return { index, equalities, tail, score };
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

export function plan(coll: Collection, filter: Record<string, unknown>, sort?: [string, number][]): Plan {
  const preds = extractPredicates(filter);
  const idPred = preds.get('_id');
  if (idPred && ('eq' in idPred || idPred.in) && !sort?.length) {
    const idIndex = coll.indexes.get('_id_')!;
    const use: IndexUse = { index: idIndex, equalities: 'eq' in idPred ? [idPred.eq] : [], tail: idPred.in ? idPred : undefined, score: 0 };
    return { ids: () => idsOf(use, false), sorted: false, describe: 'IXSCAN _id_', exact: isExact(filter, preds, use), repeats: true };
  }
  const uses = [...coll.indexes.values()].map((i) => useOf(i, preds));
  const best = uses.reduce<IndexUse | undefined>((a, u) => (u.score > (a?.score ?? 0) ? u : a), undefined);

  if (sort?.length) {
    for (const use of uses) {
      if (use.index.spec.partialFilterExpression || use.index.spec.sparse) continue;
      const k = use.equalities.length;
      const direction = use.index.sortDirection(sort, k);
      if (direction === 0) continue;
      // A $in after the equalities would interleave orders; only an interval on the first sort field keeps it.
      if (use.tail?.in) continue;
      if (best && best.score >= 100 && best.index !== use.index) break; // a unique hit beats any ordered scan
      if (best && best.equalities.length > k) break;
      const reverse = direction < 0;
      return { ids: () => idsOf(use, reverse), sorted: true, describe: `IXSCAN ${use.index.name} (sorted)`, exact: isExact(filter, preds, use), repeats: true };
    }
  }
  if (best) return { ids: () => idsOf(best, false), sorted: false, describe: `IXSCAN ${best.index.name}`, exact: isExact(filter, preds, best), repeats: true };
  return { ids: () => coll.docs.keys(), sorted: false, describe: 'COLLSCAN', exact: Object.keys(filter).length === 0, repeats: false };
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
