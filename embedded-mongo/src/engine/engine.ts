// The server's state besides the data itself: open cursors, sessions with their transactions, document
// locks held by transactions, and the TTL monitor. Commands reach documents only through `source` (reads)
// and `writer` (writes), which route through the caller's transaction when there is one.
import { ErrorCodes, ServerError } from '../errors.js';
import { decode, type Collection, type Doc } from '../storage/collection.js';
import { valuesAtPath } from '../storage/keys.js';
import type { Storage, WriteBatch } from '../storage/storage.js';
import type { ChangeStream } from './change-stream.js';
import { committedSource, type DocSource } from './doc-source.js';
import { validateWrite } from './validation.js';
import { Transaction, transientError } from './transaction.js';

export interface OpenCursor {
  id: number;
  ns: string;
  docs: Iterator<Uint8Array>;
  sessionKey?: string;
  /** Set for a change stream's cursor: getMore waits for its next events instead of reading `docs`. */
  stream?: ChangeStream;
}

/** Writes of one command: straight to storage (journaled on finish) or into the caller's transaction. */
export interface Writer {
  source: DocSource;
  /** The collection, created if missing (mongod creates collections on first write). */
  collection(): Collection;
  /**
   * `replace`: a replacement wrote the document (its change event is a 'replace', not an 'update');
   * `oldDoc`: the version it replaces, decoded, when the caller has it.
   */
  put(id: string, raw: Uint8Array, doc: Doc, replace?: boolean, oldDoc?: Doc): void;
  remove(id: string): void;
  /** Resolves once the writes are durable (no-op inside a transaction: commit makes them durable). */
  finish(): Promise<void>;
  /** Undoes what this writer applied (before finish), when the command must wait and run again. */
  undo(): void;
}

export interface WriterOptions {
  /** bypassDocumentValidation: the collection's validator is not applied. */
  bypassValidation?: boolean;
}

/** A capped collection drops its oldest documents (insertion order) to stay within `max` and `size`. */
function trimCapped(batch: WriteBatch, coll: Collection, inserted: string): void {
  const max = typeof coll.options.max === 'number' ? coll.options.max : Infinity;
  const size = coll.options.size as number;
  for (const id of coll.docs.keys()) {
    if (coll.docs.size <= max && coll.bytes <= size) break;
    if (id !== inserted) batch.remove(coll, id);
  }
}

/**
 * A plain write reached a document an open transaction has written: mongod makes it wait for the
 * transaction to end and retries it; so does the dispatcher on this error.
 */
export class DocumentLocked extends Error {
  constructor(readonly key: string) {
    super(`document ${key} is locked by an open transaction`);
  }
}

export class Engine {
  private readonly cursors = new Map<number, OpenCursor>();
  private nextCursorId = Math.floor(Math.random() * 1e9) + 1;
  private readonly transactions = new Map<string, Transaction>();
  /** Which open transaction has written a document (`ns\0id`): a second writer gets a WriteConflict. */
  private readonly locks = new Map<string, Transaction>();
  /** Plain writes waiting for a transaction to release a document. */
  private readonly lockWaiters = new Map<string, (() => void)[]>();
  /** The last retryable write (txnNumber and reply) of each session, so a retried write is applied once. */
  private readonly retryable = new Map<string, { txnNumber: number; reply: Uint8Array }>();
  private ttlTimer?: NodeJS.Timeout;
  /** Common aggregation shapes run compiled (engine/aggregation/); false sends every pipeline to mingo. */
  compiledAggregation = true;
  /** Set by close(): waiting change-stream getMores answer at once. */
  closed = false;

  constructor(readonly storage: Storage) {
    storage.onDocumentChange = (ns, id, previous) => {
      for (const txn of this.transactions.values()) if (txn.state === 'open') txn.noteChange(ns, id, previous);
    };
  }

  source(db: string, name: string, txn?: Transaction): DocSource {
    const lookup = () => this.storage.collection(db, name);
    return txn ? txn.source(lookup, `${db}.${name}`) : committedSource(lookup);
  }

