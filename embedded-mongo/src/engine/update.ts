// Turns an update specification (operators, a replacement document, or an aggregation pipeline) into the
// new version of a document, with mingo doing the operators and stages, and builds upserted documents.
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { Double, Int32, Long, ObjectId } from 'bson';
import { ErrorCodes, ServerError } from '../errors.js';
import { MINGO_OPTIONS } from '../mingo-options.js';
import type { Doc } from '../storage/collection.js';
import { idKey, setPath } from '../storage/keys.js';

export type UpdateSpec = Doc | Doc[];

export function isPipeline(spec: UpdateSpec): spec is Doc[] {
  return Array.isArray(spec);
}

export function isOperatorUpdate(spec: UpdateSpec): boolean {
  if (isPipeline(spec)) return false;
  const keys = Object.keys(spec);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length !== keys.length) {
    throw new ServerError(ErrorCodes.FailedToParse, 'Update document contains both operators and plain fields; use only $-operators or a replacement');
  }
  return operators.length > 0;
}

/** Refuses a replacement document that carries operators or dotted field names (mongod's checks). */
function checkReplacement(doc: Doc): void {
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$')) throw new ServerError(ErrorCodes.BadValue, `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document.`);
  }
}

/**
 * Applies `spec` to a copy of `current` (already decoded for rewriting) and returns the new document.
 * `inserting` selects $setOnInsert behaviour for upserts.
 */
export interface ApplyOptions {
  arrayFilters?: Doc[];
  inserting?: boolean;
  filter?: Doc;
  /** `let` of the command and `c` of the statement: $$name in a pipeline update. */
  variables?: Doc;
}

/** Evaluates a command's `let` (each value is an expression, computed once, as mongod does). */
export function evaluateLet(lets: Doc | undefined): Doc | undefined {
  if (!lets) return undefined;
  if (typeof lets !== 'object' || Array.isArray(lets)) throw new ServerError(ErrorCodes.TypeMismatch, "BSON field 'let' is the wrong type, expected type 'object'");
  for (const name of Object.keys(lets)) {
    if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(name)) throw new ServerError(ErrorCodes.FailedToParse, `'${name}' starts with an invalid character for a user variable name`);
  }
  const [values] = new Aggregator([{ $replaceWith: { $literal: {} } }, { $addFields: lets }], MINGO_OPTIONS).run([{}]) as Doc[];
  return values;
}

