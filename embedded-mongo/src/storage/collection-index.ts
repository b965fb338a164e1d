// One secondary (or the _id) index of a collection: a B+ tree of [value per field..., idKey] entries in
// MongoDB's value order, so equality, range and ordered scans touch only the entries they need.
import { createRequire } from 'node:module';
import type * as btree from 'sorted-btree';
import { Query } from 'mingo';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { compareValues } from './bson-order.js';
import { valuesAtPath } from './keys.js';

type BTreeType<K, V> = btree.default<K, V>;
type BTreeCtor = new <K, V>(entries: [K, V][] | undefined, compare: (a: K, b: K) => number) => BTreeType<K, V>;
// sorted-btree is CommonJS with its class on `default`; required so ESM interop cannot wrap it differently.
const BTree = createRequire(import.meta.url)('sorted-btree').default as BTreeCtor;

export interface IndexSpec {
  v?: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Record<string, unknown>;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/** Sentinels below and above every value, for open range bounds and exclusive ends. */
export const LOW = Symbol('low');
export const HIGH = Symbol('high');
type Part = unknown;
type Entry = Part[];

/** A bounded interval on one index field, in value order. `undefined` ends are open. */
export interface FieldInterval {
  low?: { value: unknown; inclusive: boolean };
  high?: { value: unknown; inclusive: boolean };
}

export function indexName(key: Record<string, number | string>): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${d}`)
    .join('_');
}

export class CollectionIndex {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly dirs: number[];
  // Values are all undefined: sorted-btree then shares one values array per leaf instead of one per entry.
  private readonly tree: BTreeType<Entry, undefined>;
  private readonly partial?: Query;
  /**
   * Set once any indexed document reaches an array on an index path, as mongod's multikey flag: the
   * planner may then not intersect two range bounds or trust a range scan's order for a sort.
   */
  multikey = false;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    // Text, hashed and 2d indexes are accepted and kept in ascending value order: enough for equality.
    this.dirs = this.fields.map((f) => (spec.key[f] === -1 ? -1 : 1));
    this.tree = new BTree<Entry, undefined>(undefined, (a: Entry, b: Entry) => this.compareEntries(a, b));
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression, MINGO_OPTIONS);
  }

  get name(): string {
    return this.spec.name;
  }

  get size(): number {
    return this.tree.size;
  }

  private compareEntries(a: Entry, b: Entry): number {
    const n = this.fields.length;
    for (let i = 0; i <= n; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === LOW || y === HIGH) return -1;
      if (x === HIGH || y === LOW) return 1;
      const c = i === n ? ((x as string) < (y as string) ? -1 : 1) : compareValues(x, y) * this.dirs[i];
      if (c !== 0) return c;
    }
    return 0;
  }

  /** The key tuples a document contributes (several for an array field), none if sparse/partial exclude it. */
  keysFor(doc: Record<string, unknown>): Part[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => valuesAtPath(doc, f));
    if (this.spec.sparse && this.fields.every((f) => !hasPath(doc, f))) return [];
    let tuples: Part[][] = [[]];
    for (const values of perField) {
      const unique = dedupe(values);
      tuples = tuples.flatMap((t) => unique.map((v) => [...t, v]));
    }
    return tuples;
  }

  add(doc: Record<string, unknown>, id: string): void {
    const tuples = this.keysFor(doc);
    if (!this.multikey && tuples.length && this.fields.some((f) => throughArray(doc, f))) this.multikey = true;
    for (const t of tuples) this.tree.set([...t, id], undefined);
  }

  /** Moves a rewritten document's entries; nothing to do when its key values did not change (most updates). */
  update(oldDoc: Record<string, unknown>, doc: Record<string, unknown>, id: string): void {
    const before = this.keysFor(oldDoc);
    const after = this.keysFor(doc);
    const same = before.length === after.length && before.every((t, i) => t.every((v, j) => sameKeyValue(v, after[i][j])));
    if (same && (this.multikey || !this.fields.some((f) => throughArray(doc, f)))) return;
    for (const t of before) this.tree.delete([...t, id]);
    this.add(doc, id);
  }

  remove(doc: Record<string, unknown>, id: string): void {
    for (const t of this.keysFor(doc)) this.tree.delete([...t, id]);
  }

  /** For a unique index: the key tuple of `doc` that another document (not `id`, not skipped) already holds. */
  findDuplicate(doc: Record<string, unknown>, id: string, skip?: (otherId: string) => boolean): Part[] | undefined {
    for (const t of this.keysFor(doc)) {
      for (const other of this.idsInRange([...t, LOW], [...t, HIGH])) {
        if (other !== id && !skip?.(other)) return t;
      }
    }
    return undefined;
  }

  /**
   * Ids of entries between two entry bounds, in tree order (or reversed). Reads the tree in pages and yields
   * only between pages, so a cursor that pauses between batches while writes change the tree resumes
   * from its last entry instead of walking an invalidated iterator.
   */
  *idsInRange(start: Entry, end: Entry, reverse = false): Generator<string> {
    const n = this.fields.length;
    let from = reverse ? end : start;
    let after: Entry | undefined; // the last entry yielded: the next page starts past it
    for (let pageSize = 16; ; pageSize = Math.min(pageSize * 4, 1024)) {
      const page: Entry[] = [];
      if (reverse) {
        for (const [entry] of this.tree.entriesReversed(from)) {
          if (after && this.compareEntries(entry, after) === 0) continue;
          if (this.compareEntries(entry, start) < 0) break;
          page.push(entry);
          if (page.length === pageSize) break;
        }
      } else {
        // forRange checks the end bound inside the tree and builds no [key, value] pair per entry: a large
        // range (a report's date range) reads several times faster than through entries().
        this.tree.forRange(from, end, true, (entry) => {
          if (after && this.compareEntries(entry, after) === 0) return;
          page.push(entry);
          return page.length === pageSize ? { break: true } : undefined;
        });
      }
      for (const entry of page) yield entry[n] as string;
      if (page.length < pageSize) return;
      after = from = page[page.length - 1];
    }
  }

  /**
   * Ids whose leading fields equal `equalities` and whose next field lies in `interval`, in index order
   * (reversed when `reverse`). Ids of multikey documents can repeat: callers dedupe.
   */
  scan(equalities: unknown[], interval: FieldInterval | undefined, reverse = false): Generator<string> {
    const [start, end] = this.bounds(equalities, interval);
    return this.idsInRange(start, end, reverse);
  }

  /**
   * Counts the entries of a scan's bounds `n` more at a time without reading any document, so the planner
   * can advance several candidate scans side by side and stop at the first that ends. Returns how many it
   * passed: fewer than `n` once the bounds are exhausted. Synchronous calls only (it resumes from a key).
   */
  keyCounter(equalities: unknown[], interval: FieldInterval | undefined): (n: number) => number {
    const [start, end] = this.bounds(equalities, interval);
    const before = this.entriesBefore(start);
    if (before !== undefined) {
      let left = this.entriesBefore(end)! - before;
      return (n) => {
        const passed = Math.min(n, left);
        left -= passed;
        return passed;
      };
    }
    let from = start;
    let resumed = false; // after the first call `from` is the last key counted: counted again, so discounted
    return (n) => {
      const want = resumed ? n + 1 : n;
      let last: Entry = from;
      const passed = this.tree.forRange(from, end, true, (key, _v, i) => {
        last = key;
        return i + 1 >= want ? { break: i + 1 } : undefined;
      });
      const counted = resumed ? Math.max(0, passed - 1) : passed;
      from = last;
      resumed = true;
      return counted;
    };
  }

  /**
   * Entries ordered before `bound` (a sentinel-padded bound, never equal to an entry) in O(log n), from
   * the subtree sizes sorted-btree's internal nodes cache (an internal node's keys[i] is the largest key
   * under children[i]). Not public API, so undefined when the nodes do not look that way: callers then
   * walk the leaves instead. A wrong count could only make the planner pick a slower index, never a
   * wrong result.
   */
  private entriesBefore(bound: Entry): number | undefined {
    type Node = { keys: Entry[]; children?: Node[]; size?: () => number };
    let node = (this.tree as unknown as { _root?: Node })._root;
    let before = 0;
    while (node && Array.isArray(node.keys)) {
      let lo = 0;
      let hi = node.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compareEntries(node.keys[mid], bound) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (node.children === undefined) return before + lo;
      if (!Array.isArray(node.children)) return undefined;
      for (let i = 0; i < lo; i++) {
        const size = node.children[i].size;
        if (typeof size !== 'function') return undefined;
        before += size.call(node.children[i]);
      }
      if (lo === node.children.length) return before;
      node = node.children[lo];
    }
    return undefined;
  }

  /** The first and last entries (sentinel-padded) of the equalities-then-interval bounds, in tree order. */
  private bounds(equalities: unknown[], interval: FieldInterval | undefined): [Entry, Entry] {
    const k = equalities.length;
    const width = this.fields.length + 1;
    const fill = (prefix: Part[], tail: symbol) => [...prefix, ...new Array(width - prefix.length).fill(tail)];
    if (!interval || k >= this.fields.length) return [fill(equalities, LOW), fill(equalities, HIGH)];
    const dir = this.dirs[k];
    // In tree order a descending field runs from the high value to the low one.
    const first = dir === 1 ? interval.low : interval.high;
    const last = dir === 1 ? interval.high : interval.low;
    const start = first ? fill([...equalities, first.value], first.inclusive ? LOW : HIGH) : fill(equalities, LOW);
    const end = last ? fill([...equalities, last.value], last.inclusive ? HIGH : LOW) : fill(equalities, HIGH);
    return [start, end];
  }

  /** Is the tree order of these fields the given sort (or its exact reverse)? Returns 1, -1 or 0. */
  sortDirection(sort: [string, number][], skipFields: number): number {
    if (sort.length === 0 || skipFields + sort.length > this.fields.length) return 0;
    let direction = 0;
    for (let i = 0; i < sort.length; i++) {
      const [field, dir] = sort[i];
      if (this.fields[skipFields + i] !== field) return 0;
      const d = dir * this.dirs[skipFields + i] > 0 ? 1 : -1;
      if (direction === 0) direction = d;
      else if (direction !== d) return 0;
    }
    return direction;
  }
}

function hasPath(doc: Record<string, unknown>, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return false;
    if (Array.isArray(cur)) return true; // an array on the way: treat as present (sparse is conservative)
    cur = (cur as Record<string, unknown>)[part];
    if (cur === undefined) return false;
  }
  return true;
}

function throughArray(doc: Record<string, unknown>, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return Array.isArray(cur);
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(v, sorted[i - 1]) !== 0);
}

/** Equal as index keys and stored the same way (an int and a double of one value are equal, not the same). */
function sameKeyValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === typeof b && (a as { _bsontype?: string } | null)?._bsontype === (b as { _bsontype?: string } | null)?._bsontype && compareValues(a, b) === 0);
}
