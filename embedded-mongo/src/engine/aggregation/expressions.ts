// Aggregation expressions compiled once into closures, for the shapes reports use: field paths, literals,
// expression objects, $cond, $ifNull, comparisons, $and/$or/$not, arithmetic, $concat and the date
// operators. `undefined` stands for a missing value. compileExpression answers undefined for anything else
// (the whole pipeline then goes to mingo); an input the compiled code does not handle the way mongod does
// (an array inside a field path, a division by zero, a string in $add...) throws BAIL and that one
// document's expression is evaluated by mingo instead, errors included.
import { Aggregator } from 'mingo';
import { MINGO_OPTIONS } from '../../mingo-options.js';
import { compareValues } from '../../storage/bson-order.js';
import type { Doc } from '../../storage/collection.js';
import { dateFormatter, localParts, truncator, TRUNC_UNITS, weekdayOf, weekOfYear, zoneOffset } from './dates.js';

export type Expr = (doc: Doc) => unknown;

/** Thrown by compiled code for an input it leaves to mingo. */
export const BAIL = Symbol('bail');

/** The top-level fields compiled code reads (the field reader decodes only these). */
export type FieldSet = Set<string>;

const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !('_bsontype' in v);

/** mongod's truthiness: false, null, missing and numeric zero are false; everything else is true. */
export const truthy = (v: unknown) => !(v === false || v === null || v === undefined || v === 0);

/** An expression as a $project value (a bare 1 or true there would mean "include"). */
function asProjectValue(expr: unknown): unknown {
  return (typeof expr === 'string' && expr.startsWith('$')) || isPlainObject(expr) ? expr : { $literal: expr };
}

/** mingo's evaluation of `expr` over one document: the fallback for inputs compiled code bails on. */
export function mingoExpression(expr: unknown): Expr {
  const aggregator = new Aggregator([{ $project: { _id: 0, v: asProjectValue(expr) } }], MINGO_OPTIONS);
  return (doc) => (aggregator.run([doc])[0] as Doc | undefined)?.v;
}

/** Compiled `expr` that falls back to mingo for the documents it bails on. */
export function withFallback(compiled: Expr, expr: unknown): Expr {
  let fallback: Expr | undefined;
  return (doc) => {
    try {
      return compiled(doc);
    } catch (error) {
      if (error !== BAIL) throw error;
      return (fallback ??= mingoExpression(expr))(doc);
    }
  };
}

function fieldPath(path: string, fields: FieldSet): Expr | undefined {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$'))) return undefined;
  fields.add(parts[0]);
  const [first, ...rest] = parts;
  if (!rest.length) return (doc) => doc[first];
  return (doc) => {
    let v: unknown = doc[first];
    for (const part of rest) {
      if (Array.isArray(v)) throw BAIL; // mongod maps the rest of the path over the elements
      if (!isPlainObject(v)) return undefined;
      v = v[part];
    }
    if (Array.isArray(v)) throw BAIL;
    return v;
  };
}

const constant = (v: unknown): Expr => () => v;

/** The operator's arguments as a list (mongod accepts a single argument without the array). */
const argList = (arg: unknown): unknown[] => (Array.isArray(arg) ? arg : [arg]);

export function compileExpression(expr: unknown, fields: FieldSet): Expr | undefined {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return undefined; // variables ($$ROOT, $$NOW, let): mingo
    return expr.startsWith('$') ? fieldPath(expr.slice(1), fields) : constant(expr);
  }
  if (expr === null || typeof expr === 'number' || typeof expr === 'boolean' || expr instanceof Date) return constant(expr);
  if (!isPlainObject(expr)) return undefined; // arrays, regexes, BSON values: mingo
  const keys = Object.keys(expr);
  if (keys.length === 1 && keys[0].startsWith('$')) return operator(keys[0], expr[keys[0]], fields);
  if (keys.some((k) => k.startsWith('$') || k.includes('.'))) return undefined;
  const parts = keys.map((k) => compileExpression(expr[k], fields));
  if (parts.some((p) => !p)) return undefined;
  // An expression object leaves out the fields whose value is missing.
  return (doc) => {
    const out: Doc = {};
    for (let i = 0; i < keys.length; i++) {
      const v = parts[i]!(doc);
      if (v !== undefined) out[keys[i]] = v;
    }
    return out;
  };
}

