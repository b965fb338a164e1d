// A multi-document transaction: its writes stay in a private overlay (invisible to everyone else) until
// commit, which checks that nobody changed the same documents meanwhile (else WriteConflict, a transient
// error the driver retries) and applies everything as one journal record.
import { Long } from 'bson';
import { ErrorCodes, ServerError } from '../errors.js';
import { compareValues } from '../storage/bson-order.js';
import { Collection, decode, duplicateKeyError, type Doc } from '../storage/collection.js';
import type { Storage } from '../storage/storage.js';
import { splitNs } from '../storage/storage.js';
import type { DocSource } from './doc-source.js';

interface PendingWrite {
  /** New bytes, or null for a delete. */
  raw: Uint8Array | null;
  /** The committed version when the transaction first touched the document (undefined: did not exist). */
  base: number | undefined;
  /** The new document's keys per unique index, kept so later writes compare without decoding it again. */
  uniqueKeys?: Map<string, unknown[][]>;
  /** Written by a replacement (for the change event). */
  replace?: boolean;
}

export function transientError(code: number, message: string): ServerError {
  return new ServerError(code, message, { errorLabels: ['TransientTransactionError'] });
}

export class Transaction {
  readonly writes = new Map<string, Map<string, PendingWrite>>();
  /**
   * Snapshot isolation: the committed bytes (or absence) of every document others changed since this
   * transaction started, keyed `ns\0id`. Reads see these instead of the newer committed versions.
   */
  readonly before = new Map<string, Uint8Array | undefined>();
  /**
   * Collections created inside the transaction (explicitly, by createIndexes or by a first write), with the
   * indexes made on them: invisible to others and created in storage only by the commit, gone on abort.
   */
  readonly created = new Map<string, Collection>();
  state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(
    readonly sessionKey: string,
    readonly txnNumber: number,
    /** The session id as the client sent it (change events of the commit carry it). */
    readonly lsid?: Doc,
  ) {}

  /** A collection created inside this transaction (see `created`); existing ones are for the caller to check. */
  createCollection(db: string, name: string, options: Doc = {}): Collection {
    const ns = `${db}.${name}`;
    let coll = this.created.get(ns);
    if (!coll) this.created.set(ns, (coll = new Collection(db, name, options)));
    return coll;
  }

  /** Called before any committed change to a document while this transaction is open. */
  noteChange(ns: string, id: string, previous: Uint8Array | undefined): void {
    const key = `${ns}\0${id}`;
    if (!this.before.has(key)) this.before.set(key, previous);
  }

  changedSinceSnapshot(ns: string, id: string): boolean {
    return this.before.has(`${ns}\0${id}`);
  }

  /**
   * What this transaction reads of a collection. The pending writes are looked up on each call, not when the
   * source is made: a statement must see the documents earlier statements of the same command wrote (two
   * inserts of one `_id` in one insertMany are a duplicate key, not an overwrite).
   */
  source(lookup: () => Collection | undefined, ns: string): DocSource {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const prefix = `${ns}\0`;
    const changed = () => [...this.before.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    const committed = () => lookup() ?? this.created.get(ns);
    return {
      get coll() {
        return committed();
      },
      get: (id) => {
        const w = this.writes.get(ns)?.get(id);
        if (w) return w.raw ?? undefined;
        const key = prefix + id;
        return this.before.has(key) ? this.before.get(key) : committed()?.docs.get(id);
      },
      // Documents changed since the snapshot may sit elsewhere in the indexes now: visit them too.
      overlayIds: () => [...(this.writes.get(ns)?.keys() ?? []), ...changed()],
      get hasOverlay() {
        return Boolean(self.writes.get(ns)?.size) || self.before.size > 0 && changed().length > 0;
      },
    };
  }

  /** Records a write; the duplicate-key check covers committed data and this transaction's own writes. */
  write(coll: Collection, id: string, raw: Uint8Array | null, doc: Doc | null, replace = false): void {
    let pending = this.writes.get(coll.ns);
    let uniqueKeys: Map<string, unknown[][]> | undefined;
    if (doc) {
      const dup = coll.checkUnique(doc, id, (other) => pending?.has(other) ?? false);
      if (dup) throw dup;
      const indexes = coll.uniqueIndexes();
      if (indexes.length) uniqueKeys = new Map(indexes.map((index) => [index.name, index.keysFor(doc)]));
      for (const [otherId, w] of uniqueKeys ? (pending ?? []) : []) {
        if (otherId === id || !w.raw) continue;
        for (const index of indexes) {
          const theirs = w.uniqueKeys?.get(index.name) ?? index.keysFor(decode(w.raw));
          const clash = uniqueKeys!.get(index.name)!.find((mine) => theirs.some((t) => sameTuple(mine, t)));
          if (clash) throw duplicateKeyError(coll.ns, index, clash);
        }
      }
    }
    if (!pending) this.writes.set(coll.ns, (pending = new Map()));
    const existing = pending.get(id);
    pending.set(id, { raw, base: existing ? existing.base : coll.docs.version(id), ...(uniqueKeys ? { uniqueKeys } : {}), ...(replace ? { replace } : {}) });
  }

  /** Applies the overlay to storage atomically; throws (applying nothing) on a conflict or duplicate key. */
  async commit(storage: Storage): Promise<void> {
    for (const ns of this.created.keys()) {
      // Someone else created the collection meanwhile: as in mongod, the transaction loses.
      if (storage.collection(...splitNs(ns))) throw transientError(ErrorCodes.WriteConflict, `WriteConflict error: collection ${ns} was created by another operation during this transaction`);
    }
    for (const [ns, pending] of this.writes) {
      if (this.created.has(ns)) continue;
      const [db, name] = splitNs(ns);
      const coll = storage.collection(db, name);
      for (const [id, w] of pending) {
        if (coll?.docs.version(id) !== w.base) {
          throw transientError(ErrorCodes.WriteConflict, 'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.');
        }
      }
    }
    const batch = storage.batch();
    if (this.lsid) batch.txn = { lsid: this.lsid, txnNumber: Long.fromNumber(this.txnNumber) };
    try {
      for (const shadow of this.created.values()) {
        const coll = batch.ensureCollection(shadow.db, shadow.name, shadow.options);
        for (const index of shadow.indexes.values()) if (index.name !== '_id_') batch.catalog({ o: 'cidx', ns: coll.ns, spec: index.spec });
      }
      for (const [ns, pending] of this.writes) {
        const [db, name] = splitNs(ns);
        const coll = batch.ensureCollection(db, name);
        for (const [id, w] of pending) {
          if (!w.raw) {
            batch.remove(coll, id);
            continue;
          }
          const doc = decode(w.raw);
          const dup = coll.checkUnique(doc, id);
          if (dup) throw dup;
          batch.put(coll, id, w.raw, doc, w.replace);
        }
      }
    } catch (error) {
      batch.rollback();
      throw error;
    }
    this.state = 'committed';
    await batch.commit();
  }
}

function sameTuple(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => compareValues(v, b[i]) === 0);
}
