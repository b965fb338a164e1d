// find, getMore, killCursors, count, distinct, aggregate, explain.
import { deserialize, serialize, type Document, type Timestamp } from 'bson';
import { Aggregator, Query, find as mingoFind } from 'mingo';
import { ErrorCodes, ServerError } from '../errors.js';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { explainFind, findMatches, type FindOptions, type Match } from '../engine/find.js';
import { streamingGroup } from '../engine/group.js';
import { compilePipeline } from '../engine/aggregation/pipeline.js';
import { deadlineOf, timeLimitExceeded } from '../engine/aggregation/scan.js';
import { evaluateLet, withIdFirst } from '../engine/update.js';
import { tsValue } from '../storage/cluster-clock.js';
import { findAsStages, resolveView } from './views.js';
import { compareValues } from '../storage/bson-order.js';
import { decode, type Collection, type Doc } from '../storage/collection.js';
import { idOf as idOfDoc } from '../storage/storage.js';
import { valuesAtPath } from '../storage/keys.js';
import { cursorReply, MAX_BATCH_BYTES } from '../wire/cursor-reply.js';
import { moreChanges, openChangeStream } from './change-streams.js';
import { asObject, collectionName, type CommandContext, type Handler } from './context.js';

const DEFAULT_FIRST_BATCH = 101;

/** A projected copy of a document, or undefined when there is nothing to project. */
export function projector(projection: Document | undefined): ((m: Match) => Uint8Array) | undefined {
  if (!projection || Object.keys(projection).length === 0) return undefined;
  return (m) => serialize(inDocumentOrder(mingoFind([m.doc], {}, projection, MINGO_OPTIONS).all()[0] as Doc, m.doc));
}

function isPlainObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !('_bsontype' in v);
}

/**
 * mingo orders a projection's fields by the projection (and an included _id last); mongod keeps the
 * document's order, _id first, and appends computed fields after.
 */
function inDocumentOrder(projected: Doc, original: Doc): Doc {
  const out: Doc = {};
  for (const key of Object.keys(original)) {
    if (!(key in projected)) continue;
    const v = projected[key];
    const o = original[key];
    out[key] = isPlainObject(v) && isPlainObject(o) ? inDocumentOrder(v, o) : v;
  }
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return withIdFirst(out);
}

/** Exact-type copy of a stored document, for replies built as documents (findAndModify). */
export function exact(raw: Uint8Array): Doc {
  return deserialize(raw, { promoteValues: false }) as Doc;
}

function takeBatch(docs: Iterator<Uint8Array>, size: number): { batch: Uint8Array[]; done: boolean } {
  const batch: Uint8Array[] = [];
  let bytes = 0;
  while (batch.length < size) {
    const next = docs.next();
    if (next.done) return { batch, done: true };
    batch.push(next.value);
    bytes += next.value.length;
    if (bytes >= MAX_BATCH_BYTES) break;
  }
  return { batch, done: false };
}

/** Replies with a first batch, keeping a server cursor for the rest when there is more. */
export function firstBatchReply(ctx: CommandContext, ns: string, docs: Iterator<Uint8Array>, batchSize: number | undefined, single = false, extra?: Document): Uint8Array {
  const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : batchSize === 0 ? 0 : batchSize;
  const { batch, done } = takeBatch(docs, size);
  let id = 0;
  if (!done && !single) {
    // With batchSize 0 or an exact fit we cannot know it is the end: keep the cursor, as mongod does.
    id = ctx.engine.openCursor(ns, docs, ctx.cmd.lsid).id;
  }
  return cursorReply(ns, id, batch, true, extra);
}

function* mapIter<T, U>(it: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of it) yield f(t);
}

function findOptions(cmd: Document): FindOptions & { single: boolean } {
  const limit = cmd.limit === undefined ? 0 : Number(cmd.limit);
  return {
    sort: asObject(cmd.sort, 'sort') as Record<string, number> | undefined,
    skip: cmd.skip === undefined ? 0 : Number(cmd.skip),
    limit: Math.abs(limit),
    single: limit < 0 || cmd.singleBatch === true,
  };
}

/** mongod refuses a hint that names no index of the collection (by name or by key pattern). */
export function checkHint(coll: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || (typeof hint === 'object' && Object.keys(hint).length === 0)) return;
  const indexes = [...(coll?.indexes.values() ?? [])];
  const found = typeof hint === 'string' ? indexes.some((i) => i.name === hint) : indexes.some((i) => JSON.stringify(i.spec.key) === JSON.stringify(hint));
  if (!found && coll) throw new ServerError(ErrorCodes.BadValue, 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
}