export function applyUpdate(current: Doc, spec: UpdateSpec, options: ApplyOptions = {}): Doc {
  let next: Doc;
  if (isPipeline(spec)) {
    const [result] = new Aggregator(spec, options.variables ? { ...MINGO_OPTIONS, variables: options.variables } : MINGO_OPTIONS).run([current]) as Doc[];
    next = result ?? {};
  } else if (isOperatorUpdate(spec)) {
    const modifier: Doc = withLongArithmetic(resolvePositional({ ...spec }, options.filter ?? {}, current), current);
    const onInsert = modifier.$setOnInsert as Doc | undefined;
    delete modifier.$setOnInsert;
    if (onInsert && options.inserting) modifier.$set = { ...(modifier.$set as Doc | undefined), ...onInsert };
    for (const [op, args] of Object.entries(modifier)) {
      if (!args || typeof args !== 'object' || Array.isArray(args)) {
        throw new ServerError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(args) ? 'array' : typeof args} instead. For example: {$mod: {<field>: ...}} not {${op}: ...}`);
      }
    }
    stripUnchangedId(modifier, current);
    checkModifier(modifier, current);
    // MongoDB 5.0+ appends the fields an operator creates in lexicographic order of their paths.
    for (const [op, args] of Object.entries(modifier)) {
      if (args && typeof args === 'object' && !Array.isArray(args)) modifier[op] = Object.fromEntries(Object.entries(args).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    }
    next = current;
    if (Object.keys(modifier).length > 0) {
      mingoUpdate(next, modifier as Parameters<typeof mingoUpdate>[1], options.arrayFilters, undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
    }
  } else {
    checkReplacement(spec);
    next = { _id: current._id, ...spec };
    if (spec._id === undefined) next._id = current._id;
  }
  if (current._id !== undefined && (next._id === undefined || idKey(next._id) !== idKey(current._id))) {
    throw new ServerError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return withIdFirst(next);
}

const SIMPLE_OPERATORS = new Set(['$set', '$unset', '$inc']);

/**
 * The common updates ($set, $unset and $inc on paths through sub-documents) applied without mingo, to the
 * document decoded with its exact BSON types, so no number changes type and nothing needs re-typing after.
 * mingo builds its operator tables on every update call, which made an update cost several inserts.
 * Returns undefined (having perhaps changed `doc`) for anything else: the caller takes the general path.
 */
export function applySimpleUpdate(doc: Doc, spec: UpdateSpec): Doc | undefined {
  if (isPipeline(spec) || !isOperatorUpdate(spec)) return undefined;
  for (const [op, args] of Object.entries(spec)) {
    if (!SIMPLE_OPERATORS.has(op) || !isPlainObject(args)) return undefined;
    for (const path of Object.keys(args)) if (path.includes('$') || path === '_id' || path.startsWith('_id.') || path.split('.').includes('')) return undefined;
  }
  checkModifier(spec, doc);
  for (const [op, args] of Object.entries(spec)) {
    // New fields go after the existing ones in lexicographic order of their paths (MongoDB 5.0+).
    for (const path of Object.keys(args as Doc).sort()) {
      const parts = path.split('.');
      let parent: Doc = doc;
      for (const part of parts.slice(0, -1)) {
        let next = parent[part];
        if (next === undefined) {
          if (op === '$unset') break;
          parent[part] = next = {};
        }
        if (!isPlainObject(next)) return undefined; // an array or a value on the way: mingo's rules apply
        parent = next;
      }
      const last = parts[parts.length - 1];
      const value = (args as Doc)[path];
      if (op === '$set') parent[last] = value;
      else if (op === '$unset') delete parent[last];
      else {
        const sum = parent[last] === undefined ? value : addNumbers(parent[last], value);
        if (sum === undefined) return undefined;
        parent[last] = sum;
      }
    }
  }
  return doc;
}

/** `current + operand` with BSON's result types (int32 overflowing to int64, anything with a double a double). */
function addNumbers(current: unknown, operand: unknown): unknown {
  if (typeof operand !== 'number') return undefined;
  const type = (current as { _bsontype?: string } | null)?._bsontype;
  if (type === 'Double') return new Double((current as Double).value + operand);
  if (type === 'Int32') {
    const sum = (current as Int32).value + operand;
    if (!Number.isInteger(operand)) return new Double(sum);
    return sum >= -2147483648 && sum <= 2147483647 ? new Int32(sum) : Long.fromNumber(sum);
  }
  if (type === 'Long') return Number.isInteger(operand) ? (current as Long).add(Long.fromNumber(operand)) : new Double((current as Long).toNumber() + operand);
  return undefined;
}

function isPlainObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !('_bsontype' in v);
}

/**
 * JavaScript has one number type and BSON three: after an update computed on JS numbers, a value that was a
 * double or an int64 before (and is still a number) is given that type back, so an update never changes the
 * type of what it did not touch, and $inc on an int64 keeps an int64. `before` is the document decoded with
 * promoteValues off.
 */
export function keepNumberTypes(value: unknown, before: unknown): unknown {
  if (typeof value === 'number') {
    const type = (before as { _bsontype?: string } | null | undefined)?._bsontype;
    if (type === 'Double') return new Double(value);
    if (type === 'Long' && Number.isInteger(value)) return Long.fromNumber(value);
    // An int32 that grows past 32 bits becomes an int64, as in mongod (JS would store it as a double).
    if (type === 'Int32' && Number.isSafeInteger(value) && (value > 2147483647 || value < -2147483648)) return Long.fromNumber(value);
    return value;
  }
  if (Array.isArray(value) && Array.isArray(before)) return value.map((v, i) => keepNumberTypes(v, before[i]));
  if (isPlainObject(value) && isPlainObject(before)) {
    for (const key of Object.keys(value)) value[key] = keepNumberTypes(value[key], before[key]);
  }
  return value;
}

function valueAt(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);
}

function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  const t = (v as { _bsontype?: string } | null)?._bsontype;
  return t === 'Long' || t === 'Decimal128' || t === 'Double' || t === 'Int32';
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
}

/** `$set: { _id: <the same value> }` is allowed by mongod (mingo refuses any _id path): drop it. */
function stripUnchangedId(modifier: Doc, doc: Doc): void {
  const set = modifier.$set as Doc | undefined;
  if (set && '_id' in set && doc._id !== undefined && idKey(set._id) === idKey(doc._id)) {
    const { _id: _same, ...rest } = set;
    modifier.$set = rest;
  }
}

const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

/** mongod's checks before applying operators: conflicting paths, numeric $inc/$mul, arrays for array operators. */
function checkModifier(modifier: Doc, doc: Doc): void {
  const seen: string[] = [];
  for (const [op, args] of Object.entries(modifier)) {
    if (!args || typeof args !== 'object' || Array.isArray(args)) continue;
    for (const [path, operand] of Object.entries(args as Doc)) {
      const clash = seen.find((p) => p === path || p.startsWith(path + '.') || path.startsWith(p + '.'));
      if (clash) throw new ServerError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${clash}'`);
      seen.push(path);
      if (path.includes('$')) continue; // positional paths: the element is not known here
      const current = valueAt(doc, path);
      if ((op === '$inc' || op === '$mul') && !isNumeric(operand)) {
        throw new ServerError(ErrorCodes.TypeMismatch, `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`);
      }
      if ((op === '$inc' || op === '$mul') && current !== undefined && !isNumeric(current)) {
        throw new ServerError(ErrorCodes.TypeMismatch, `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${typeName(current)}`);
      }
      if (ARRAY_OPERATORS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw new ServerError(ErrorCodes.BadValue, `The field '${path}' must be an array but is of type ${typeName(current)} in document {_id: ${JSON.stringify(doc._id)}}`);
      }
    }
  }
}