  writer(db: string, name: string, txn?: Transaction, options: WriterOptions = {}): Writer {
    const storage = this.storage;
    const existing = storage.collection(db, name);
    if (existing?.isView) throw new ServerError(ErrorCodes.CommandNotSupportedOnView, `Namespace ${existing.ns} is a view, not a collection`);
    const validation = { bypass: options.bypassValidation === true, log: (m: string) => console.error(`[embedded-mongo] ${m}`) };
    if (!txn) {
      let batch: WriteBatch | undefined;
      const open = () => (batch ??= storage.batch());
      return {
        source: this.source(db, name),
        collection: () => open().ensureCollection(db, name),
        put: (id, raw, doc, replace, oldDoc) => {
          const coll = open().ensureCollection(db, name);
          this.checkUnlocked(coll.ns, id);
          const previous = coll.docs.get(id);
          validateWrite(coll, raw, doc, previous, validation);
          const dup = coll.checkUnique(doc, id);
          if (dup) throw dup;
          batch!.put(coll, id, raw, doc, replace, previous ? oldDoc : undefined);
          if (coll.options.capped && !previous) trimCapped(batch!, coll, id);
        },
        remove: (id) => {
          const coll = storage.collection(db, name);
          if (!coll) return;
          this.checkUnlocked(coll.ns, id);
          open().remove(coll, id);
        },
        finish: async () => batch?.commit(),
        undo: () => batch?.rollback(),
      };
    }
    if (existing?.options.capped) {
      throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, `Collection '${existing.ns}' is a capped collection. Writes in transactions are not allowed on capped collections.`);
    }
    const ensure = () => this.storage.collection(db, name) ?? txn.createCollection(db, name);
    const source = this.source(db, name, txn);
    return {
      source,
      collection: ensure,
      put: (id, raw, doc, replace) => {
        const coll = ensure();
        this.lock(txn, coll.ns, id);
        validateWrite(coll, raw, doc, source.get(id), validation);
        txn.write(coll, id, raw, doc, replace);
      },
      remove: (id) => {
        const coll = ensure();
        this.lock(txn, coll.ns, id);
        txn.write(coll, id, null, null);
      },
      finish: async () => {},
      undo: () => {},
    };
  }

  private checkUnlocked(ns: string, id: string): void {
    const key = `${ns}\0${id}`;
    if (this.locks.get(key)?.state === 'open') throw new DocumentLocked(key);
  }

  /** Resolves when the document is no longer locked by a transaction (or after `timeoutMs`). */
  waitForUnlock(key: string, timeoutMs: number): Promise<boolean> {
    if (this.locks.get(key)?.state !== 'open') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const waiters = this.lockWaiters.get(key) ?? [];
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.lockWaiters.set(key, waiters);
    });
  }

  retriedWrite(lsid: unknown, txnNumber: number): Uint8Array | undefined {
    const last = this.retryable.get(sessionKeyOf(lsid));
    return last && last.txnNumber === txnNumber ? last.reply : undefined;
  }

  rememberWrite(lsid: unknown, txnNumber: number, reply: Uint8Array): void {
    this.retryable.set(sessionKeyOf(lsid), { txnNumber, reply });
  }

  private lock(txn: Transaction, ns: string, id: string): void {
    const key = `${ns}\0${id}`;
    const holder = this.locks.get(key);
    const lockedByOther = holder && holder !== txn && holder.state === 'open';
    // Writing a document someone committed a change to after our snapshot would lose their update.
    const staleSnapshot = holder !== txn && txn.changedSinceSnapshot(ns, id);
    if (lockedByOther || staleSnapshot) {
      this.endTransaction(txn);
      throw transientError(ErrorCodes.WriteConflict, 'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.');
    }
    this.locks.set(key, txn);
  }

  // --- transactions -------------------------------------------------------------------------------------

  /** The transaction a command runs in, starting it when the command says startTransaction. */
  transactionFor(cmd: Doc): Transaction | undefined {
    if (cmd.autocommit !== false || !cmd.lsid) return undefined;
    const sessionKey = sessionKeyOf(cmd.lsid);
    const txnNumber = Number(cmd.txnNumber);
    const current = this.transactions.get(sessionKey);
    if (cmd.startTransaction) {
      if (current && current.state === 'open') this.endTransaction(current);
      const txn = new Transaction(sessionKey, txnNumber, cmd.lsid as Doc);
      this.transactions.set(sessionKey, txn);
      return txn;
    }
    if (!current || current.txnNumber !== txnNumber || current.state !== 'open') {
      throw transientError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    return current;
  }

  async commitTransaction(cmd: Doc): Promise<void> {
    const sessionKey = sessionKeyOf(cmd.lsid);
    const txnNumber = Number(cmd.txnNumber);
    const txn = this.transactions.get(sessionKey);
    if (txn && txn.txnNumber === txnNumber && txn.state === 'committed') return; // a retried commit
    if (!txn || txn.txnNumber !== txnNumber || txn.state !== 'open') {
      throw transientError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    try {
      await txn.commit(this.storage);
    } catch (error) {
      txn.state = 'aborted';
      throw error;
    } finally {
      this.releaseLocks(txn);
    }
  }

  abortTransaction(cmd: Doc): void {
    const txn = this.transactions.get(sessionKeyOf(cmd.lsid));
    if (!txn || txn.txnNumber !== Number(cmd.txnNumber) || txn.state !== 'open') {
      throw new ServerError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${Number(cmd.txnNumber)} } has been aborted.`);
    }
    this.endTransaction(txn);
  }

  /** Aborts a transaction (an error inside a transaction aborts it, as in mongod). */
  endTransaction(txn: Transaction): void {
    if (txn.state === 'open') txn.state = 'aborted';
    this.releaseLocks(txn);
  }

  private releaseLocks(txn: Transaction): void {
    for (const [ns, pending] of txn.writes) {
      for (const id of pending.keys()) {
        const key = `${ns}\0${id}`;
        if (this.locks.get(key) !== txn) continue;
        this.locks.delete(key);
        for (const wake of this.lockWaiters.get(key) ?? []) wake();
        this.lockWaiters.delete(key);
      }
    }
  }

  endSessions(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKeyOf(lsid);
      const txn = this.transactions.get(key);
      if (txn) this.endTransaction(txn);
      this.transactions.delete(key);
      this.retryable.delete(key);
      for (const [id, cursor] of this.cursors) if (cursor.sessionKey === key) this.cursors.delete(id);
    }
  }

  // --- cursors ------------------------------------------------------------------------------------------

  openCursor(ns: string, docs: Iterator<Uint8Array>, lsid?: unknown, stream?: ChangeStream): OpenCursor {
    const cursor: OpenCursor = { id: this.nextCursorId++, ns, docs, sessionKey: lsid ? sessionKeyOf(lsid) : undefined, ...(stream ? { stream } : {}) };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  cursor(id: number): OpenCursor | undefined {
    return this.cursors.get(id);
  }

  closeCursor(id: number): boolean {
    return this.cursors.delete(id);
  }

  // --- TTL ----------------------------------------------------------------------------------------------

  startTtlMonitor(everySeconds: number): void {
    this.ttlTimer = setInterval(() => void this.expireDocuments().catch(() => {}), everySeconds * 1000);
    this.ttlTimer.unref();
  }

  /** Deletes documents whose TTL-indexed date (the earliest, for arrays) is older than the index allows. */
  async expireDocuments(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const colls of this.storage.dbs.values()) {
      for (const coll of colls.values()) {
        for (const index of coll.indexes.values()) {
          const ttl = index.spec.expireAfterSeconds;
          if (typeof ttl !== 'number' || index.fields.length !== 1) continue;
          const cutoff = new Date(now - ttl * 1000);
          const field = index.fields[0];
          // Candidates: entries with a date up to the cutoff. A document expires when its earliest date does.
          const candidates = new Set(index.scan([], { low: { value: new Date(-8.64e15), inclusive: true }, high: { value: cutoff, inclusive: true } }));
          const expired = [...candidates].filter((id) => {
            const raw = coll.docs.get(id);
            const dates = raw ? valuesAtPath(decode(raw), field).filter((v): v is Date => v instanceof Date) : [];
            return dates.length > 0 && Math.min(...dates.map((d) => d.getTime())) <= cutoff.getTime();
          });
          if (expired.length === 0) continue;
          const batch = this.storage.batch();
          for (const id of expired) batch.remove(coll, id);
          removed += expired.length;
          await batch.commit();
        }
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.storage.changes.close();
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    this.cursors.clear();
    await this.storage.close();
  }
}

export function sessionKeyOf(lsid: unknown): string {
  const id = (lsid as { id?: { toString(enc: string): string; buffer?: Uint8Array } })?.id;
  if (id?.buffer) return Buffer.from(id.buffer).toString('hex');
  return JSON.stringify(lsid);
}