export const find: Handler = (ctx) => {
  const name = collectionName(ctx, 'find');
  const filter = asObject(ctx.cmd.filter, 'filter');
  const options = findOptions(ctx.cmd);
  const projection = asObject(ctx.cmd.projection, 'projection');
  const variables = evaluateLet(asObject(ctx.cmd.let, 'let'));
  const ns = `${ctx.db}.${name}`;
  let docs: Iterable<Uint8Array>;
  if (resolveView(ctx.engine.storage, ctx.db, name)) {
    const stages = findAsStages(filter, options.sort, options.skip ?? 0, options.limit ?? 0, projection);
    docs = mapIter(pipelineResults(ctx, name, stages, variables).results, (d) => serialize(d as Document));
  } else {
    checkHint(ctx.engine.storage.collection(ctx.db, name), ctx.cmd.hint);
    const project = projector(projection);
    docs = mapIter(findMatches(ctx.engine.source(ctx.db, name, ctx.txn), filter, { ...options, variables }), project ?? ((m) => m.raw));
  }
  const batchSize = ctx.cmd.batchSize === undefined ? undefined : Number(ctx.cmd.batchSize);
  const snapshot = snapshotRead(ctx, ns, docs);
  return firstBatchReply(ctx, ns, snapshot.docs[Symbol.iterator](), batchSize, options.single, snapshot.atClusterTime && { atClusterTime: snapshot.atClusterTime });
};

export const getMore: Handler = (ctx) => {
  const id = Number(ctx.cmd.getMore);
  const cursor = ctx.engine.cursor(id);
  if (!cursor) throw new ServerError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
  if (cursor.stream) return moreChanges(ctx, cursor as typeof cursor & { stream: NonNullable<typeof cursor.stream> });
  const size = ctx.cmd.batchSize ? Number(ctx.cmd.batchSize) : Infinity;
  let result;
  try {
    result = takeBatch(cursor.docs, size);
  } catch (error) {
    ctx.engine.closeCursor(id);
    throw error;
  }
  if (result.done) ctx.engine.closeCursor(id);
  return cursorReply(cursor.ns, result.done ? 0 : id, result.batch, false);
};

export const killCursors: Handler = (ctx) => {
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const id of (ctx.cmd.cursors as unknown[]) ?? []) {
    (ctx.engine.closeCursor(Number(id)) ? killed : notFound).push(id);
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
};

export const count: Handler = (ctx) => {
  const name = collectionName(ctx, 'count');
  const query = asObject(ctx.cmd.query, 'query');
  const source = ctx.engine.source(ctx.db, name, ctx.txn);
  const skip = Number(ctx.cmd.skip ?? 0);
  const limit = Math.abs(Number(ctx.cmd.limit ?? 0));
  let n: number;
  if (resolveView(ctx.engine.storage, ctx.db, name)) {
    n = 0;
    for (const _ of pipelineResults(ctx, name, findAsStages(query, undefined, skip, limit, undefined)).results) n++;
  } else if ((!query || Object.keys(query).length === 0) && !source.hasOverlay) {
    n = Math.max(0, (source.coll?.docs.size ?? 0) - skip);
    if (limit) n = Math.min(n, limit);
  } else {
    n = 0;
    for (const _ of findMatches(source, query, { skip, limit })) n++;
  }
  return { n };
};

