// A change stream: reads the change history (storage/change-log.ts) from a resume point, keeps the changes of
// its collection, database or whole server, turns each into the event document mongod sends, runs the stages
// the client put after $changeStream, and remembers where it is so the client can resume anywhere.
import { deserialize, serialize, Timestamp, type Document } from 'bson';
import { Aggregator, Query } from 'mingo';
import { ErrorCodes, ServerError } from '../errors.js';
import { MINGO_OPTIONS } from '../mingo-options.js';
import { comparePositions, type ChangeRecord, type Position } from '../storage/change-log.js';
import { tsOf, tsValue } from '../storage/cluster-clock.js';
import { idKey } from '../storage/keys.js';
import { splitNs, type Storage } from '../storage/storage.js';
import { describeUpdate } from './update-description.js';

export type Scope = { kind: 'collection'; db: string; coll: string } | { kind: 'database'; db: string } | { kind: 'cluster' };

export interface StreamOptions {
  fullDocument: 'default' | 'updateLookup' | 'whenAvailable' | 'required';
  fullDocumentBeforeChange: 'off' | 'whenAvailable' | 'required';
  showExpandedEvents: boolean;
  resumeAfter?: Document;
  startAfter?: Document;
  startAtOperationTime?: Timestamp;
}

/** Stages mongod allows after $changeStream (each event is a document; none may group or reorder). */
const ALLOWED_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$redact']);
const EXPANDED = new Set(['create', 'createIndexes', 'dropIndexes', 'modify']);
/** A resume point after every change of a cluster time (postBatchResumeToken of a batch that reached the end). */
const HIGH_WATER = 0xffffffff;

// --- resume tokens ----------------------------------------------------------------------------------------
// `_data` is hex, compared as a string by some clients, so fixed-width and ordered like positions:
// '82' + seconds + increment + index in the batch + 00 (the change) or 01 (the invalidate that followed it).

interface Token extends Position {
  invalidate: boolean;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function encodeToken(position: Position, invalidate = false): Document {
  const ts = tsOf(position.ts);
  return { _data: `82${hex(ts.high >>> 0, 8)}${hex(ts.low >>> 0, 8)}${hex(position.index >>> 0, 8)}${invalidate ? '01' : '00'}` };
}

function decodeToken(token: unknown): Token {
  const data = (token as { _data?: unknown } | null)?._data;
  if (typeof data !== 'string' || !/^82[0-9a-f]{26}$/i.test(data)) {
    throw new ServerError(ErrorCodes.FailedToParse, `Bad resume token: ${JSON.stringify(token)} is not a token of this server`);
  }
  const ts = tsValue(new Timestamp({ t: parseInt(data.slice(2, 10), 16), i: parseInt(data.slice(10, 18), 16) }));
  return { ts, index: parseInt(data.slice(18, 26), 16), invalidate: data.slice(26) === '01' };
}

function exact(raw: Uint8Array): Document {
  return deserialize(raw, { promoteValues: false });
}

function sameBson(a: unknown, b: unknown): boolean {
  return Buffer.compare(serialize({ v: a }), serialize({ v: b })) === 0;
}

export class ChangeStream {
  /** The next change to look at (ChangeLog sequence number). */
  private nextSeq: number;
  /** Where the stream is: the last change looked at, or the high-water mark of the last empty batch. */
  private position: Position;
  /** The invalidate event owed after an invalidating change (then the stream ends). */
  private owedInvalidate?: ChangeRecord;
  done = false;
  private readonly stages: Document[];

  constructor(
    private readonly storage: Storage,
    readonly scope: Scope,
    private readonly options: StreamOptions,
    stages: Document[],
  ) {
    for (const stage of stages) {
      const name = Object.keys(stage)[0];
      if (name === '$changeStream') throw new ServerError(ErrorCodes.Location40602, '$changeStream is only allowed as the first stage in a pipeline.');
      if (!ALLOWED_STAGES.has(name)) throw new ServerError(ErrorCodes.IllegalOperation, `${name} is not permitted in a $changeStream pipeline`);
    }
    this.stages = stages;
    const log = storage.changes;
    const start = this.startPosition();
    this.position = start;
    this.nextSeq = log.seqAfter(start);
  }