function compileAll(args: unknown[], fields: FieldSet): Expr[] | undefined {
  const out = args.map((a) => compileExpression(a, fields));
  return out.every(Boolean) ? (out as Expr[]) : undefined;
}

const COMPARISONS: Record<string, (c: number) => boolean> = {
  $eq: (c) => c === 0, $ne: (c) => c !== 0, $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0,
};

const isNumber = (v: unknown): v is number => typeof v === 'number';

function operator(op: string, arg: unknown, fields: FieldSet): Expr | undefined {
  if (op === '$literal') return constant(arg);
  if (op in COMPARISONS) {
    const args = Array.isArray(arg) && arg.length === 2 ? compileAll(arg, fields) : undefined;
    if (!args) return undefined;
    const [a, b] = args;
    const test = COMPARISONS[op];
    // mingo compares an array with a scalar by its elements (mongod compares the whole array): the
    // interpreted answer stands there, so the two paths never disagree.
    return (doc) => {
      const x = a(doc);
      const y = b(doc);
      if (Array.isArray(x) || Array.isArray(y)) throw BAIL;
      return test(compareValues(x, y));
    };
  }
  if (op === '$cond') {
    const parts = Array.isArray(arg) ? arg : isPlainObject(arg) && Object.keys(arg).length === 3 ? [arg.if, arg.then, arg.else] : undefined;
    const args = parts?.length === 3 && !parts.includes(undefined) ? compileAll(parts, fields) : undefined;
    if (!args) return undefined;
    const [test, then, otherwise] = args;
    return (doc) => (truthy(test(doc)) ? then(doc) : otherwise(doc));
  }
  if (op === '$ifNull') {
    const args = Array.isArray(arg) && arg.length >= 2 ? compileAll(arg, fields) : undefined;
    if (!args) return undefined;
    return (doc) => {
      for (let i = 0; i < args.length - 1; i++) {
        const v = args[i](doc);
        if (v !== null && v !== undefined) return v;
      }
      return args[args.length - 1](doc);
    };
  }
  if (op === '$and' || op === '$or') {
    const args = compileAll(argList(arg), fields);
    if (!args) return undefined;
    return op === '$and' ? (doc) => args.every((a) => truthy(a(doc))) : (doc) => args.some((a) => truthy(a(doc)));
  }
  if (op === '$not') {
    const args = compileAll(argList(arg), fields);
    if (!args || args.length !== 1) return undefined;
    return (doc) => !truthy(args[0](doc));
  }
  if (op === '$add' || op === '$multiply') {
    const args = compileAll(argList(arg), fields);
    if (!args) return undefined;
    return (doc) => {
      let total = op === '$add' ? 0 : 1;
      let nothing = false;
      for (const a of args) {
        const v = a(doc);
        if (v === null || v === undefined) nothing = true;
        else if (!isNumber(v)) throw BAIL; // dates, Longs, Decimal128, errors
        else total = op === '$add' ? total + v : total * v;
      }
      return nothing ? null : total;
    };
  }
  if (op === '$subtract' || op === '$divide') {
    const args = Array.isArray(arg) && arg.length === 2 ? compileAll(arg, fields) : undefined;
    if (!args) return undefined;
    const [a, b] = args;
    return (doc) => {
      const x = a(doc);
      const y = b(doc);
      if (x === null || x === undefined || y === null || y === undefined) return null;
      if (!isNumber(x) || !isNumber(y) || (op === '$divide' && y === 0)) throw BAIL;
      return op === '$subtract' ? x - y : x / y;
    };
  }
  if (op === '$concat') {
    const args = compileAll(argList(arg), fields);
    if (!args) return undefined;
    return (doc) => {
      let out = '';
      let nothing = false;
      for (const a of args) {
        const v = a(doc);
        if (v === null || v === undefined) nothing = true;
        else if (typeof v !== 'string') throw BAIL;
        else out += v;
      }
      return nothing ? null : out;
    };
  }
  return dateOperator(op, arg, fields);
}

