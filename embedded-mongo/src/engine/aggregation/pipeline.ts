// The compiled path for the pipelines reports run: a leading $match (from the index where it can be),
// then $group, $count or $facet (its sub-pipelines fed by the same single scan), then anything on the
// grouped rows: $sort with $limit as a top-k, the rest by mingo over those few rows. A bare $match returns
// the stored bytes as they are. compilePipeline answers undefined for every other shape: mingo runs it.
import { Aggregator, Query } from 'mingo';
import { MINGO_OPTIONS } from '../../mingo-options.js';
import { compareValues } from '../../storage/bson-order.js';
import { decode, type Collection, type Doc } from '../../storage/collection.js';
import { valuesAtPath } from '../../storage/keys.js';
import { compileFilter } from '../find.js';
import { isLiteralDocument } from '../planner.js';
import { BAIL, type FieldSet } from './expressions.js';
import { fieldReader } from './field-reader.js';
import { compileGroup } from './group.js';
import { compileMatch } from './match.js';
import { planScan, type ScanLimits } from './scan.js';

/** One document as a sink sees it: the decoded fields, and the whole document when something needs it. */
interface Row {
  fields: Doc;
  whole(): Doc;
}

/** Consumes the scanned documents of one (sub-)pipeline and gives its rows at the end. */
interface Sink {
  add(row: Row): void;
  results(): Doc[];
}

type SinkFactory = () => Sink;

/** A filter over a row: compiled when it can be, mingo on the whole document otherwise. */
function rowFilter(filter: Doc, fields: FieldSet): (row: Row) => boolean {
  const predicate = compileMatch(filter, fields);
  let query: Query | undefined;
  // mingo compares embedded documents ignoring field order; MongoDB does not (as findMatches checks).
  const literalDocs = Object.entries(filter).filter(([f, v]) => !f.startsWith('$') && isLiteralDocument(v));
  const slow = (row: Row) => {
    const doc = row.whole();
    return (query ??= compileFilter(filter)).test(doc) && literalDocs.every(([f, v]) => valuesAtPath(doc, f).some((x) => compareValues(x, v) === 0));
  };
  if (!predicate) {
    compileFilter(filter); // a bad filter fails now, not on the first document
    return slow;
  }
  return (row) => {
    const r = predicate(row.fields);
    return r === BAIL ? slow(row) : r;
  };
}

/** Merges consecutive leading $match stages into one filter. */
function leadingMatch(stages: Doc[]): { filter?: Doc; rest: Doc[] } {
  const filters: Doc[] = [];
  let i = 0;
  while (stages[i] && '$match' in stages[i]) {
    const m = stages[i].$match;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return { rest: [] }; // mingo gives the error
    filters.push(m as Doc);
    i++;
  }
  const filter = filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { $and: filters };
  return { filter, rest: stages.slice(i) };
}

/** The sink of a pipeline that starts at $group or $count (after its own leading $match), or undefined. */
function compileSink(stages: Doc[], fields: FieldSet, needWhole: { value: boolean }): { sink: SinkFactory; tail: Doc[] } | undefined {
  const { filter, rest } = leadingMatch(stages);
  if (!rest.length && stages.length) return undefined;
  const test = filter ? rowFilter(filter, fields) : undefined;
  if (filter && !compileMatch(filter, new Set())) needWhole.value = true;
  const first = rest[0];
  let inner: SinkFactory;
  if (first && '$group' in first) {
    const spec = first.$group;
    const group = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? compileGroup(spec as Doc, fields) : undefined;
    if (!group) return undefined;
    inner = () => {
      const g = group();
      return { add: (row) => g.add(row.fields), results: () => g.results() };
    };
  } else if (first && '$count' in first) {
    const name = first.$count;
    if (typeof name !== 'string' || !name || name.startsWith('$') || name.includes('.')) return undefined;
    inner = () => {
      let n = 0;
      return { add: () => void n++, results: () => (n ? [{ [name]: n }] : []) };
    };
  } else return undefined;
  const sink: SinkFactory = test
    ? () => {
        const s = inner();
        return { add: (row) => test(row) && s.add(row), results: () => s.results() };
      }
    : inner;
  return { sink, tail: rest.slice(1) };
}

/** A $sort key's value in mongod's order: arrays by their smallest (ascending) or largest element. */
function sortKey(doc: Doc, path: string, dir: number): unknown {
  return valuesAtPath(doc, path).reduce((best, v) => (compareValues(v, best) * dir < 0 ? v : best));
}

function sortRows(rows: Doc[], spec: [string, number][], limit: number): Doc[] {
  const keyed = rows.map((doc) => ({ doc, keys: spec.map(([p, d]) => sortKey(doc, p, d)) }));
  const cmp = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]) * spec[i][1];
      if (c !== 0) return c;
    }
    return 0;
  };
  if (limit * 8 < keyed.length) {
    // Top-k: a sorted window of `limit` rows; a row enters only if it beats the last (ties keep input order).
    const top: typeof keyed = [];
    for (const row of keyed) {
      if (top.length === limit && cmp(row, top[limit - 1]) >= 0) continue;
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(top[mid], row) <= 0) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, row);
      if (top.length > limit) top.pop();
    }
    return top.map((r) => r.doc);
  }
  return keyed.sort(cmp).slice(0, limit).map((r) => r.doc);
}