  /** Where the stream starts, checked against the retained history. */
  private startPosition(): Position {
    const log = this.storage.changes;
    const { resumeAfter, startAfter, startAtOperationTime } = this.options;
    const lost = (p: Position) => log.lostUpTo !== undefined && comparePositions(p, log.lostUpTo) < 0;
    const historyLost = () =>
      new ServerError(ErrorCodes.ChangeStreamHistoryLost, 'Resume of change stream was not possible, as the resume point may no longer be in the oplog.');
    const tokenValue = resumeAfter ?? startAfter;
    if (tokenValue !== undefined) {
      const token = decodeToken(tokenValue);
      if (token.invalidate && resumeAfter !== undefined) {
        throw new ServerError(ErrorCodes.InvalidResumeToken, "Attempting to resume a change stream using 'resumeAfter' is not allowed from an invalidate notification.");
      }
      if (token.index !== HIGH_WATER) {
        if (!log.at(token)) {
          if (lost(token) || (log.lostUpTo && comparePositions(token, log.lostUpTo) === 0)) throw historyLost();
          throw new ServerError(ErrorCodes.ChangeStreamFatalError, 'cannot resume stream; the resume token was not found.');
        }
      } else if (lost(token)) {
        throw historyLost();
      }
      return token;
    }
    if (startAtOperationTime) {
      const ts = tsValue(startAtOperationTime);
      if (log.lostUpTo && log.lostUpTo.ts >= ts) throw historyLost();
      return { ts, index: -1 };
    }
    // No start given: the current cluster time, inclusive, as mongod (so the write that set it is seen: a
    // client that writes and then opens a stream, on two connections, does not lose that write to the race).
    return { ts: log.visibleTime, index: -1 };
  }

  /** The token a client resumes from after the last batch. */
  get resumeToken(): Document {
    return encodeToken(this.position);
  }

  /**
   * Up to `max` events (stopping before `maxBytes`) from what is visible now. Changes a stage filters out
   * still move the position, so a resume does not look at them again.
   */
  take(max: number, maxBytes: number): Uint8Array[] {
    const log = this.storage.changes;
    const batch: Uint8Array[] = [];
    let bytes = 0;
    if (this.nextSeq < log.firstSeq) {
      this.done = true;
      throw new ServerError(ErrorCodes.ChangeStreamHistoryLost, 'the change stream fell behind the retained change history (oplog); resume is not possible');
    }
    while (!this.done && batch.length < max && bytes < maxBytes) {
      if (this.owedInvalidate) {
        const cause = this.owedInvalidate;
        batch.push(serialize({ _id: encodeToken(cause, true), operationType: 'invalidate', clusterTime: tsOf(cause.ts), wallTime: new Date(cause.wall) }));
        this.done = true;
        break;
      }
      const record = log.visible(this.nextSeq);
      if (!record) {
        // Nothing more yet: everything up to the visible time has been seen.
        if (log.visibleTime > this.position.ts) this.position = { ts: log.visibleTime, index: HIGH_WATER };
        break;
      }
      this.nextSeq++;
      this.position = { ts: record.ts, index: record.index };
      if (!this.concerns(record)) continue;
      const event = this.runStages(this.eventOf(record));
      if (this.invalidates(record)) this.owedInvalidate = record;
      if (!event) continue;
      const raw = serialize(event);
      batch.push(raw);
      bytes += raw.length;
    }
    return batch;
  }

  private concerns(record: ChangeRecord): boolean {
    if (EXPANDED.has(record.op) && !this.options.showExpandedEvents) return false;
    const [db, coll] = record.op === 'dropDatabase' ? [record.ns, ''] : splitNs(record.ns);
    switch (this.scope.kind) {
      case 'collection':
        return record.op !== 'dropDatabase' && db === this.scope.db && coll === this.scope.coll;
      case 'database':
        return db === this.scope.db && !coll.startsWith('system.');
      case 'cluster':
        return !['admin', 'config', 'local'].includes(db) && !coll.startsWith('system.');
    }
  }

