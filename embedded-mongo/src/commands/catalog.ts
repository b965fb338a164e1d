// Databases, collections and indexes: listDatabases, listCollections, create, drop, dropDatabase,
// renameCollection, createIndexes, listIndexes, dropIndexes, dbStats, collStats.
import { serialize, type Document } from 'bson';
import { Query } from 'mingo';
import { ErrorCodes, ServerError } from '../errors.js';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { indexName, type IndexSpec } from '../storage/collection-index.js';
import type { Collection } from '../storage/collection.js';
import { splitNs } from '../storage/storage.js';
import { asObject, collectionName, type CommandContext, type Handler } from './context.js';
import { collModOptions, checkCollation, createOptions } from './options.js';
import { firstBatchReply } from './read.js';
import { notOnView } from './views.js';
import { compileValidator } from '../engine/validation.js';

function requireCollection(ctx: CommandContext, name: string): Collection {
  const coll = ctx.engine.storage.collection(ctx.db, name);
  if (!coll) throw new ServerError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  return coll;
}

function dataSize(coll: Collection): number {
  let n = 0;
  for (const raw of coll.docs.values()) n += raw.length;
  return n;
}

export const listDatabases: Handler = (ctx) => {
  const filter = asObject(ctx.cmd.filter, 'filter');
  let databases = [...ctx.engine.storage.dbs.entries()].map(([name, colls]) => {
    const size = [...colls.values()].reduce((n, c) => n + dataSize(c), 0);
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  if (filter) {
    const q = new Query(filter, MINGO_OPTIONS);
    databases = databases.filter((d) => q.test(d));
  }
  if (ctx.cmd.nameOnly) return { databases: databases.map(({ name }) => ({ name })) };
  return { databases, totalSize: databases.reduce((n, d) => n + d.sizeOnDisk, 0), totalSizeMb: 0 };
};

export const listCollections: Handler = (ctx) => {
  const filter = asObject(ctx.cmd.filter, 'filter');
  const q = filter ? new Query(filter, MINGO_OPTIONS) : undefined;
  const infos = ctx.engine.storage
    .collections(ctx.db)
    .map((c) =>
      c.isView
        ? { name: c.name, type: 'view', options: c.options, info: { readOnly: true } }
        : { name: c.name, type: 'collection', options: c.options, info: { readOnly: false, uuid: c.uuid }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } },
    )
    .filter((info) => !q || q.test(info))
    .map((info) => serialize(ctx.cmd.nameOnly ? { name: info.name, type: info.type } : info));
  const cursor = asObject(ctx.cmd.cursor, 'cursor');
  return firstBatchReply(ctx, `${ctx.db}.$cmd.listCollections`, infos[Symbol.iterator](), cursor?.batchSize as number | undefined);
};

export const create: Handler = async (ctx) => {
  const name = collectionName(ctx, 'create');
  if (ctx.engine.storage.collection(ctx.db, name)) {
    throw new ServerError(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
  }
  const options = createOptions(ctx.cmd);
  if (options.validator) compileValidator(options.validator as Document);
  if (ctx.txn) {
    if (options.viewOn !== undefined || options.capped) throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, `Cannot create a ${options.capped ? 'capped collection' : 'view'} in a multi-document transaction.`);
    // Created by the commit, gone on abort (mongod 4.4+).
    if (ctx.txn.created.has(`${ctx.db}.${name}`)) throw new ServerError(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
    ctx.txn.createCollection(ctx.db, name, options);
    return {};
  }
  const batch = ctx.engine.storage.batch();
  batch.ensureCollection(ctx.db, name, options);
  await batch.commit();
  return {};
};

export const collMod: Handler = async (ctx) => {
  const coll = requireCollection(ctx, collectionName(ctx, 'collMod'));
  const options = collModOptions(ctx.cmd, coll.options);
  if (options.validator) compileValidator(options.validator as Document);
  const batch = ctx.engine.storage.batch();
  batch.catalog({ o: 'cmod', ns: coll.ns, opts: options });
  await batch.commit();
  return {};
};

export const drop: Handler = async (ctx) => {
  const name = collectionName(ctx, 'drop');
  const coll = ctx.engine.storage.collection(ctx.db, name);
  if (!coll) return {}; // mongod 7 answers ok for a missing collection
  const batch = ctx.engine.storage.batch();
  const nIndexesWas = coll.indexes.size;
  batch.catalog({ o: 'dcoll', ns: coll.ns });
  await batch.commit();
  return { ns: coll.ns, nIndexesWas };
};

export const dropDatabase: Handler = async (ctx) => {
  const batch = ctx.engine.storage.batch();
  if (ctx.engine.storage.dbs.has(ctx.db)) batch.catalog({ o: 'ddb', db: ctx.db });
  await batch.commit();
  return { dropped: ctx.db };
};

export const renameCollection: Handler = async (ctx) => {
  const from = String(ctx.cmd.renameCollection);
  const to = String(ctx.cmd.to);
  const storage = ctx.engine.storage;
  if (!from.includes('.') || !to.includes('.')) throw new ServerError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${from.includes('.') ? to : from}'`);
  const source = storage.collection(...splitNs(from));
  if (!source) throw new ServerError(ErrorCodes.NamespaceNotFound, 'source namespace does not exist');
  const batch = storage.batch();
  if (storage.collection(...splitNs(to))) {
    if (!ctx.cmd.dropTarget) throw new ServerError(ErrorCodes.NamespaceExists, 'target namespace exists');
    batch.catalog({ o: 'dcoll', ns: to });
  }
  batch.catalog({ o: 'ren', from, to });
  await batch.commit();
  return {};
};

// --- indexes --------------------------------------------------------------------------------------------

const ALLOWED_DIRECTIONS = new Set<unknown>([1, -1, 'text', 'hashed', '2d', '2dsphere']);

function normaliseSpec(raw: Document): IndexSpec {
  const key = asObject(raw.key, 'indexes.key');
  if (!key || Object.keys(key).length === 0) throw new ServerError(ErrorCodes.BadValue, "The 'key' field is a required property of an index specification");
  for (const [field, dir] of Object.entries(key)) {
    const d = typeof dir === 'number' ? Math.sign(dir) : dir;
    if (!ALLOWED_DIRECTIONS.has(d)) throw new ServerError(ErrorCodes.CannotCreateIndex, `Values in the index key pattern can only be numbers or strings, found ${JSON.stringify(dir)} for ${field}`);
    key[field] = d;
  }
  if (typeof raw.name !== 'string' || !raw.name) throw new ServerError(ErrorCodes.BadValue, "The 'name' field is a required property of an index specification");
  const { v: _v, key: _k, name: _n, ...options } = raw;
  const spec: IndexSpec = { v: 2, key: key as IndexSpec['key'], name: raw.name, ...options };
  if (spec.unique === false) delete spec.unique;
  return spec;
}

function sameKey(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a.key) === JSON.stringify(b.key);
}

export const createIndexes: Handler = async (ctx) => {
  const name = collectionName(ctx, 'createIndexes');
  const specs = ctx.cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0) throw new ServerError(ErrorCodes.BadValue, 'Must specify at least one index to create');
  const storage = ctx.engine.storage;
  const ns = `${ctx.db}.${name}`;
  if (storage.collection(ctx.db, name)?.isView) throw notOnView(ns);
  for (const spec of specs as Document[]) checkCollation(spec?.collation, 'indexes.collation');
  if (ctx.txn) {
    // mongod allows indexes in a transaction only on a collection the transaction creates, while it is empty.
    const existing = storage.collection(ctx.db, name);
    if (existing || ctx.txn.writes.get(ns)?.size) {
      throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, `Cannot create new indexes on existing collection ${ns} in a multi-document transaction.`);
    }
    const createdCollectionAutomatically = !ctx.txn.created.has(ns);
    const shadow = ctx.txn.createCollection(ctx.db, name);
    const before = shadow.indexes.size;
    addIndexes(shadow, specs as Document[], (spec) => shadow.addIndex(spec));
    return indexesReply(before, shadow.indexes.size, createdCollectionAutomatically);
  }
  const createdCollectionAutomatically = !storage.collection(ctx.db, name);
  const batch = storage.batch();
  const coll = batch.ensureCollection(ctx.db, name);
  const before = coll.indexes.size;
  try {
    addIndexes(coll, specs as Document[], (spec) => batch.catalog({ o: 'cidx', ns: coll.ns, spec }));
  } finally {
    await batch.commit();
  }
  return indexesReply(before, coll.indexes.size, createdCollectionAutomatically);
};

