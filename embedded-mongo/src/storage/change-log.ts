// The retained history of changes, as mongod's oplog is for change streams: every committed write batch
// adds its changes under one cluster time, in commit order. It is bounded in bytes (the oldest changes go
// first, and a resume from before what is left is ChangeStreamHistoryLost), and it survives restarts: the
// journal's records carry their cluster time, so replaying them rebuilds the changes, and a snapshot holds the
// retained changes of the journal it replaced.
//
// A change becomes visible to change streams once its batch is durable (mongod returns majority-committed
// changes only): the writer marks its cluster time visible after the journal's fsync.
import { Binary, serialize, Timestamp, type Document } from 'bson';
import { tsOf, tsValue } from './cluster-clock.js';

export type ChangeOp =
  | 'insert' | 'update' | 'replace' | 'delete'
  | 'drop' | 'rename' | 'dropDatabase'
  | 'create' | 'createIndexes' | 'dropIndexes' | 'modify';

/** A change as a write produces it, before its batch gets a cluster time. */
export interface ChangeDraft {
  op: ChangeOp;
  /** `db.collection`, or the database name for dropDatabase. */
  ns: string;
  /** The document before the change (update, replace, delete): a copy, never a view into storage. */
  pre?: Uint8Array;
  /** The document after the change (insert, update, replace): a copy. */
  post?: Uint8Array;
  /** The collection keeps pre- and post-images for change streams (changeStreamPreAndPostImages). */
  images?: boolean;
  /** rename: the new namespace. */
  to?: string;
  /** What a DDL change did (index spec, collection options), for expanded events. */
  detail?: Document;
}

export interface ChangeRecord extends ChangeDraft {
  /** Cluster time of the batch (see tsValue) and the change's place in it. */
  ts: bigint;
  index: number;
  /** Wall-clock milliseconds of the commit. */
  wall: number;
  /** The transaction the change committed in. */
  txn?: { lsid: Document; txnNumber: unknown };
  /** Position in this process's log; counts up, never reused (cursors keep it). */
  seq: number;
}

/** A place in the history: after which change (ts, index) a stream goes on. */
export interface Position {
  ts: bigint;
  index: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.index - b.index;
}

const RECORD_OVERHEAD = 96;

export class ChangeLog {
  private records: ChangeRecord[] = [];
  /** Index in `records` of the oldest retained change (the array is compacted now and then). */
  private start = 0;
  private bytes = 0;
  private nextSeq = 1;
  /** Changes up to this sequence number (exclusive) are durable and visible. */
  private visibleEnd = 1;
  private visibleTs = 0n;
  private readonly waiters = new Set<() => void>();
  private closed = false;
  /** The newest change that was dropped to keep the bound: history before it is lost. */
  lostUpTo?: Position;

  constructor(private readonly maxBytes: number) {}

  /**
   * Adds a committed batch's changes (invisible until markVisible reaches their time). Outside a transaction
   * each change has its own cluster time, from `ts` on (as each write has its own oplog entry in mongod); a
   * transaction's changes share its commit time and are told apart by their index in it.
   */
  append(drafts: ChangeDraft[], ts: Timestamp, wall: number, txn?: ChangeRecord['txn']): void {
    const first = tsValue(ts);
    drafts.forEach((draft, k) => {
      const [value, index] = txn ? [first, k] : [first + BigInt(k), 0];
      this.records.push({ ...draft, ts: value, index, wall, txn, seq: this.nextSeq++ });
      this.bytes += sizeOf(draft);
    });
    while (this.bytes > this.maxBytes && this.start < this.records.length) {
      const dropped = this.records[this.start++];
      this.bytes -= sizeOf(dropped);
      this.lostUpTo = { ts: dropped.ts, index: dropped.index };
    }
    if (this.start > 1024 && this.start * 2 > this.records.length) {
      this.records = this.records.slice(this.start);
      this.start = 0;
    }
  }

  /** The batch of cluster time `ts` (and every earlier one) is durable: streams may see its changes. */
  markVisible(ts: Timestamp): void {
    const value = tsValue(ts);
    if (value <= this.visibleTs) return;
    this.visibleTs = value;
    let i = Math.max(this.start, this.indexOfSeq(this.visibleEnd));
    while (i < this.records.length && this.records[i].ts <= value) this.visibleEnd = this.records[i++].seq + 1;
    if (i >= this.records.length) this.visibleEnd = this.nextSeq;
    for (const wake of [...this.waiters]) wake();
  }

  /** The latest cluster time whose changes are visible. */
  get visibleTime(): bigint {
    return this.visibleTs;
  }