function isLong(v: unknown): v is Long {
  return (v as { _bsontype?: string } | null)?._bsontype === 'Long';
}

/**
 * $inc and $mul on int64 values too large for a JS number (decoded as Long): mingo adds JS numbers, so these
 * are computed here with Long arithmetic and handed to mingo as a $set.
 */
function withLongArithmetic(modifier: Doc, doc: Doc): Doc {
  for (const op of ['$inc', '$mul'] as const) {
    if (!modifier[op] || typeof modifier[op] !== 'object') continue;
    const args: Doc = { ...(modifier[op] as Doc) }; // the spec is shared by every document a multi-update visits
    modifier[op] = args;
    for (const [path, operand] of Object.entries(args)) {
      const current = path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);
      if (!isLong(current) && !isLong(operand)) continue;
      if (typeof current !== 'number' && !isLong(current)) continue; // mingo reports the type error
      const a = Long.fromValue(current as number | Long);
      const b = Long.fromValue(operand as number | Long);
      modifier.$set = { ...(modifier.$set as Doc | undefined), [path]: op === '$inc' ? a.add(b) : a.multiply(b) };
      delete args[path];
    }
    if (Object.keys(args).length === 0) delete modifier[op];
  }
  return modifier;
}

const POSITIONAL = /\.\$(?=\.|$)/;

/**
 * The positional `$` (`{ 'items.$.qty': 2 }`): mingo has none, so the index of the first element of the
 * array that the filter's conditions on that array match replaces it.
 */
function resolvePositional(modifier: Doc, filter: Doc, doc: Doc): Doc {
  const paths = Object.values(modifier).flatMap((args) => (args && typeof args === 'object' ? Object.keys(args) : []));
  const positional = paths.find((p) => POSITIONAL.test(p));
  if (!positional) return modifier;
  const arrayPath = positional.slice(0, positional.search(POSITIONAL));
  const conditions: ((el: unknown) => boolean)[] = [];
  const visit = (f: Doc) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) cond.forEach((c) => visit(c as Doc));
      else if (key === arrayPath) {
        const elemMatch = cond && typeof cond === 'object' ? (cond as Doc).$elemMatch : undefined;
        const q = elemMatch ? new Query(elemMatch as Doc, MINGO_OPTIONS) : new Query({ v: cond }, MINGO_OPTIONS);
        conditions.push(elemMatch ? (el) => el !== null && typeof el === 'object' && q.test(el as Doc) : (el) => q.test({ v: el }));
      } else if (key.startsWith(arrayPath + '.')) {
        const q = new Query({ [key.slice(arrayPath.length + 1)]: cond }, MINGO_OPTIONS);
        conditions.push((el) => el !== null && typeof el === 'object' && q.test(el as Doc));
      }
    }
  };
  visit(filter);
  const array = arrayPath.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);
  const index = conditions.length && Array.isArray(array) ? array.findIndex((el) => conditions.every((c) => c(el))) : -1;
  if (index < 0) throw new ServerError(ErrorCodes.BadValue, 'The positional operator did not find the match needed from the query.');
  const resolved: Doc = {};
  for (const [op, args] of Object.entries(modifier)) {
    if (!args || typeof args !== 'object') {
      resolved[op] = args;
      continue;
    }
    resolved[op] = Object.fromEntries(Object.entries(args).map(([p, v]) => [p.replace(POSITIONAL, `.${index}`), v]));
  }
  return resolved;
}

/** mongod keeps _id as the first field. */
export function withIdFirst(doc: Doc): Doc {
  if (Object.keys(doc)[0] === '_id' || doc._id === undefined) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** The document an upsert starts from: the filter's equality conditions (mongod's rule). */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (f: Doc) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const part of cond) visit(part as Doc);
        continue;
      }
      if (key.startsWith('$')) continue;
      if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !('_bsontype' in cond)) {
        const ops = cond as Doc;
        const keys = Object.keys(ops);
        if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
          if ('$eq' in ops) setPath(seed, key, ops.$eq);
          continue;
        }
      }
      setPath(seed, key, cond);
    }
  };
  visit(filter);
  return seed;
}

/** The new document of an upsert: seed + update (replacement keeps only the filter's _id). */
export function buildUpsert(filter: Doc, spec: UpdateSpec, arrayFilters?: Doc[], variables?: Doc): Doc {
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (!isPipeline(spec) && !isOperatorUpdate(spec)) {
    checkReplacement(spec);
    doc = { ...spec };
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
  } else {
    const base: Doc = { ...seed };
    const provisional = base._id === undefined;
    if (provisional) base._id = new ObjectId();
    doc = applyUpdateNoIdCheck(base, spec, arrayFilters, variables);
    if (doc._id === undefined) doc._id = base._id;
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  return withIdFirst(doc);
}

function applyUpdateNoIdCheck(base: Doc, spec: UpdateSpec, arrayFilters?: Doc[], variables?: Doc): Doc {
  const id = base._id;
  const result = applyUpdate(base, spec, { arrayFilters, inserting: true, variables });
  return result._id === undefined ? { _id: id, ...result } : result;
}
