// insert, update, delete, findAndModify. Statements run in order; `ordered` (the default) stops at the first
// failing one, unordered goes on; what was applied is made durable before the reply either way.
import { ObjectId, serialize, Timestamp, type Document } from 'bson';
import { ErrorCodes, ServerError, toServerError } from '../errors.js';
import { DocumentLocked, type Writer, type WriterOptions } from '../engine/engine.js';
import { findMatches } from '../engine/find.js';
import { applySimpleUpdate, applyUpdate, buildUpsert, evaluateLet, isOperatorUpdate, isPipeline, keepNumberTypes, type UpdateSpec } from '../engine/update.js';
import { decode, type Doc } from '../storage/collection.js';

import { idOf } from '../storage/storage.js';
import { asObject, collectionName, type CommandContext, type Handler } from './context.js';
import { checkCollation } from './options.js';
import { exact, projector } from './read.js';

const MAX_DOC_BYTES = 16 * 1024 * 1024;

interface WriteError {
  index: number;
  code: number;
  codeName?: string;
  errmsg: string;
  [extra: string]: unknown;
}

function writeError(index: number, error: unknown): WriteError {
  const e = toServerError(error);
  const { errorLabels: _labels, ...extra } = e.extra;
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...extra };
}

/** Runs statements with ordered/unordered semantics, collecting write errors, then waits for durability. */
async function runStatements<T>(ctx: CommandContext, writer: Writer, statements: T[], run: (s: T, i: number) => void): Promise<WriteError[]> {
  const ordered = ctx.cmd.ordered !== false;
  const errors: WriteError[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i], i);
    } catch (error) {
      // Waiting on a transaction's lock, or a transient transaction error: the whole command fails (or retries).
      if (error instanceof DocumentLocked || (error instanceof ServerError && error.extra.errorLabels)) {
        writer.undo();
        throw error;
      }
      errors.push(writeError(i, error));
      if (ordered || ctx.txn) break;
    }
  }
  if (errors.length && ctx.txn) ctx.engine.endTransaction(ctx.txn); // an error aborts the transaction
  await writer.finish();
  return errors;
}

/** Prepends a generated ObjectId `_id` to raw document bytes, leaving every other byte as sent. */
function withGeneratedId(raw: Uint8Array): { raw: Uint8Array; id: ObjectId } {
  const id = new ObjectId();
  const element = Buffer.concat([Buffer.from([0x07]), Buffer.from('_id\0'), Buffer.from(id.id)]);
  const out = Buffer.allocUnsafe(raw.length + element.length);
  out.writeInt32LE(out.length, 0);
  element.copy(out, 4);
  Buffer.from(raw.buffer, raw.byteOffset + 4, raw.length - 4).copy(out, 4 + element.length);
  return { raw: out, id };
}

function duplicateIdError(ns: string, id: unknown): ServerError {
  return new ServerError(ErrorCodes.DuplicateKey, `E11000 duplicate key error collection: ${ns} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`, {
    keyPattern: { _id: 1 },
    keyValue: { _id: id },
  });
}

function insertOne(writer: Writer, ns: string, sent: Uint8Array): void {
  if (sent.length > MAX_DOC_BYTES) throw new ServerError(ErrorCodes.BadValue, `object to insert too large. size in bytes: ${sent.length}, max size: ${MAX_DOC_BYTES}`);
  let raw: Uint8Array = sent; // a view into the network message: storage keeps its own copy
  let doc = decode(raw);
  if (doc._id === undefined) {
    raw = withGeneratedId(raw).raw;
    doc = decode(raw);
  } else if (Object.keys(doc)[0] !== '_id') {
    // mongod stores _id first; re-encode from exact-type values so nothing else changes.
    const { _id, ...rest } = exact(raw);
    raw = serialize({ _id, ...rest });
    doc = decode(raw);
  }
  if (Array.isArray(doc._id)) throw new ServerError(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  if (hasEmptyTimestamp(doc)) {
    raw = serialize(withCurrentTimestamps(exact(raw)));
    doc = decode(raw);
  }
  const id = idOf(doc);
  if (writer.source.get(id)) throw duplicateIdError(ns, doc._id);
  writer.put(id, raw, doc);
}

/** mongod replaces an empty Timestamp(0, 0) in a top-level field (other than _id) with the current time. */
function hasEmptyTimestamp(doc: Doc): boolean {
  return Object.entries(doc).some(([k, v]) => k !== '_id' && v instanceof Timestamp && v.isZero());
}

let lastTimestamp = { t: 0, i: 0 };
function withCurrentTimestamps(doc: Doc): Doc {
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id' || !(v instanceof Timestamp) || !v.isZero()) continue;
    const t = Math.floor(Date.now() / 1000);
    lastTimestamp = t === lastTimestamp.t ? { t, i: lastTimestamp.i + 1 } : { t, i: 1 };
    doc[k] = new Timestamp({ t, i: lastTimestamp.i });
  }
  return doc;
}

