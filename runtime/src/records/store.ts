import { randomUUID } from 'node:crypto';
import type { ClientSession, Collection, Document, Filter, FindOptions, UpdateFilter } from 'mongodb';
import { insertKeepingDuplicates } from '../db/duplicate-key.js';
import { withLogEntry } from './oplog-entry.js';
import type { OplogAction, OplogDetail, OplogDoc } from './oplog.js';
import type { RecordDoc } from './record-doc.js';
import type { FieldChange } from './write-values.js';

/** A record as other capabilities handle it inside the server; it leaves the server only through `json`. */
export type StoredRecord = Omit<RecordDoc, 'pendingLog' | 'logPending'>;
export type RecordFilter = Filter<StoredRecord>;
/** Who owns a record, or which pool it waits in, and since when (plus a pending lost/invalid verdict). */
export type Ownership = Pick<RecordDoc, 'ownerId' | 'poolKey' | 'fromPool' | 'ownedSince' | 'followedUpAt' | 'request'>;
export type { FieldChange, OplogAction, OplogDetail };

/** Who makes a change: a person, or the system (recycling, distribution). */
export interface Actor {
  id: string;
  name: string;
}

/**
 * One change to one record as it was read, written with its log entry in the same single-document write
 * (see oplog-entry.ts) and matched on the version read, so a record that changed meanwhile is left alone.
 */
export interface LoggedChange {
  record: Pick<StoredRecord, '_id' | 'version'>;
  action: OplogAction;
  by: Actor;
  at: Date;
  /** Values set, each logged with its value before. */
  changes?: FieldChange[];
  /** System fields set: ownership, a pending request. */
  set?: Partial<Ownership>;
  detail?: OplogDetail;
  /** What the record must still match besides its version (its owner, a rule's due condition). */
  match?: RecordFilter;
}

type Session = { session?: ClientSession | undefined };
const inSession = (o: Session) => (o.session ? { session: o.session } : {});

/**
 * The records of one entity for the system actor: jobs (recycling, distribution, imports, template installs)
 * and checks that read beyond any one person's scope (caps, pools). Nothing read here leaves the server as
 * is: answers go through RecordsService.json, which masks. Every change of a record goes through `write`,
 * so it carries its log entry and its version bump.
 */
export class RecordStore {
  constructor(private readonly collection: Collection<RecordDoc>, readonly entity: string) {}

  find(filter: RecordFilter, options: FindOptions & Session = {}): Promise<StoredRecord[]> {
    return this.collection.find(filter as Filter<RecordDoc>, options).toArray();
  }

  findOne(filter: RecordFilter, options: FindOptions & Session = {}): Promise<StoredRecord | null> {
    return this.collection.findOne(filter as Filter<RecordDoc>, options);
  }

  count(filter: RecordFilter, options: Session = {}): Promise<number> {
    return this.collection.countDocuments(filter as Filter<RecordDoc>, inSession(options));
  }

  aggregate<T extends Document>(pipeline: Document[], options: Session = {}): Promise<T[]> {
    return this.collection.aggregate<T>(pipeline, inSession(options)).toArray();
  }

  /** The change, if the record still matches: the record after it, or null. */
  async write(change: LoggedChange, options: Session = {}): Promise<StoredRecord | null> {
    const { filter, update } = this.writeOf(change);
    return this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after', projection: { pendingLog: 0 }, ...inSession(options) });
  }

  /** Many changes in one round trip; ordered stops at the first error. */
  async writeMany(changes: LoggedChange[], options: Session & { ordered: boolean }): Promise<{ matched: number; modified: number }> {
    const result = await this.collection.bulkWrite(changes.map((c) => ({ updateOne: this.writeOf(c) })), { ordered: options.ordered, ...inSession(options) });
    return { matched: result.matchedCount, modified: result.modifiedCount };
  }

  /**
   * New records (an import's chunk), unordered: every good one goes in; the ones a unique index refuses come
   * back by their index, with the server's message (which names the index). No log entry: the log reads a
   * create from the record itself (see oplog.ts).
   */
  insertUnordered(docs: StoredRecord[]): Promise<Map<number, string>> {
    return insertKeepingDuplicates(this.collection, docs);
  }

  /** A record by its stable id, unless it exists already (a template installed twice): true when inserted. */
  async insertIfMissing(doc: StoredRecord): Promise<boolean> {
    const { _id, ...rest } = doc;
    const result = await this.collection.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true });
    return result.upsertedCount > 0;
  }

  /**
   * The owner worked on the record (a call's disposition): restarts the "not followed up" clock. One
   * conditional update (a record that changed hands meanwhile is left alone); a system field, so no log entry.
   */
  async followedUp(id: string, ownerId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: id, ownerId, deletedAt: null }, { $set: { followedUpAt: at } });
  }

  private writeOf(c: LoggedChange): { filter: Filter<RecordDoc>; update: UpdateFilter<RecordDoc> } {
    const set: Record<string, unknown> = { ...c.set, updatedAt: c.at, updatedBy: c.by.id };
    for (const change of c.changes ?? []) set[`values.${change.field}`] = change.after;
    const entry: OplogDoc = {
      _id: randomUUID(), entity: this.entity, recordId: c.record._id, version: c.record.version + 1, action: c.action, at: c.at,
      by: { id: c.by.id, name: c.by.name }, changes: c.changes ?? [], ...(c.detail ? { detail: c.detail } : {}),
    };
    return {
      filter: { _id: c.record._id, version: c.record.version, deletedAt: null, ...c.match } as Filter<RecordDoc>,
      update: withLogEntry({ $set: set, $inc: { version: 1 } }, entry),
    };
  }
}