function indexesReply(before: number, after: number, createdCollectionAutomatically: boolean): Document {
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: after, createdCollectionAutomatically };
  if (after === before) reply.note = 'all indexes already exist';
  return reply;
}

/** Checks each requested index against the collection's and creates the new ones with `create`. */
function addIndexes(coll: Collection, specs: Document[], create: (spec: IndexSpec) => void): void {
  for (const raw of specs) {
    const spec = normaliseSpec({ name: indexName((raw.key ?? {}) as IndexSpec['key']), ...raw });
    const sameName = coll.indexes.get(spec.name);
    if (sameName) {
      if (!sameKey(sameName.spec, spec)) throw new ServerError(ErrorCodes.IndexKeySpecsConflict, `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
      if (Boolean(sameName.spec.unique) !== Boolean(spec.unique)) throw new ServerError(ErrorCodes.IndexOptionsConflict, `Index already exists with different options: ${spec.name}`);
      continue;
    }
    const sameKeyIndex = [...coll.indexes.values()].find((i) => sameKey(i.spec, spec));
    if (sameKeyIndex) throw new ServerError(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${sameKeyIndex.name}`);
    create(spec);
  }
}

export const listIndexes: Handler = (ctx) => {
  const coll = requireCollection(ctx, collectionName(ctx, 'listIndexes'));
  if (coll.isView) throw notOnView(coll.ns);
  const specs = [...coll.indexes.values()].map((i) => serialize(i.spec));
  const cursor = asObject(ctx.cmd.cursor, 'cursor');
  return firstBatchReply(ctx, coll.ns, specs[Symbol.iterator](), cursor?.batchSize as number | undefined);
};

export const dropIndexes: Handler = async (ctx) => {
  const coll = requireCollection(ctx, collectionName(ctx, 'dropIndexes'));
  const which = ctx.cmd.index;
  const nIndexesWas = coll.indexes.size;
  let names: string[];
  if (which === '*') names = [...coll.indexes.keys()].filter((n) => n !== '_id_');
  else if (Array.isArray(which)) names = which.map(String);
  else if (typeof which === 'string') names = [which];
  else if (which && typeof which === 'object') {
    const found = [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(which));
    if (!found) throw new ServerError(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(which)}`);
    names = [found.name];
  } else throw new ServerError(ErrorCodes.BadValue, "'index' must be a string, an object or an array");
  for (const n of names) {
    if (n === '_id_') throw new ServerError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw new ServerError(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
  }
  const batch = ctx.engine.storage.batch();
  for (const n of names) batch.catalog({ o: 'didx', ns: coll.ns, name: n });
  await batch.commit();
  return { nIndexesWas };
};

export const dbStats: Handler = (ctx) => {
  const colls = ctx.engine.storage.collections(ctx.db);
  const objects = colls.reduce((n, c) => n + c.docs.size, 0);
  const size = colls.reduce((n, c) => n + dataSize(c), 0);
  return { db: ctx.db, collections: colls.length, views: 0, objects, dataSize: size, storageSize: size, indexes: colls.reduce((n, c) => n + c.indexes.size, 0) };
};

export const collStats: Handler = (ctx) => {
  const coll = requireCollection(ctx, collectionName(ctx, 'collStats'));
  const size = dataSize(coll);
  return { ns: coll.ns, count: coll.docs.size, size, storageSize: size, nindexes: coll.indexes.size, avgObjSize: coll.docs.size ? size / coll.docs.size : 0 };
};