  /** The oldest retained change's sequence number (a cursor behind it has lost history). */
  get firstSeq(): number {
    return this.records[this.start]?.seq ?? this.nextSeq;
  }

  /** The visible change with sequence number `seq`, if there is one yet. */
  visible(seq: number): ChangeRecord | undefined {
    if (seq >= this.visibleEnd || seq < this.firstSeq) return undefined;
    return this.records[this.indexOfSeq(seq)];
  }

  /** The sequence number of the first change after `position` (retained or yet to come). */
  seqAfter(position: Position): number {
    let lo = this.start;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(this.records[mid], position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return this.records[lo]?.seq ?? this.nextSeq;
  }

  /** The retained change at exactly `position`. */
  at(position: Position): ChangeRecord | undefined {
    const seq = this.seqAfter({ ts: position.ts, index: position.index - 1 });
    const record = this.records[this.indexOfSeq(seq)];
    return record && comparePositions(record, position) === 0 ? record : undefined;
  }

  /**
   * Whether `ns` (a collection, or its whole database) may have changed after cluster time `ts`: a change
   * to it is retained since then, or the history since then is partly gone.
   */
  changedSince(ts: bigint, ns: string): boolean {
    if (this.lostUpTo && this.lostUpTo.ts > ts) return true;
    const db = ns.slice(0, ns.indexOf('.'));
    for (let i = this.indexOfSeq(this.seqAfter({ ts, index: Number.MAX_SAFE_INTEGER })); i < this.records.length; i++) {
      const r = this.records[i];
      if (r.ns === ns || r.ns === db || r.to === ns) return true;
    }
    return false;
  }

  /** Resolves when a change at or after `seq` becomes visible, or after `ms`, or when the server closes. */
  waitFor(seq: number, ms: number): Promise<void> {
    if (seq < this.visibleEnd || ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = () => {
        if (seq < this.visibleEnd || this.closed) finish();
      };
      const timer = setTimeout(finish, ms);
      this.waiters.add(check);
    });
  }

  /** Ends every wait (the server is closing). */
  close(): void {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
  }

  private indexOfSeq(seq: number): number {
    const first = this.records[this.start];
    return first ? this.start + (seq - first.seq) : this.records.length;
  }

  // --- persistence in snapshots ---------------------------------------------------------------------------

  /** The retained changes as snapshot entries (taken now; later changes are in the next journal). */
  snapshotEntries(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.lostUpTo) out.push(serialize({ o: 'chglost', ts: tsOf(this.lostUpTo.ts), x: this.lostUpTo.index }));
    for (let i = this.start; i < this.records.length; i++) {
      const r = this.records[i];
      out.push(
        serialize({
          o: 'chg', ts: tsOf(r.ts), x: r.index, w: new Date(r.wall), op: r.op, ns: r.ns,
          ...(r.pre ? { pre: new Binary(r.pre) } : {}),
          ...(r.post ? { post: new Binary(r.post) } : {}),
          ...(r.images ? { img: true } : {}),
          ...(r.to ? { to: r.to } : {}),
          ...(r.detail ? { d: r.detail } : {}),
          ...(r.txn ? { txn: r.txn } : {}),
        }),
      );
    }
    return out;
  }

  /** Restores one snapshot entry written by snapshotEntries(); false if the entry is not the log's. */
  restoreEntry(entry: Document): boolean {
    if (entry.o === 'chglost') {
      this.lostUpTo = { ts: tsValue(entry.ts as Timestamp), index: entry.x as number };
      return true;
    }
    if (entry.o !== 'chg') return false;
    const draft: ChangeDraft = {
      op: entry.op as ChangeOp,
      ns: entry.ns as string,
      ...(entry.pre ? { pre: (entry.pre as Binary).buffer } : {}),
      ...(entry.post ? { post: (entry.post as Binary).buffer } : {}),
      ...(entry.img ? { images: true } : {}),
      ...(entry.to ? { to: entry.to as string } : {}),
      ...(entry.d ? { detail: entry.d as Document } : {}),
    };
    const ts = tsValue(entry.ts as Timestamp);
    this.records.push({ ...draft, ts, index: entry.x as number, wall: (entry.w as Date).getTime(), txn: entry.txn as ChangeRecord['txn'], seq: this.nextSeq++ });
    this.bytes += sizeOf(draft);
    return true;
  }
}

function sizeOf(draft: ChangeDraft): number {
  return RECORD_OVERHEAD + (draft.pre?.byteLength ?? 0) + (draft.post?.byteLength ?? 0);
}
