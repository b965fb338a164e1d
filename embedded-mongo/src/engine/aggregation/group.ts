// A $group compiled into one pass: the key and each accumulator's argument are compiled expressions, the
// groups live in one Map keyed by the canonical key string (so 1, 1.0 and Long(1) meet, as in mongod),
// and each accumulator folds its group's state as documents arrive instead of collecting them first.
import { compareValues } from '../../storage/bson-order.js';
import type { Doc } from '../../storage/collection.js';
import { idKey } from '../../storage/keys.js';
import { compileExpression, withFallback, type Expr, type FieldSet } from './expressions.js';

interface Accumulator {
  name: string;
  initial: () => unknown;
  /** The new state after one document's value (undefined: the argument is missing). */
  step: (state: unknown, v: unknown) => unknown;
  result: (state: unknown) => unknown;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';

type Avg = { sum: number; n: number };
type SetState = { keys: Set<string>; values: unknown[] };
type FirstState = { seen: boolean; value: unknown };

const KINDS: Record<string, Omit<Accumulator, 'name'>> = {
  // Only JS numbers add up: mingo leaves non-numbers out, and so does mongod (Decimal128 and unsafe int64s
  // are not numbers here: such a pipeline's figures come out as mingo gives them).
  $sum: { initial: () => 0, step: (s, v) => (isNumber(v) ? (s as number) + v : s), result: (s) => s },
  $avg: {
    initial: (): Avg => ({ sum: 0, n: 0 }),
    step: (s, v) => {
      if (isNumber(v)) {
        (s as Avg).sum += v;
        (s as Avg).n++;
      }
      return s;
    },
    result: (s) => ((s as Avg).n ? (s as Avg).sum / (s as Avg).n : null),
  },
  $min: { initial: () => undefined, step: (s, v) => (v === undefined || v === null || (s !== undefined && compareValues(v, s) >= 0) ? s : v), result: (s) => s ?? null },
  $max: { initial: () => undefined, step: (s, v) => (v === undefined || v === null || (s !== undefined && compareValues(v, s) <= 0) ? s : v), result: (s) => s ?? null },
  $first: {
    initial: (): FirstState => ({ seen: false, value: null }),
    step: (s, v) => {
      const f = s as FirstState;
      if (!f.seen) {
        f.seen = true;
        f.value = v ?? null;
      }
      return s;
    },
    result: (s) => (s as FirstState).value,
  },
  $last: { initial: () => null, step: (_s, v) => v ?? null, result: (s) => s },
  // mongod leaves missing values out of $push and $addToSet (mingo pushes null for them).
  $push: {
    initial: () => [] as unknown[],
    step: (s, v) => {
      if (v !== undefined) (s as unknown[]).push(v);
      return s;
    },
    result: (s) => s,
  },
  $addToSet: {
    initial: (): SetState => ({ keys: new Set(), values: [] }),
    step: (s, v) => {
      const set = s as SetState;
      if (v === undefined) return s;
      const k = idKey(v);
      if (!set.keys.has(k)) {
        set.keys.add(k);
        set.values.push(v);
      }
      return s;
    },
    result: (s) => (s as SetState).values,
  },
};

export interface CompiledGroup {
  /** Folds one document (its fields as the reader gave them) into its group. */
  add(doc: Doc): void;
  /** The groups as documents, in the order their first document came. */
  results(): Doc[];
}

const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !('_bsontype' in v);

const MISSING = '\u0001';

/**
 * The group key of a document as a value (computed once per group) and as the canonical string the groups
 * are found by (computed per document). For a document of fields (`_id: { agent: '$agentId', day: ... }`)
 * the string joins the fields' keys, so no key object is built for a document whose group exists.
 */
function compileKey(spec: unknown, fields: FieldSet): { keyOf: Expr; keyString: (doc: Doc) => string } | undefined {
  const whole = compileExpression(spec, fields);
  if (!whole) return undefined;
  const keyOf = withFallback(whole, spec);
  const single = (v: unknown) => (typeof v === 'string' ? 's' + v : idKey(v ?? null));
  if (!isPlainObject(spec) || Object.keys(spec).some((k) => k.startsWith('$'))) return { keyOf, keyString: (doc) => single(keyOf(doc)) };
  const parts = Object.values(spec).map((expr) => withFallback(compileExpression(expr, fields)!, expr));
  return {
    keyOf,
    keyString: (doc) => {
      let k = '';
      for (const part of parts) {
        const v = part(doc);
        k += (v === undefined ? MISSING : typeof v === 'string' ? `s${v.length}:${v}` : idKey(v)) + '\u0000';
      }
      return k;
    },
  };
}

/** A compiled $group, or undefined when its spec uses something only mingo evaluates. */
export function compileGroup(spec: Doc, fields: FieldSet): (() => CompiledGroup) | undefined {
  if (!('_id' in spec)) return undefined;
  const keyed = compileKey(spec._id, fields);
  if (!keyed) return undefined;
  const { keyOf, keyString } = keyed;
  const accumulators: (Accumulator & { arg: Expr })[] = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (name.includes('.') || name.startsWith('$') || !isPlainObject(acc) || Object.keys(acc).length !== 1) return undefined;
    const [op, arg] = Object.entries(acc)[0];
    if (op === '$count') {
      if (!isPlainObject(arg) || Object.keys(arg).length) return undefined;
      accumulators.push({ name, ...KINDS.$sum, arg: () => 1 });
      continue;
    }
    const kind = KINDS[op];
    if (!kind || Array.isArray(arg)) return undefined; // mongod's accumulators here are unary
    const compiled = compileExpression(arg, fields);
    if (!compiled) return undefined;
    accumulators.push({ name, ...kind, arg: withFallback(compiled, arg) });
  }
  const n = accumulators.length;
  return () => {
    const groups = new Map<string, { id: unknown; states: unknown[] }>();
    return {
      add(doc) {
        const k = keyString(doc);
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { id: keyOf(doc) ?? null, states: accumulators.map((a) => a.initial()) }));
        const states = g.states;
        for (let i = 0; i < n; i++) {
          const a = accumulators[i];
          states[i] = a.step(states[i], a.arg(doc));
        }
      },
      results() {
        const out: Doc[] = [];
        for (const g of groups.values()) {
          const row: Doc = { _id: g.id };
          for (let i = 0; i < n; i++) row[accumulators[i].name] = accumulators[i].result(g.states[i]);
          out.push(row);
        }
        return out;
      },
    };
  };
}
