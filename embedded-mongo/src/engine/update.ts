// Turns an update specification (operators, a replacement document, or an aggregation pipeline) into the
// new version of a document, with mingo doing the operators and stages, and builds upserted documents.
import { Aggregator, update as mingoUpdate } from 'mingo';
import { ObjectId } from 'bson';
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
export function applyUpdate(current: Doc, spec: UpdateSpec, options: { arrayFilters?: Doc[]; inserting?: boolean } = {}): Doc {
  let next: Doc;
  if (isPipeline(spec)) {
    const [result] = new Aggregator(spec, MINGO_OPTIONS).run([current]) as Doc[];
    next = result ?? {};
  } else if (isOperatorUpdate(spec)) {
    const modifier: Doc = { ...spec };
    const onInsert = modifier.$setOnInsert as Doc | undefined;
    delete modifier.$setOnInsert;
    if (onInsert && options.inserting) modifier.$set = { ...(modifier.$set as Doc | undefined), ...onInsert };
    for (const [op, args] of Object.entries(modifier)) {
      if (!args || typeof args !== 'object' || Array.isArray(args)) {
        throw new ServerError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(args) ? 'array' : typeof args} instead. For example: {$mod: {<field>: ...}} not {${op}: ...}`);
      }
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
export function buildUpsert(filter: Doc, spec: UpdateSpec, arrayFilters?: Doc[]): Doc {
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
    doc = applyUpdateNoIdCheck(base, spec, arrayFilters);
    if (doc._id === undefined) doc._id = base._id;
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  return withIdFirst(doc);
}

function applyUpdateNoIdCheck(base: Doc, spec: UpdateSpec, arrayFilters?: Doc[]): Doc {
  const id = base._id;
  const result = applyUpdate(base, spec, { arrayFilters, inserting: true });
  return result._id === undefined ? { _id: id, ...result } : result;
}