export const insert: Handler = async (ctx) => {
  const name = collectionName(ctx, 'insert');
  const docs = ctx.rawDocuments ?? [];
  const writer = ctx.engine.writer(ctx.db, name, ctx.txn, writerOptions(ctx));
  const ns = `${ctx.db}.${name}`;
  let n = 0;
  const errors = await runStatements(ctx, writer, docs, (raw) => {
    insertOne(writer, ns, raw);
    n++;
  });
  return errors.length ? { n, writeErrors: errors } : { n };
};

/** The fields MongoDB 7.0 knows in an update / delete statement (`sort` in an update statement came with 8.0). */
const UPDATE_STATEMENT_FIELDS = new Set(['q', 'u', 'c', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation', 'upsertSupplied']);
const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

/** mongod's parser refuses the whole command for a field it does not know, rather than ignoring the field. */
function checkStatementFields(statement: object, path: string, known: Set<string>): void {
  for (const field of Object.keys(statement)) {
    if (!known.has(field)) throw new ServerError(ErrorCodes.Location40415, `BSON field '${path}.${field}' is an unknown field.`);
  }
}

interface UpdateStatement {
  q?: Doc;
  u: UpdateSpec;
  c?: Doc;
  collation?: Doc;
  multi?: boolean;
  upsert?: boolean;
  arrayFilters?: Doc[];
}

/** Rewrites one stored document; returns whether its bytes changed. */
function rewrite(writer: Writer, id: string, raw: Uint8Array, spec: UpdateSpec, arrayFilters?: Doc[], filter?: Doc, variables?: Doc, oldDoc?: Doc): { changed: boolean; doc: Doc; raw: Uint8Array } {
  const simple = arrayFilters === undefined ? applySimpleUpdate(exact(raw), spec) : undefined;
  const next = simple ?? keepNumberTypes(applyUpdate(decode(raw), spec, { arrayFilters, filter, variables }), exact(raw));
  const nextRaw = serialize(next as Doc);
  if (nextRaw.length > MAX_DOC_BYTES) throw new ServerError(ErrorCodes.BadValue, 'Resulting document after update is larger than 16777216');
  if (Buffer.compare(nextRaw, raw) === 0) return { changed: false, doc: decode(raw), raw };
  const doc = decode(nextRaw);
  writer.put(id, nextRaw, doc, !isPipeline(spec) && !isOperatorUpdate(spec), oldDoc);
  return { changed: true, doc, raw: nextRaw };
}

function upsert(writer: Writer, filter: Doc, spec: UpdateSpec, arrayFilters?: Doc[], variables?: Doc): { doc: Doc; raw: Uint8Array } {
  const created = buildUpsert(filter, spec, arrayFilters, variables);
  const raw = serialize(created);
  const doc = decode(raw);
  const id = idOf(doc);
  if (writer.source.get(id)) throw duplicateIdError(writer.source.coll?.ns ?? '', doc._id);
  writer.put(id, raw, doc);
  return { doc, raw };
}

export const update: Handler = async (ctx) => {
  const name = collectionName(ctx, 'update');
  const statements = (ctx.cmd.updates ?? []) as UpdateStatement[];
  for (const s of statements) {
    checkStatementFields(s, 'update.updates', UPDATE_STATEMENT_FIELDS);
    checkCollation(s.collation, 'update.updates.collation');
  }
  const lets = evaluateLet(asObject(ctx.cmd.let, 'let'));
  const writer = ctx.engine.writer(ctx.db, name, ctx.txn, writerOptions(ctx));
  let n = 0;
  let nModified = 0;
  const upserted: { index: number; _id: unknown }[] = [];
  const errors = await runStatements(ctx, writer, statements, (s, index) => {
    if (!s.u || typeof s.u !== 'object') throw new ServerError(ErrorCodes.FailedToParse, "BSON field 'update.updates.u' is missing but a required field");
    const filter = asObject(s.q, 'update.updates.q') ?? {};
    const constants = asObject(s.c, 'update.updates.c');
    if (constants && !isPipeline(s.u)) throw new ServerError(ErrorCodes.FailedToParse, "'c' (constants) is only allowed with a pipeline update");
    const variables = constants || lets ? { ...lets, ...constants } : undefined;
    // Collect first: changing documents while walking an index over them would skip or repeat some.
    const targets = [...findMatches(writer.source, filter, { limit: s.multi ? 0 : 1, variables: lets })];
    // A statement that fails counts nothing, even for the documents it changed before failing (as mongod).
    let changed = 0;
    for (const t of targets) if (rewrite(writer, t.id, t.raw, s.u, s.arrayFilters, filter, variables, t.doc).changed) changed++;
    n += targets.length;
    nModified += changed;
    if (targets.length === 0 && s.upsert) {
      const { doc } = upsert(writer, filter, s.u, s.arrayFilters, variables);
      upserted.push({ index, _id: doc._id });
      n++;
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (errors.length) reply.writeErrors = errors;
  return reply;
};

/** bypassDocumentValidation, as insert, update, findAndModify and aggregate ($out) take it. */
function writerOptions(ctx: CommandContext): WriterOptions {
  return { bypassValidation: ctx.cmd.bypassDocumentValidation === true };
}

interface DeleteStatement {
  q?: Doc;
  limit?: number;
  collation?: Doc;
}

export const del: Handler = async (ctx) => {
  const name = collectionName(ctx, 'delete');
  const statements = (ctx.cmd.deletes ?? []) as DeleteStatement[];
  for (const s of statements) {
    checkStatementFields(s, 'delete.deletes', DELETE_STATEMENT_FIELDS);
    checkCollation(s.collation, 'delete.deletes.collation');
  }
  const variables = evaluateLet(asObject(ctx.cmd.let, 'let'));
  const writer = ctx.engine.writer(ctx.db, name, ctx.txn);
  let n = 0;
  const errors = await runStatements(ctx, writer, statements, (s) => {
    const filter = asObject(s.q, 'delete.deletes.q') ?? {};
    const targets = [...findMatches(writer.source, filter, { limit: Number(s.limit) === 1 ? 1 : 0, variables })];
    for (const t of targets) {
      writer.remove(t.id);
      n++;
    }
  });
  return errors.length ? { n, writeErrors: errors } : { n };
};

export const findAndModify: Handler = async (ctx) => {
  const name = collectionName(ctx, 'findAndModify');
  const cmd = ctx.cmd;
  const filter = asObject(cmd.query, 'query') ?? {};
  const sort = asObject(cmd.sort, 'sort') as Record<string, number> | undefined;
  const project = projector(asObject(cmd.fields, 'fields'));
  const variables = evaluateLet(asObject(cmd.let, 'let'));
  const writer = ctx.engine.writer(ctx.db, name, ctx.txn, writerOptions(ctx));
  const shape = (raw: Uint8Array, doc: Doc) => (project ? decode(project({ id: '', raw, doc })) : exact(raw));
  if (cmd.remove && cmd.update !== undefined) throw new ServerError(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!cmd.remove && cmd.update === undefined) throw new ServerError(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
  try {
    const [target] = findMatches(writer.source, filter, { sort, limit: 1, variables });
    if (cmd.remove) {
      if (target) writer.remove(target.id);
      await writer.finish();
      return { lastErrorObject: { n: target ? 1 : 0 }, value: target ? shape(target.raw, target.doc) : null };
    }
    const spec = cmd.update as UpdateSpec;
    const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
    if (target) {
      const after = rewrite(writer, target.id, target.raw, spec, arrayFilters, filter, variables);
      await writer.finish();
      const value = cmd.new ? shape(after.raw, after.doc) : shape(target.raw, target.doc);
      return { lastErrorObject: { n: 1, updatedExisting: true }, value };
    }
    if (cmd.upsert) {
      const created = upsert(writer, filter, spec, arrayFilters, variables);
      await writer.finish();
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: created.doc._id },
        value: cmd.new ? shape(created.raw, created.doc) : null,
      };
    }
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  } catch (error) {
    writer.undo();
    if (ctx.txn) ctx.engine.endTransaction(ctx.txn);
    throw error;
  }
};

