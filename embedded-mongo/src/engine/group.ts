// $group folded document by document when its accumulators are $sum, $avg, $min, $max, $count, $first or
// $last (any expressions as key and arguments, evaluated by mingo's $project one document at a time).
// mingo's own $group collects every input document per group before accumulating: a million documents then
// cost gigabytes. Other accumulators are left to mingo.
import { Aggregator } from 'mingo';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { compareValues } from '../storage/bson-order.js';
import type { Doc } from '../storage/collection.js';
import { idKey } from '../storage/keys.js';

interface Accumulator {
  name: string;
  op: string;
  /** Where the projected document holds the accumulator's argument. */
  field: string;
}

const SUPPORTED = new Set(['$sum', '$avg', '$min', '$max', '$count', '$first', '$last']);

/** A $group expression as a $project value: field paths and expression objects as they are, constants literal. */
function expression(expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) return expr;
  if (expr !== null && typeof expr === 'object' && !Array.isArray(expr) && !('_bsontype' in expr) && !(expr instanceof Date)) return expr;
  return { $literal: expr };
}

/**
 * The supported shape as one $project (mingo evaluates any expression, one document at a time) plus the
 * accumulators to fold over its output; undefined when the spec needs mingo's $group.
 */
function parse(spec: Doc): { project: Doc; accumulators: Accumulator[] } | undefined {
  if (!('_id' in spec)) return undefined;
  // $literal: in $project a bare 1 or true would mean "include this field".
  const project: Doc = { _id: 0, key: { $literal: null } };
  if (spec._id !== null) project.key = expression(spec._id);
  const accumulators: Accumulator[] = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (!acc || typeof acc !== 'object' || Array.isArray(acc) || Object.keys(acc).length !== 1) return undefined;
    const [op, arg] = Object.entries(acc as Doc)[0];
    if (!SUPPORTED.has(op)) return undefined;
    const field = `a${accumulators.length}`;
    if (op === '$count') {
      if (!arg || typeof arg !== 'object' || Object.keys(arg).length) return undefined;
      accumulators.push({ name, op: '$sum', field });
      project[field] = { $literal: 1 };
      continue;
    }
    if (arg !== null && typeof arg === 'object' && Array.isArray(arg)) return undefined; // mongod: unary only
    project[field] = expression(arg);
    accumulators.push({ name, op, field });
  }
  return { project, accumulators };
}

interface GroupState {
  id: unknown;
  values: unknown[];
  counts: number[];
}

/** Groups `docs` if the spec has the supported shape; undefined (nothing consumed) otherwise. */
export function streamingGroup(spec: Doc, docs: Iterable<Doc>): Doc[] | undefined {
  const parsed = parse(spec);
  if (!parsed) return undefined;
  const { project, accumulators } = parsed;
  const projected = new Aggregator([{ $project: project }], MINGO_OPTIONS).stream(docs as Doc[]) as Iterable<Doc>;
  const groups = new Map<string, GroupState>();
  for (const row of projected) {
    const id = row.key ?? null;
    const k = idKey(id);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { id, values: accumulators.map((a) => (a.op === '$sum' ? 0 : undefined)), counts: accumulators.map(() => 0) }));
    accumulators.forEach((a, i) => {
      const v = row[a.field];
      switch (a.op) {
        case '$sum':
          if (typeof v === 'number') g!.values[i] = (g!.values[i] as number) + v;
          break;
        case '$avg':
          if (typeof v === 'number') {
            g!.values[i] = ((g!.values[i] as number | undefined) ?? 0) + v;
            g!.counts[i]++;
          }
          break;
        case '$min':
        case '$max':
          if (v !== undefined && v !== null) {
            const current = g!.values[i];
            const better = a.op === '$min' ? compareValues(v, current) < 0 : compareValues(v, current) > 0;
            if (current === undefined || better) g!.values[i] = v;
          }
          break;
        case '$first':
          if (g!.counts[i]++ === 0) g!.values[i] = v ?? null;
          break;
        case '$last':
          g!.values[i] = v ?? null;
          break;
      }
    });
  }
  return [...groups.values()].map((g) => {
    const out: Doc = { _id: g.id };
    accumulators.forEach((a, i) => {
      if (a.op === '$avg') out[a.name] = g.counts[i] ? (g.values[i] as number) / g.counts[i] : null;
      else out[a.name] = g.values[i] ?? null;
    });
    return out;
  });
}