  private invalidates(record: ChangeRecord): boolean {
    if (this.scope.kind === 'collection') return record.op === 'drop' || record.op === 'rename';
    if (this.scope.kind === 'database') return record.op === 'dropDatabase';
    return false;
  }

  /** The event document mongod sends for a change. */
  private eventOf(record: ChangeRecord): Document {
    const event: Document = { _id: encodeToken(record), operationType: record.op, clusterTime: tsOf(record.ts), wallTime: new Date(record.wall) };
    if (record.op === 'dropDatabase') {
      event.ns = { db: record.ns };
      return this.withTxn(event, record);
    }
    const [db, coll] = splitNs(record.ns);
    const pre = record.pre ? exact(record.pre) : undefined;
    const post = record.post ? exact(record.post) : undefined;
    switch (record.op) {
      case 'insert':
        event.fullDocument = post;
        break;
      case 'replace':
        event.fullDocument = post;
        break;
      case 'update': {
        const full = this.fullDocumentOfUpdate(record, post!);
        if (full !== undefined) event.fullDocument = full;
        break;
      }
    }
    event.ns = { db, coll };
    if (record.op === 'rename') {
      const [toDb, toColl] = splitNs(record.to!);
      event.to = { db: toDb, coll: toColl };
    }
    const keySource = post ?? pre;
    if (keySource) event.documentKey = { _id: keySource._id };
    if (record.op === 'update') event.updateDescription = describeUpdate(pre!, post!);
    if (EXPANDED.has(record.op)) event.operationDescription = record.detail ?? {};
    if (pre && this.options.fullDocumentBeforeChange !== 'off') {
      if (record.images) event.fullDocumentBeforeChange = pre;
      else if (this.options.fullDocumentBeforeChange === 'whenAvailable') event.fullDocumentBeforeChange = null;
      else throw this.imageMissing('pre', record);
    }
    return this.withTxn(event, record);
  }

  private fullDocumentOfUpdate(record: ChangeRecord, post: Document): Document | null | undefined {
    switch (this.options.fullDocument) {
      case 'default':
        return undefined;
      case 'updateLookup': {
        // The document as it is now (mongod's lookup), null when it has been deleted since.
        const [db, coll] = splitNs(record.ns);
        const current = this.storage.collection(db, coll)?.docs.get(idKey(post._id));
        return current ? exact(current) : null;
      }
      default:
        if (record.images) return post;
        if (this.options.fullDocument === 'whenAvailable') return null;
        throw this.imageMissing('post', record);
    }
  }

  private imageMissing(which: 'pre' | 'post', record: ChangeRecord): ServerError {
    return new ServerError(
      ErrorCodes.NoMatchingDocument,
      `Change stream was configured to require a ${which}-image for all update, delete and replace events, but the ${which}-image was not found for the event at ${tsOf(record.ts).toString()} on ${record.ns} (enable changeStreamPreAndPostImages on the collection)`,
    );
  }

  private withTxn(event: Document, record: ChangeRecord): Document {
    if (record.txn) {
      event.lsid = record.txn.lsid;
      event.txnNumber = record.txn.txnNumber;
    }
    return event;
  }

  /** The client's stages on one event; undefined when a $match dropped it. */
  private runStages(event: Document): Document | undefined {
    let doc = event;
    for (const stage of this.stages) {
      if (stage.$match) {
        // Matched on JS numbers (as find matches), returned with the exact BSON types.
        if (!new Query(stage.$match as Document, MINGO_OPTIONS).test(deserialize(serialize(doc)))) return undefined;
        continue;
      }
      const [out] = new Aggregator([stage], MINGO_OPTIONS).run([doc]) as Document[];
      if (!out) return undefined;
      doc = out;
    }
    if (doc !== event && !sameBson(doc._id, event._id)) {
      throw new ServerError(
        ErrorCodes.ChangeStreamFatalError,
        'Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. Modifying the _id field of an event makes it impossible to resume the stream from that point. Only transformations that retain the unmodified _id field are allowed.',
      );
    }
    return doc;
  }
}