const DATE_PARTS: Record<string, (p: ReturnType<typeof localParts>) => number> = {
  $year: (p) => p.year,
  $month: (p) => p.month,
  $dayOfMonth: (p) => p.day,
  $hour: (p) => p.hour,
  $minute: (p) => p.minute,
  $second: (p) => p.second,
  $millisecond: (p) => p.millisecond,
  $dayOfWeek: (p) => p.weekday + 1,
  $dayOfYear: (p) => p.yearDay + 1,
  $week: weekOfYear,
};

/** A date argument: a Date as milliseconds, null for null or missing; anything else is mingo's to judge. */
function dateMs(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  if (v === null || v === undefined) return null;
  throw BAIL;
}

/** The literal timezone of a date operator's options, or undefined when it is an expression or unknown. */
function literalZone(timezone: unknown) {
  if (timezone === undefined) return zoneOffset(undefined);
  return typeof timezone === 'string' && !timezone.startsWith('$') ? zoneOffset(timezone) : undefined;
}

function dateOperator(op: string, arg: unknown, fields: FieldSet): Expr | undefined {
  if (op in DATE_PARTS) {
    const part = DATE_PARTS[op];
    const spec: Doc = isPlainObject(arg) && 'date' in arg ? arg : { date: Array.isArray(arg) && arg.length === 1 ? arg[0] : arg };
    if (Object.keys(spec).some((k) => k !== 'date' && k !== 'timezone')) return undefined;
    const date = compileExpression(spec.date, fields);
    const offset = literalZone(spec.timezone);
    if (!date || !offset) return undefined;
    return (doc) => {
      const ms = dateMs(date(doc));
      return ms === null ? null : part(localParts(ms, offset));
    };
  }
  if (op === '$dateTrunc') {
    if (!isPlainObject(arg) || Object.keys(arg).some((k) => !['date', 'unit', 'binSize', 'timezone', 'startOfWeek'].includes(k))) return undefined;
    const { unit, binSize = 1, startOfWeek = 'sunday' } = arg;
    const firstDay = typeof startOfWeek === 'string' ? weekdayOf(startOfWeek) : undefined;
    const valid = typeof unit === 'string' && TRUNC_UNITS.has(unit) && Number.isInteger(binSize) && (binSize as number) > 0 && firstDay !== undefined;
    const date = compileExpression(arg.date, fields);
    const offset = literalZone(arg.timezone);
    if (!valid || !date || !offset) return undefined;
    const trunc = truncator(unit, binSize as number, offset, firstDay);
    return (doc) => {
      const ms = dateMs(date(doc));
      return ms === null ? null : new Date(trunc(ms));
    };
  }
  if (op === '$dateToString') {
    if (!isPlainObject(arg) || Object.keys(arg).some((k) => !['date', 'format', 'timezone', 'onNull'].includes(k))) return undefined;
    const format = arg.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : arg.format;
    const formatter = typeof format === 'string' ? dateFormatter(format) : undefined;
    const date = compileExpression(arg.date, fields);
    const onNull = 'onNull' in arg ? compileExpression(arg.onNull, fields) : constant(null);
    const offset = literalZone(arg.timezone);
    if (!formatter || !date || !onNull || !offset) return undefined;
    return (doc) => {
      const ms = dateMs(date(doc));
      return ms === null ? onNull(doc) : formatter(ms, offset);
    };
  }
  return undefined;
}