export const distinct: Handler = (ctx) => {
  const name = collectionName(ctx, 'distinct');
  const key = ctx.cmd.key;
  if (typeof key !== 'string') throw new ServerError(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is missing or not a string");
  const query = asObject(ctx.cmd.query, 'query');
  const docs = resolveView(ctx.engine.storage, ctx.db, name)
    ? pipelineResults(ctx, name, findAsStages(query, undefined, 0, 0, undefined)).results
    : mapIter(findMatches(ctx.engine.source(ctx.db, name, ctx.txn), query), (m) => m.doc);
  const values: unknown[] = [];
  const present = new Query({ [key]: { $exists: true } }, MINGO_OPTIONS);
  for (const doc of docs) {
    if (!present.test(doc)) continue;
    values.push(...valuesAtPath(doc, key).filter((v) => v !== undefined));
  }
  values.sort(compareValues);
  const snapshot = snapshotRead(ctx, `${ctx.db}.${name}`, []);
  return { values: values.filter((v, i) => i === 0 || compareValues(v, values[i - 1]) !== 0), ...(snapshot.atClusterTime ? { atClusterTime: snapshot.atClusterTime } : {}) };
};

// --- aggregate ------------------------------------------------------------------------------------------

/** Splits leading $match / $sort / $skip / $limit off a pipeline so they can use indexes. */
function leadingQuery(pipeline: Document[]): { filter?: Document; options: FindOptions; rest: Document[] } {
  let i = 0;
  let filter: Document | undefined;
  const options: FindOptions = {};
  if (pipeline[i]?.$match && typeof pipeline[i].$match === 'object') filter = pipeline[i++].$match as Document;
  if (pipeline[i]?.$sort && typeof pipeline[i].$sort === 'object') options.sort = pipeline[i++].$sort as Record<string, number>;
  if (options.sort && typeof pipeline[i]?.$skip === 'number') options.skip = pipeline[i++].$skip as number;
  if (options.sort && typeof pipeline[i]?.$limit === 'number') options.limit = pipeline[i++].$limit as number;
  return { filter, options, rest: pipeline.slice(i) };
}

export const aggregate: Handler = async (ctx) => {
  const target = ctx.cmd.aggregate;
  const pipeline = ctx.cmd.pipeline;
  if (!Array.isArray(pipeline)) throw new ServerError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  const cursorOpts = asObject(ctx.cmd.cursor, 'cursor');
  if (!cursorOpts && !ctx.cmd.explain) throw new ServerError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const stages = pipeline as Document[];
  for (const stage of stages) {
    if (!stage || typeof stage !== 'object' || Object.keys(stage).length !== 1) {
      throw new ServerError(ErrorCodes.Location40323, 'A pipeline stage specification object must contain exactly one field.');
    }
  }
  if (stages[0] && '$changeStream' in stages[0]) return openChangeStream(ctx, stages);
  if (stages.some((s) => '$changeStream' in s)) throw new ServerError(ErrorCodes.Location40602, '$changeStream is only allowed as the first stage in a pipeline.');
  const last = stages[stages.length - 1];
  const out = last && '$out' in last ? last.$out : undefined;
  if (stages.some((s) => '$merge' in s)) throw new ServerError(ErrorCodes.CommandNotFound, '$merge is not supported by the embedded server; use $out');
  const body = out === undefined ? stages : stages.slice(0, -1);
  if (out !== undefined && ctx.txn) throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, '$out cannot be used in a transaction');

  const variables = evaluateLet(asObject(ctx.cmd.let, 'let'));
  const name = typeof target === 'string' ? collectionName(ctx, 'aggregate') : undefined;
  const ns = `${ctx.db}.${typeof target === 'string' ? target : '$cmd.aggregate'}`;
  const deadline = deadlineOf(ctx.cmd.maxTimeMS);
  const compiled = await compiledResults(ctx, name, body, variables, deadline);
  const { results, rest } = compiled ?? pipelineResults(ctx, name, body, variables, deadline);
  // mingo's $project appends an included _id last; mongod keeps it first (other stages keep their order).
  const shaping = rest.filter((st) => ['$project', '$replaceRoot', '$replaceWith', '$group', '$addFields', '$set', '$unset'].includes(Object.keys(st)[0]));
  const idFirst = Object.keys(shaping[shaping.length - 1] ?? {})[0] === '$project';
  const docs = compiled?.raw ?? mapIter(results, (d) => serialize((idFirst ? withIdFirst(d as Doc) : d) as Document));
  if (out !== undefined) {
    await writeOut(ctx, out, [...docs]);
    return cursorReply(ns, 0, [], true);
  }
  const batchSize = cursorOpts?.batchSize === undefined ? undefined : Number(cursorOpts.batchSize);
  const snapshot = snapshotRead(ctx, ns, docs);
  return firstBatchReply(ctx, ns, snapshot.docs[Symbol.iterator](), batchSize, false, snapshot.atClusterTime && { atClusterTime: snapshot.atClusterTime });
};

/**
 * The pipeline through the compiled path (engine/aggregation/) when the server uses it and the pipeline has
 * a shape it compiles, over a plain collection outside a transaction; undefined otherwise.
 */
async function compiledResults(ctx: CommandContext, name: string | undefined, stages: Document[], variables: Doc | undefined, deadline: number | undefined) {
  if (!ctx.engine.compiledAggregation || name === undefined || ctx.txn || variables) return undefined;
  if (resolveView(ctx.engine.storage, ctx.db, name)) return undefined;
  const pipeline = compilePipeline(stages as Doc[]);
  if (!pipeline) return undefined;
  const outcome = await pipeline.run(ctx.engine.source(ctx.db, name).coll, { deadline });
  return 'raw' in outcome ? { raw: outcome.raw, results: [], rest: [] } : { raw: undefined, results: outcome.docs, rest: outcome.rest };
}

/** Fails the command once the input of an interpreted pipeline is still being read past its deadline. */
function* withDeadline<T>(docs: Iterable<T>, deadline: number): Generator<T> {
  let n = 0;
  for (const d of docs) {
    if (++n % 256 === 0 && Date.now() > deadline) throw timeLimitExceeded();
    yield d;
  }
}

/**
 * The documents a pipeline yields over a collection or a view (whose pipeline goes first), or over nothing
 * (`aggregate: 1`). Leading $match/$sort/$skip/$limit use indexes; a leading $group streams.
 */
