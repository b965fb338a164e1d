// All databases and collections of the server, and the only way they change: a WriteBatch applies changes to
// memory as it goes and, on commit, appends them to the journal as one record (one fsync, group-committed
// with other clients' batches) before the client is acknowledged.
import { Binary, deserialize, serialize, Timestamp, UUID, type Document } from 'bson';
import { ChangeLog, type ChangeDraft, type ChangeRecord } from './change-log.js';
import { ClusterClock } from './cluster-clock.js';
import { Collection, decode, type Doc } from './collection.js';
import type { IndexSpec } from './collection-index.js';
import { idKey as idKeyOf } from './keys.js';
import { lockDbPath } from './dbpath-lock.js';
import { Journal, type JournalOptions } from './journal.js';

type Op =
  /** `r`: the put replaced the document whole (a replacement update), for change events. */
  | { o: 'put'; ns: string; d: Binary; r?: boolean }
  | { o: 'del'; ns: string; k: string }
  | { o: 'ccoll'; ns: string; opts: Document; uuid: UUID }
  | { o: 'dcoll'; ns: string }
  | { o: 'cidx'; ns: string; spec: IndexSpec }
  | { o: 'cmod'; ns: string; opts: Document }
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
  /**
   * Bytes of change history kept for change streams (mongod's oplog size). Default: 32 MiB, or a quarter of
   * compactBytes when that is smaller, since every snapshot holds the history and the data directory should
   * stay about as small as the journal bound asks.
   */
  changeLogBytes?: number;
}

const DEFAULT_CHANGE_LOG_BYTES = 32 * 1024 * 1024;
const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

/** A copy that pins nothing: documents in storage are views into 1 MiB slabs, sent ones into messages. */
function copyBytes(view: Uint8Array): Uint8Array {
  return Buffer.from(view);
}

/** How many cluster times a batch takes: one per change, or one for a whole transaction. */
function timesOf(drafts: ChangeDraft[], txn: ChangeRecord['txn'] | undefined): number {
  return txn ? 1 : Math.max(1, drafts.length);
}

function keepsImages(coll: Collection): boolean {
  return (coll.options.changeStreamPreAndPostImages as { enabled?: boolean } | undefined)?.enabled === true;
}

export class Storage {
  readonly dbs = new Map<string, Map<string, Collection>>();
  readonly clock = new ClusterClock();
  changes: ChangeLog = new ChangeLog(DEFAULT_CHANGE_LOG_BYTES);
  /** Told of every document change before it happens (transactions keep their snapshot with it). */
  onDocumentChange?: (ns: string, id: string, previous: Uint8Array | undefined) => void;
  private journal?: Journal;
  private compacting?: Promise<void>;
  private unlock?: () => void;

