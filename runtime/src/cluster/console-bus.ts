import { randomUUID } from 'node:crypto';
import type { ChangeStream, ChangeStreamDocument, ChangeStreamOptions, Collection, Db, Document, ObjectId, ResumeToken } from 'mongodb';

/** One console event on its way to the processes that hold the person's other streams. */
export interface ConsoleEventDoc {
  _id?: ObjectId;
  userId: string;
  event: string;
  /** Already what the JSON builders produced for that person (numbers masked). */
  data: unknown;
  /** The process that sent it (it delivered the event to its own streams at once). */
  from: string;
  at: Date;
}

/** A person has a console stream open on a process, until the lease runs out without renewal. */
export interface ConsolePresenceDoc {
  /** `${process}:${userId}`: a delete event names both. */
  _id: string;
  userId: string;
  from: string;
  until: Date;
}

export const EVENTS_COLLECTION = 'console_events';
export const PRESENCE_COLLECTION = 'console_presence';
/** Events are needed only until every process has read them (change streams read the history, not the collection). */
/** The longest a shutdown waits for the bus to finish (stop). */
const STOP_MS = 2_000;
const EVENTS_TTL_SEC = 60;
const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
const REOPEN_MS = 500;
/** ChangeStreamHistoryLost and friends: the resume token is too old; start again at "now". */
const HISTORY_LOST = new Set([280, 286]);

export interface BusLog {
  warn(obj: object, msg: string): void;
}

/**
 * Carries console events between runtime processes that share one database (DESIGN.md, Scale): a process
 * writes each event to `console_events` and every other process, watching that collection with a change
 * stream, delivers it to the streams it holds. Presence (who has a stream open where) lives beside it
 * with a lease, so `connected` means "anywhere" and a crashed process's agents stop counting.
 */
export class ConsoleBus {
  /** This process, as other processes see it. */
  readonly id = randomUUID();
  private readonly events: Collection<ConsoleEventDoc>;
  private readonly presence: Collection<ConsolePresenceDoc>;
  /** Streams elsewhere: userId -> process -> lease end (ms). */
  private readonly remote = new Map<string, Map<string, number>>();
  private readonly local = new Set<string>();
  /**
   * Two collection streams, not one on the database: a database stream is handed every write of every collection
   * (records, calls, sessions...) and the database builds and filters an event for each, per process; a collection
   * stream is handed only its collection's writes.
   */
  private readonly followers: Follower[];
  private pending: ConsoleEventDoc[] = [];
  private flushing: Promise<void> | null = null;
  private renewTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  /** Resolves once the change streams are open (events written after it are delivered). */
  readonly ready: Promise<void>;

  constructor(
    db: Db,
    private readonly deliver: (userId: string, event: string, data: unknown) => void,
    private readonly log: BusLog,
  ) {
    this.events = db.collection<ConsoleEventDoc>(EVENTS_COLLECTION);
    this.presence = db.collection<ConsolePresenceDoc>(PRESENCE_COLLECTION);
    const isStopped = () => this.stopped;
    this.followers = [
      new Follower(this.events, [{ $match: { operationType: 'insert', 'fullDocument.from': { $ne: this.id } } }], {},
        (change) => this.onEvent(change), async () => undefined, isStopped, log, 'events'),
      // After each (re)open, who is present elsewhere is read again: leases written while the stream was down count.
      new Follower(this.presence, [], { fullDocument: 'updateLookup' },
        (change) => this.onPresence(change), () => this.loadPresence(), isStopped, log, 'presence'),
    ];
    this.ready = this.start().catch((err: unknown) => {
      this.log.warn({ err }, 'console events: cannot watch the database; events stay in this process');
    });
  }

  private async start(): Promise<void> {
    await Promise.all([
      this.events.createIndex({ at: 1 }, { expireAfterSeconds: EVENTS_TTL_SEC }),
      this.presence.createIndex({ until: 1 }, { expireAfterSeconds: 0 }),
    ]);
    await Promise.all(this.followers.map((f) => f.open()));
  }

  private async loadPresence(): Promise<void> {
    const docs = await this.presence.find({ until: { $gt: new Date() }, from: { $ne: this.id } }).toArray();
    for (const doc of docs) this.present(doc);
  }

  private onEvent(change: ChangeStreamDocument<Document>): void {
    if (change.operationType !== 'insert') return;
    const doc = change.fullDocument as ConsoleEventDoc;
    if (doc.from !== this.id) this.deliver(doc.userId, doc.event, doc.data);
  }

  private onPresence(change: ChangeStreamDocument<Document>): void {
    if (change.operationType === 'delete') this.absent(String(change.documentKey._id));
    else if ('fullDocument' in change && change.fullDocument) this.present(change.fullDocument as ConsolePresenceDoc);
  }

  private present(doc: ConsolePresenceDoc): void {
    if (doc.from === this.id) return;
    let at = this.remote.get(doc.userId);
    if (!at) this.remote.set(doc.userId, (at = new Map()));
    at.set(doc.from, doc.until.getTime());
  }

  private absent(key: string): void {
    const split = key.indexOf(':');
    const from = key.slice(0, split);
    const userId = key.slice(split + 1);
    const at = this.remote.get(userId);
    if (!at?.delete(from)) return;
    if (!at.size) this.remote.delete(userId);
  }

