// All databases and collections of the server, and the only way they change: a WriteBatch applies changes to
// memory as it goes and, on commit, appends them to the journal as one record (one fsync, group-committed
// with other clients' batches) before the client is acknowledged.
import { Binary, deserialize, serialize, UUID, type Document } from 'bson';
import { Collection, decode, type Doc } from './collection.js';
import type { IndexSpec } from './collection-index.js';
import { idKey as idKeyOf } from './keys.js';
import { lockDbPath } from './dbpath-lock.js';
import { Journal, type JournalOptions } from './journal.js';

type Op =
  | { o: 'put'; ns: string; d: Binary }
  | { o: 'del'; ns: string; k: string }
  | { o: 'ccoll'; ns: string; opts: Document; uuid: UUID }
  | { o: 'dcoll'; ns: string }
  | { o: 'cidx'; ns: string; spec: IndexSpec }
  | { o: 'didx'; ns: string; name: string }
  | { o: 'ddb'; db: string }
  | { o: 'ren'; from: string; to: string };

export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

export interface StorageOptions extends JournalOptions {
  /** Where data lives; without it the server keeps everything in memory only. */
  dbPath?: string;
}

export class Storage {
  readonly dbs = new Map<string, Map<string, Collection>>();
  /** Told of every document change before it happens (transactions keep their snapshot with it). */
  onDocumentChange?: (ns: string, id: string, previous: Uint8Array | undefined) => void;
  private journal?: Journal;
  private compacting?: Promise<void>;
  private unlock?: () => void;

  static async open(options: StorageOptions = {}): Promise<Storage> {
    const storage = new Storage();
    if (options.dbPath) {
      storage.unlock = lockDbPath(options.dbPath);
      storage.journal = await Journal.open(
        options.dbPath,
        {
          onSnapshotEntry: (entry) => storage.applySnapshotEntry(entry),
          onRecord: (record) => {
            for (const op of (deserialize(record) as { ops: Op[] }).ops) storage.apply(op);
          },
        },
        options,
      );
    }
    return storage;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  batch(): WriteBatch {
    return new WriteBatch(this);
  }

  /** Applies one change to memory. Used for live writes (through WriteBatch) and for recovery. */
  apply(op: Op, decoded?: Doc): void {
    switch (op.o) {
      case 'put': {
        const coll = this.requireCollection(op.ns);
        const raw = op.d.buffer;
        const doc = decoded ?? decode(raw);
        const id = idOf(doc);
        const old = coll.docs.get(id);
        coll.put(id, raw, doc, old ? decode(old) : undefined);
        break;
      }
      case 'del':
        this.requireCollection(op.ns).remove(op.k);
        break;
      case 'ccoll': {
        const [db, name] = splitNs(op.ns);
        if (!this.dbs.has(db)) this.dbs.set(db, new Map());
        this.dbs.get(db)!.set(name, new Collection(db, name, op.opts, op.uuid));
        break;
      }
      case 'dcoll': {
        const [db, name] = splitNs(op.ns);
        this.dbs.get(db)?.delete(name);
        if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
        break;
      }
      case 'cidx':
        this.requireCollection(op.ns).addIndex(op.spec);
        break;
      case 'didx':
        this.requireCollection(op.ns).indexes.delete(op.name);
        break;
      case 'ddb':
        this.dbs.delete(op.db);
        break;
      case 'ren': {
        const coll = this.requireCollection(op.from);
        const [fromDb, fromName] = splitNs(op.from);
        const [toDb, toName] = splitNs(op.to);
        this.dbs.get(fromDb)!.delete(fromName);
        if (this.dbs.get(fromDb)!.size === 0) this.dbs.delete(fromDb);
        const moved = new Collection(toDb, toName, coll.options, coll.uuid);
        for (const [name, index] of coll.indexes) moved.indexes.set(name, index);
        for (const [id, raw] of coll.docs) moved.docs.set(id, raw);
        if (!this.dbs.has(toDb)) this.dbs.set(toDb, new Map());
        this.dbs.get(toDb)!.set(toName, moved);
        break;
      }
    }
  }

  applySnapshotEntry(entry: Uint8Array): void {
    const put = decodeSnapshotPut(entry);
    if (put) {
      const coll = this.requireCollection(put.ns);
      const raw = put.raw;
      const doc = decode(raw);
      coll.put(idOf(doc), raw, doc);
    } else {
      this.apply(deserialize(entry) as Op);
    }
  }

  private requireCollection(ns: string): Collection {
    const [db, name] = splitNs(ns);
    const coll = this.collection(db, name);
    if (!coll) throw new Error(`storage: no collection ${ns}`);
    return coll;
  }

  /** Makes a batch durable: one journal record, resolved after fsync. */
  async persist(ops: Op[]): Promise<void> {
    if (!this.journal || ops.length === 0) return;
    await this.journal.append(serialize({ ops }));
    if (this.journal.shouldCompact() && !this.compacting) {
      this.compacting = this.journal.compact(this.snapshotEntries()).finally(() => (this.compacting = undefined));
    }
  }

  /**
   * The state as of now, as journal ops. The collections and document references are copied at once (so
   * writes after this call do not leak into the snapshot); the bytes are encoded lazily as the journal
   * writes them.
   */
  private snapshotEntries(): Iterable<Uint8Array> {
    const frozen = [...this.dbs.values()].flatMap((colls) =>
      [...colls.values()].map((c) => ({
        ns: c.ns,
        uuid: c.uuid,
        opts: c.options,
        specs: [...c.indexes.values()].map((i) => i.spec).filter((s) => s.name !== '_id_'),
        raws: [...c.docs.values()],
      })),
    );
    return (function* () {
      for (const c of frozen) {
        yield serialize({ o: 'ccoll', ns: c.ns, opts: c.opts, uuid: c.uuid });
        // Indexes first, so recovery decodes each document once and adds it to every index then.
        for (const spec of c.specs) yield serialize({ o: 'cidx', ns: c.ns, spec });
        for (const raw of c.raws) yield encodeSnapshotPut(c.ns, raw);
      }
    })();
  }

  async close(): Promise<void> {
    await this.compacting;
    await this.journal?.close();
    this.unlock?.();
  }
}

/**
 * Snapshot entries for documents skip the BSON op wrapper (recovery of a million documents spends its time
 * there otherwise): a length of -1, which no BSON document has, then the namespace and the document bytes.
 */
const PUT_MARKER = 0xffffffff;

function encodeSnapshotPut(ns: string, raw: Uint8Array): Uint8Array {
  const name = Buffer.from(ns, 'utf8');
  const out = Buffer.allocUnsafe(6 + name.length + raw.byteLength);
  out.writeUInt32LE(PUT_MARKER, 0);
  out.writeUInt16LE(name.length, 4);
  name.copy(out, 6);
  out.set(raw, 6 + name.length);
  return out;
}

function decodeSnapshotPut(entry: Uint8Array): { ns: string; raw: Uint8Array } | undefined {
  const view = Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength);
  if (view.length < 6 || view.readUInt32LE(0) !== PUT_MARKER) return undefined;
  const nameLength = view.readUInt16LE(4);
  return { ns: view.toString('utf8', 6, 6 + nameLength), raw: view.subarray(6 + nameLength) };
}