  static async open(options: StorageOptions = {}): Promise<Storage> {
    const storage = new Storage();
    storage.changes = new ChangeLog(options.changeLogBytes ?? Math.min(DEFAULT_CHANGE_LOG_BYTES, (options.compactBytes ?? DEFAULT_COMPACT_BYTES) / 4));
    if (options.dbPath) {
      storage.unlock = lockDbPath(options.dbPath);
      storage.journal = await Journal.open(
        options.dbPath,
        {
          onSnapshotEntry: (entry) => storage.applySnapshotEntry(entry),
          onRecord: (record) => {
            const { ops, ts, w, txn } = deserialize(record) as { ops: Op[]; ts?: Timestamp; w?: Date; txn?: ChangeRecord['txn'] };
            const drafts: ChangeDraft[] = [];
            for (const op of ops) storage.apply(op, undefined, drafts);
            // Records written before the journal kept times get one now.
            const time = ts ?? storage.clock.tick(timesOf(drafts, txn));
            storage.clock.observe(new Timestamp({ t: time.high >>> 0, i: (time.low >>> 0) + timesOf(drafts, txn) - 1 }));
            storage.changes.append(drafts, time, w?.getTime() ?? Date.now(), txn);
          },
        },
        options,
      );
    }
    storage.changes.markVisible(storage.clock.now);
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

  /**
   * Applies one change to memory. Used for live writes (through WriteBatch) and for recovery; either way the
   * change events it makes go to `changes`, so replaying the journal rebuilds the change history.
   */
  apply(op: Op, decoded?: Doc, changes?: ChangeDraft[], oldDecoded?: Doc): void {
    switch (op.o) {
      case 'put': {
        const coll = this.requireCollection(op.ns);
        const raw = op.d.buffer;
        const doc = decoded ?? decode(raw);
        const id = idOf(doc);
        const old = coll.docs.get(id);
        changes?.push({ op: old ? (op.r ? 'replace' : 'update') : 'insert', ns: op.ns, ...(old ? { pre: copyBytes(old) } : {}), post: copyBytes(raw), images: keepsImages(coll) });
        coll.put(id, raw, doc, old ? (oldDecoded ?? decode(old)) : undefined);
        break;
      }
      case 'del': {
        const coll = this.requireCollection(op.ns);
        const old = coll.docs.get(op.k);
        if (old) changes?.push({ op: 'delete', ns: op.ns, pre: copyBytes(old), images: keepsImages(coll) });
        coll.remove(op.k);
        break;
      }
      case 'ccoll': {
        const [db, name] = splitNs(op.ns);
        if (!this.dbs.has(db)) this.dbs.set(db, new Map());
        this.dbs.get(db)!.set(name, new Collection(db, name, op.opts, op.uuid));
        changes?.push({ op: 'create', ns: op.ns, detail: op.opts });
        break;
      }
      case 'dcoll': {
        const [db, name] = splitNs(op.ns);
        if (this.dbs.get(db)?.has(name)) changes?.push({ op: 'drop', ns: op.ns });
        this.dbs.get(db)?.delete(name);
        if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
        break;
      }
      case 'cidx':
        this.requireCollection(op.ns).addIndex(op.spec);
        changes?.push({ op: 'createIndexes', ns: op.ns, detail: { indexes: [op.spec] } });
        break;
      case 'didx':
        this.requireCollection(op.ns).indexes.delete(op.name);
        changes?.push({ op: 'dropIndexes', ns: op.ns, detail: { indexes: [{ name: op.name }] } });
        break;
      case 'cmod': {
        const coll = this.requireCollection(op.ns);
        for (const key of Object.keys(coll.options)) delete coll.options[key];
        Object.assign(coll.options, op.opts);
        changes?.push({ op: 'modify', ns: op.ns, detail: op.opts });
        break;
      }
      case 'ddb':
        for (const coll of this.dbs.get(op.db)?.values() ?? []) changes?.push({ op: 'drop', ns: coll.ns });
        if (this.dbs.has(op.db)) changes?.push({ op: 'dropDatabase', ns: op.db });
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
        moved.bytes = coll.bytes;
        if (!this.dbs.has(toDb)) this.dbs.set(toDb, new Map());
        this.dbs.get(toDb)!.set(toName, moved);
        changes?.push({ op: 'rename', ns: op.from, to: op.to });
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
      const op = deserialize(entry);
      if (op.o === 'clock') this.clock.observe(op.ts as Timestamp);
      else if (!this.changes.restoreEntry(op)) this.apply(op as Op);
    }
  }

  private requireCollection(ns: string): Collection {
    const [db, name] = splitNs(ns);
    const coll = this.collection(db, name);
    if (!coll) throw new Error(`storage: no collection ${ns}`);
    return coll;
  }

  /**
   * Makes a batch durable: one journal record with its cluster time, resolved after fsync; then its
   * changes become visible to change streams.
   */
  async persist(ops: Op[], drafts: ChangeDraft[] = [], txn?: ChangeRecord['txn']): Promise<void> {
    if (ops.length === 0) return;
    const times = timesOf(drafts, txn);
    const ts = this.clock.tick(times);
    const last = new Timestamp({ t: ts.high >>> 0, i: (ts.low >>> 0) + times - 1 });
    const wall = new Date();
    this.changes.append(drafts, ts, wall.getTime(), txn);
    if (this.journal) {
      await this.journal.append(serialize({ ops, ts, w: wall, ...(txn ? { txn } : {}) }));
      if (this.journal.shouldCompact() && !this.compacting) {
        this.compacting = this.journal.compact(this.snapshotEntries()).finally(() => (this.compacting = undefined));
      }
    }
    this.changes.markVisible(last);
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
    // The change history and the clock as of now too: the journal they were rebuilt from goes.
    const history = [serialize({ o: 'clock', ts: this.clock.now }), ...this.changes.snapshotEntries()];
    return (function* () {
      for (const c of frozen) {
        yield serialize({ o: 'ccoll', ns: c.ns, opts: c.opts, uuid: c.uuid });
        // Indexes first, so recovery decodes each document once and adds it to every index then.
        for (const spec of c.specs) yield serialize({ o: 'cidx', ns: c.ns, spec });
        for (const raw of c.raws) yield encodeSnapshotPut(c.ns, raw);
      }
      yield* history;
    })();
  }

  async close(): Promise<void> {
    this.changes.close();
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
  private readonly drafts: ChangeDraft[] = [];
  /** The transaction whose commit this batch is (its change events name it). */
  txn?: ChangeRecord['txn'];
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

  /**
   * Inserts or rewrites a document; `replace` says a replacement wrote it (a 'replace' change event);
   * `oldDoc`, when the caller has it, is the stored version decoded (saves decoding it again for the indexes).
   */
  put(coll: Collection, id: string, raw: Uint8Array, doc: Doc, replace = false, oldDoc?: Doc): void {
    const previous = coll.docs.get(id);
    this.storage.onDocumentChange?.(coll.ns, id, previous);
    this.record({ o: 'put', ns: coll.ns, d: new Binary(raw), ...(replace ? { r: true } : {}) }, () => this.restore(coll, id, previous), doc, oldDoc);
  }

  remove(coll: Collection, id: string): void {
    const previous = coll.docs.get(id);
    if (!previous) return;
    this.storage.onDocumentChange?.(coll.ns, id, previous);
    this.record({ o: 'del', ns: coll.ns, k: id }, () => this.restore(coll, id, previous));
  }

  /** Catalog changes (indexes, drops, renames) are not undoable; they never happen inside a transaction. */
  catalog(op: Op): void {
    this.storage.apply(op, undefined, this.drafts);
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

  private record(op: Op, undo: () => void, decoded?: Doc, oldDecoded?: Doc): void {
    this.storage.apply(op, decoded, this.drafts, oldDecoded);
    this.ops.push(op);
    this.undo.push(undo);
  }

  rollback(): void {
    for (const undo of this.undo.reverse()) undo();
    this.ops.length = 0;
    this.undo.length = 0;
    this.drafts.length = 0;
  }

  commit(): Promise<void> {
    return this.storage.persist(this.ops, this.drafts, this.txn);
  }
}

export type { Op };