export function pipelineResults(ctx: CommandContext, name: string | undefined, stages: Document[], variables?: Doc, deadline?: number): { results: Iterable<Doc>; rest: Document[] } {
  const view = name === undefined ? undefined : resolveView(ctx.engine.storage, ctx.db, name);
  const target = view ? view.base : name;
  let rest = view ? [...view.pipeline, ...stages] : stages;
  let input: Iterable<Doc> = []; // `aggregate: 1` pipelines start from a stage such as $documents
  if (target !== undefined) {
    const lead = leadingQuery(rest);
    rest = lead.rest;
    input = mapIter(findMatches(ctx.engine.source(ctx.db, target, ctx.txn), lead.filter, { ...lead.options, variables }), (m) => m.doc);
    if (deadline !== undefined) input = withDeadline(input, deadline);
    const grouped = rest[0]?.$group ? streamingGroup(rest[0].$group as Doc, input) : undefined;
    if (grouped) {
      input = grouped;
      rest = rest.slice(1);
    }
  }
  const aggregator = new Aggregator(rest, {
    ...MINGO_OPTIONS,
    ...(variables ? { variables } : {}),
    collectionResolver: (coll: string) => [...pipelineResults(ctx, coll, []).results],
  });
  let results = rest.length ? (aggregator.stream(input as Doc[]) as Iterable<Doc>) : input;
  const countStage = rest[rest.length - 1]?.$count;
  if (typeof countStage === 'string') results = [...results].filter((d) => d[countStage] !== 0); // $count of nothing is no document
  return { results, rest };
}

/**
 * readConcern snapshot outside a transaction: every document is read now, so later batches (getMore) show
 * the same point in time, named in the reply (atClusterTime) for the session's next reads. A read at an
 * earlier time works while nothing it reads changed since; otherwise SnapshotTooOld (no older versions kept).
 */
export function snapshotRead<T>(ctx: CommandContext, ns: string, docs: Iterable<T>): { docs: Iterable<T>; atClusterTime?: Timestamp } {
  const readConcern = asObject(ctx.cmd.readConcern, 'readConcern');
  if (readConcern?.level !== 'snapshot' || ctx.txn) return { docs };
  const at = readConcern.atClusterTime as Timestamp | undefined;
  const storage = ctx.engine.storage;
  if (at && tsValue(at) > tsValue(storage.clock.now)) throw new ServerError(ErrorCodes.BadValue, `readConcern.atClusterTime ${at.toString()} is in the future`);
  if (at && storage.changes.changedSince(tsValue(at), ns)) {
    throw new ServerError(ErrorCodes.SnapshotTooOld, `Read timestamp ${at.toString()} is older than a later write to ${ns}: the embedded server keeps no older versions`);
  }
  return { docs: [...docs], atClusterTime: at ?? storage.clock.now };
}
/** $out: replaces the target collection's documents with the pipeline's results (indexes kept). */
async function writeOut(ctx: CommandContext, out: unknown, docs: Uint8Array[]): Promise<void> {
  const target = typeof out === 'string' ? { db: ctx.db, coll: out } : (out as { db: string; coll: string });
  const writer = ctx.engine.writer(target.db, target.coll);
  const coll = writer.collection();
  for (const id of [...coll.docs.keys()]) writer.remove(id);
  for (const raw of docs) {
    const doc = decode(raw);
    writer.put(idOfDoc(doc), raw, doc);
  }
  await writer.finish();
}

// --- explain --------------------------------------------------------------------------------------------

export const explain: Handler = (ctx) => {
  const inner = asObject(ctx.cmd.explain, 'explain') ?? {};
  const kind = Object.keys(inner)[0];
  const name = inner[kind];
  const pipeline = Array.isArray(inner.pipeline) ? leadingQuery(inner.pipeline as Document[]) : undefined;
  const filter = (inner.filter ?? inner.query ?? pipeline?.filter ?? {}) as Document;
  // The limit matters: with one, a sorted index may be raced against the filter's best index.
  const options: FindOptions = pipeline?.options ?? { sort: inner.sort as Record<string, number> | undefined, skip: Number(inner.skip ?? 0), limit: Math.abs(Number(inner.limit ?? 0)) };
  const { winner, rejected } = typeof name === 'string' ? explainFind(ctx.engine.source(ctx.db, name, ctx.txn), filter, options) : { winner: 'EOF', rejected: [] };
  const stageOf = (describe: string) => {
    const [stage, indexName] = describe.split(' ');
    return stage === 'IXSCAN' ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName } } : { stage };
  };
  return {
    queryPlanner: { namespace: `${ctx.db}.${name}`, parsedQuery: filter, winningPlan: stageOf(winner), rejectedPlans: rejected.map(stageOf), planSummary: winner, rejectedSummaries: rejected },
    explainVersion: '1',
  };
};