export function idOf(doc: Doc): string {
  return idKeyOf(doc._id);
}

/**
 * Changes applied to memory as they are made, recorded for the journal, and undoable until persisted (a
 * transaction whose commit hits a duplicate key halfway undoes what it had applied).
 */
export class WriteBatch {
  private readonly ops: Op[] = [];
  private readonly undo: (() => void)[] = [];
  constructor(private readonly storage: Storage) {}

  get size(): number {
    return this.ops.length;
  }

  /** The collection, created (and journaled) if it does not exist yet, as mongod does on first write. */
  ensureCollection(db: string, name: string, options: Document = {}): Collection {
    const existing = this.storage.collection(db, name);
    if (existing) return existing;
    this.record({ o: 'ccoll', ns: `${db}.${name}`, opts: options, uuid: new UUID() }, () =>
      this.storage.dbs.get(db)?.delete(name),
    );
    return this.storage.collection(db, name)!;
  }

  put(coll: Collection, id: string, raw: Uint8Array, doc: Doc): void {
    const previous = coll.docs.get(id);
    this.storage.onDocumentChange?.(coll.ns, id, previous);
    this.record({ o: 'put', ns: coll.ns, d: new Binary(raw) }, () => this.restore(coll, id, previous), doc);
  }

  remove(coll: Collection, id: string): void {
    const previous = coll.docs.get(id);
    if (!previous) return;
    this.storage.onDocumentChange?.(coll.ns, id, previous);
    this.record({ o: 'del', ns: coll.ns, k: id }, () => this.restore(coll, id, previous));
  }

  /** Catalog changes (indexes, drops, renames) are not undoable; they never happen inside a transaction. */
  catalog(op: Op): void {
    this.storage.apply(op);
    this.ops.push(op);
  }

  private restore(coll: Collection, id: string, previous: Uint8Array | undefined): void {
    if (previous) {
      const current = coll.docs.get(id);
      coll.put(id, previous, decode(previous), current ? decode(current) : undefined);
    } else {
      coll.remove(id);
    }
  }

  private record(op: Op, undo: () => void, decoded?: Doc): void {
    this.storage.apply(op, decoded);
    this.ops.push(op);
    this.undo.push(undo);
  }

  rollback(): void {
    for (const undo of this.undo.reverse()) undo();
    this.ops.length = 0;
    this.undo.length = 0;
  }

  commit(): Promise<void> {
    return this.storage.persist(this.ops);
  }
}

export type { Op };
