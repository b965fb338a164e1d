// $group folded document by document, for the common shape (group keys that are field paths; $sum, $avg,
// $min, $max, $count, $first, $last over field paths or constants). mingo's $group collects every input
// document per group before accumulating: a million documents then cost gigabytes. Anything else is left
// to mingo.
import { compareValues } from '../storage/bson-order.js';
import type { Doc } from '../storage/collection.js';
import { idKey } from '../storage/keys.js';

type Operand = { path: string } | { constant: unknown };
interface Accumulator {
  name: string;
  op: string;
  operand: Operand;
}

const SUPPORTED = new Set(['$sum', '$avg', '$min', '$max', '$count', '$first', '$last']);

function operandOf(expr: unknown): Operand | undefined {
  if (typeof expr === 'string' && expr.startsWith('$') && !expr.startsWith('$$')) return { path: expr.slice(1) };
  if (typeof expr === 'number') return { constant: expr };
  return undefined;
}

function valueAt(doc: Doc, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Doc)[part];
  }
  return v;
}

function evaluate(doc: Doc, operand: Operand): unknown {
  return 'path' in operand ? valueAt(doc, operand.path) : operand.constant;
}

/** The accumulators of a $group spec, or undefined when it needs mingo. */
function parse(spec: Doc): { key: Operand | Record<string, Operand> | null; accumulators: Accumulator[] } | undefined {
  let key: Operand | Record<string, Operand> | null;
  if (spec._id === null) key = null;
  else if (typeof spec._id === 'string') {
    const k = operandOf(spec._id);
    if (!k) return undefined;
    key = k;
  } else if (spec._id && typeof spec._id === 'object' && !Array.isArray(spec._id) && Object.keys(spec._id).length > 0) {
    const parts: Record<string, Operand> = {};
    for (const [name, expr] of Object.entries(spec._id as Doc)) {
      const k = typeof expr === 'string' ? operandOf(expr) : undefined;
      if (!k || !('path' in k)) return undefined;
      parts[name] = k;
    }
    key = parts;
  } else return undefined;
  const accumulators: Accumulator[] = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (!acc || typeof acc !== 'object' || Array.isArray(acc) || Object.keys(acc).length !== 1) return undefined;
    const [op, arg] = Object.entries(acc as Doc)[0];
    if (!SUPPORTED.has(op)) return undefined;
    if (op === '$count') {
      if (!arg || typeof arg !== 'object' || Object.keys(arg).length) return undefined;
      accumulators.push({ name, op: '$sum', operand: { constant: 1 } });
      continue;
    }
    const operand = operandOf(arg);
    if (!operand) return undefined;
    accumulators.push({ name, op, operand });
  }
  return { key, accumulators };
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
  const { key, accumulators } = parsed;
  const groups = new Map<string, GroupState>();
  for (const doc of docs) {
    let id: unknown = null;
    if (key && 'path' in key) id = valueAt(doc, key.path as string) ?? null;
    else if (key && 'constant' in key) id = key.constant;
    else if (key) id = Object.fromEntries(Object.entries(key).map(([n, k]) => [n, evaluate(doc, k as Operand) ?? null]));
    const k = idKey(id);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { id, values: accumulators.map((a) => (a.op === '$sum' ? 0 : undefined)), counts: accumulators.map(() => 0) }));
    accumulators.forEach((a, i) => {
      const v = evaluate(doc, a.operand);
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