/** The stages after the scan over the (few) rows it produced: $sort/$skip/$limit here, the rest by mingo. */
function finish(rows: Doc[], stages: Doc[]): Doc[] {
  let i = 0;
  while (i < stages.length) {
    const stage = stages[i];
    const name = Object.keys(stage)[0];
    const arg = stage[name];
    if (name === '$sort' && arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
      const spec = Object.entries(arg as Doc);
      if (!spec.length || spec.some(([, d]) => d !== 1 && d !== -1)) break; // $meta and bad specs: mingo
      const next = stages[i + 1];
      const limit = next && typeof next.$limit === 'number' && Number.isInteger(next.$limit) && next.$limit > 0 ? next.$limit : Infinity;
      rows = sortRows(rows, spec as [string, number][], limit);
      i += limit === Infinity ? 1 : 2;
    } else if ((name === '$limit' || name === '$skip') && typeof arg === 'number' && Number.isInteger(arg) && arg >= (name === '$limit' ? 1 : 0)) {
      rows = name === '$limit' ? rows.slice(0, arg) : rows.slice(arg);
      i++;
    } else break;
  }
  const rest = stages.slice(i);
  if (!rest.length) return rows;
  const out = new Aggregator(rest, MINGO_OPTIONS).run(rows) as Doc[];
  const count = rest[rest.length - 1].$count;
  return typeof count === 'string' ? out.filter((d) => d[count] !== 0) : out; // $count of nothing is no document
}

export interface CompiledPipeline {
  /**
   * Runs over a collection: the stored bytes of the matching documents for a bare $match (`raw`), or the
   * result documents (`docs`) with `rest`, the stages mingo ran at the end (the caller orders _id first
   * after a $project, as for the interpreted path).
   */
  run(coll: Collection | undefined, limits: ScanLimits): Promise<{ raw: Uint8Array[] } | { docs: Doc[]; rest: Doc[] }>;
}

/** Stages that read other collections: mingo runs them with the server's collection resolver. */
const READS_ELSEWHERE = /"\$(lookup|graphLookup|unionWith|documents)"/;

export function compilePipeline(stages: Doc[]): CompiledPipeline | undefined {
  if (READS_ELSEWHERE.test(JSON.stringify(stages))) return undefined;
  const { filter, rest } = leadingMatch(stages);
  if (!rest.length && stages.length && !filter) return undefined;
  const fields: FieldSet = new Set();
  const needWhole = { value: false };
  const filterTest = filter ? rowFilter(filter, fields) : undefined;
  if (filter && !compileMatch(filter, new Set())) needWhole.value = true;

  let sinks: { name?: string; sink: SinkFactory; tail: Doc[] }[] = [];
  let tail: Doc[] = [];
  const first = rest[0];
  if (first && '$facet' in first) {
    const spec = first.$facet;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || !Object.keys(spec).length) return undefined;
    for (const [name, sub] of Object.entries(spec as Doc)) {
      if (!Array.isArray(sub) || name.startsWith('$') || name.includes('.')) return undefined;
      const compiled = compileSink(sub as Doc[], fields, needWhole);
      if (!compiled) return undefined;
      sinks.push({ name, ...compiled });
    }
    tail = rest.slice(1);
  } else if (first) {
    const compiled = compileSink(rest, fields, needWhole);
    if (!compiled) return undefined;
    sinks = [compiled];
    tail = compiled.tail;
    sinks[0].tail = [];
  }
  const names = [...fields];
  const read = fieldReader(names);

  return {
    async run(coll, limits) {
      const scan = planScan(coll, filter);
      const test = scan.exact ? undefined : filterTest;
      if (!sinks.length) {
        // A bare $match: the stored bytes are the answer.
        const raw: Uint8Array[] = [];
        const fieldsOf: Doc = {};
        let current: Uint8Array;
        const row: Row = { fields: fieldsOf, whole: () => decode(current) };
        await scan.run(limits, (bytes) => {
          if (test) {
            current = bytes;
            if (needWhole.value) row.fields = decode(bytes);
            else read(bytes, fieldsOf);
            if (!test(row)) return;
          }
          raw.push(bytes);
        });
        return { raw };
      }
      const live = sinks.map((s) => s.sink());
      // One object reused for every document: sinks keep values, never the row.
      const fieldsOf: Doc = {};
      let current: Uint8Array;
      let whole: Doc | undefined;
      const row: Row = { fields: fieldsOf, whole: () => (whole ??= decode(current)) };
      await scan.run(limits, (bytes) => {
        current = bytes;
        whole = undefined;
        if (needWhole.value) row.fields = row.whole();
        else read(bytes, fieldsOf);
        if (test && !test(row)) return;
        for (const s of live) s.add(row);
      });
      if (sinks.length === 1 && sinks[0].name === undefined) return { docs: finish(live[0].results(), tail), rest: tail };
      const faceted: Doc = {};
      sinks.forEach((s, i) => (faceted[s.name!] = finish(live[i].results(), s.tail)));
      return { docs: finish([faceted], tail), rest: tail };
    },
  };
}