  /** Someone has a live stream on another process (a lease not yet run out). */
  connectedElsewhere(userId: string): boolean {
    const now = Date.now();
    for (const until of this.remote.get(userId)?.values() ?? []) if (until > now) return true;
    return false;
  }

  /** The first stream of a person opened here. */
  opened(userId: string): void {
    this.local.add(userId);
    void this.lease([userId]).catch((err: unknown) => this.log.warn({ err }, 'console events: presence not written'));
    this.renewTimer ??= setInterval(() => void this.renew(), RENEW_MS);
    this.renewTimer.unref();
  }

  /** The last stream of a person here closed. */
  closed(userId: string): void {
    this.local.delete(userId);
    if (this.stopped) return;
    void this.presence.deleteOne({ _id: `${this.id}:${userId}` }).catch(() => undefined);
  }

  /** Upserts, not updates: a presence the database lost (a crash, a restore) comes back with the next renewal. */
  private async lease(userIds: string[]): Promise<void> {
    const until = new Date(Date.now() + LEASE_MS);
    await this.presence.bulkWrite(userIds.map((userId) => ({
      updateOne: { filter: { _id: `${this.id}:${userId}` }, update: { $set: { userId, from: this.id, until } }, upsert: true },
    })), { ordered: false });
  }

  private async renew(): Promise<void> {
    if (!this.local.size || this.stopped) return;
    await this.lease([...this.local]).catch((err: unknown) => this.log.warn({ err }, 'console events: presence not renewed'));
  }

  /** Hands an event to the other processes; written in the order sent (one insertMany at a time). */
  publish(userId: string, event: string, data: unknown): void {
    if (this.stopped) return;
    this.pending.push({ userId, event, data, from: this.id, at: new Date() });
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      await this.events.insertMany(batch, { ordered: true })
        .catch((err: unknown) => this.log.warn({ err, events: batch.length }, 'console events: not published to other processes'));
    }
    this.flushing = null;
  }

  /** Sends what is pending, closes the change stream and takes this process's presence out. */
  /**
   * Sends what is pending, closes the stream and drops this process's presence, but never holds a shutdown longer
   * than STOP_MS: with the database gone the driver would wait for it (server selection), and the presence lease
   * expires on its own anyway.
   */
  stop(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, STOP_MS); });
    return Promise.race([this.stopNow(), deadline]).finally(() => clearTimeout(timer));
  }

  private async stopNow(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.flushing;
    this.stopped = true;
    await this.ready;
    await Promise.all(this.followers.map((f) => f.close()));
    await this.presence.deleteMany({ from: this.id }).catch(() => undefined);
  }
}

/**
 * One collection's change stream, followed until the bus stops: after an error it is closed and opened again
 * (after the last change seen, or at "now" when that is too old), and `afterOpen` runs after every opening.
 */
class Follower {
  private stream: ChangeStream<Document, ChangeStreamDocument<Document>> | null = null;
  private resumeToken: ResumeToken | undefined;
  private following: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: Collection<any>,
    private readonly pipeline: Document[],
    private readonly options: ChangeStreamOptions,
    private readonly onChange: (change: ChangeStreamDocument<Document>) => void,
    private readonly afterOpen: () => Promise<void>,
    private readonly stopped: () => boolean,
    private readonly log: BusLog,
    private readonly name: string,
  ) {}

  async open(): Promise<void> {
    const stream = this.collection.watch<Document, ChangeStreamDocument<Document>>(this.pipeline, {
      ...this.options, maxAwaitTimeMS: 500, ...(this.resumeToken ? { resumeAfter: this.resumeToken } : {}),
    });
    this.stream = stream;
    // watch() is lazy: the first read sends the aggregate, so after it the stream is open.
    const first = await stream.tryNext();
    if (first) this.onChange(first);
    this.resumeToken = stream.resumeToken;
    await this.afterOpen();
    this.following = this.follow(stream);
  }

  private async follow(stream: ChangeStream<Document, ChangeStreamDocument<Document>>): Promise<void> {
    try {
      while (!this.stopped() && this.stream === stream) {
        const change = await stream.tryNext();
        if (change) this.onChange(change);
        this.resumeToken = stream.resumeToken;
      }
    } catch (err) {
      if (this.stopped() || this.stream !== stream) return;
      // The driver resumes by itself after network errors; anything else lands here: close, wait, open again.
      await stream.close().catch(() => undefined);
      const code = (err as { code?: number }).code;
      if (code !== undefined && HISTORY_LOST.has(code)) this.resumeToken = undefined;
      this.log.warn({ err, stream: this.name }, 'console events: change stream failed; reopening');
      await this.reopenLater();
    }
  }

  private async reopenLater(): Promise<void> {
    while (!this.stopped()) {
      await new Promise((r) => setTimeout(r, REOPEN_MS).unref());
      if (this.stopped()) return;
      try {
        await this.open();
        return;
      } catch (err) {
        const code = (err as { code?: number }).code;
        if (code !== undefined && HISTORY_LOST.has(code)) this.resumeToken = undefined;
        this.log.warn({ err, stream: this.name }, 'console events: change stream not reopened yet');
      }
    }
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    await stream?.close().catch(() => undefined);
    await this.following;
  }
}
