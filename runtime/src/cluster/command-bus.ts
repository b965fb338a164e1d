import { randomUUID } from 'node:crypto';
import type { ChangeStream, ChangeStreamInsertDocument, Collection, Db, ResumeToken } from 'mongodb';
import { within } from './within.js';

/**
 * A request for another runtime process, or its answer. Both are inserts into one collection, so each process
 * follows a single change stream of inserts addressed to it (`to`); the claim and the give-up are conditional
 * updates nobody watches.
 */
export interface CommandDoc {
  _id: string;
  kind: 'command' | 'reply';
  /** The process meant to read it. */
  to: string;
  from: string;
  /** command: what to do and with what (plain BSON). */
  name?: string;
  args?: unknown;
  /** command: pending until the addressee claims it (running) or the sender gives up (expired). */
  status?: 'pending' | 'running' | 'expired';
  /** reply: the command it answers, and its result or error. */
  replyTo?: string;
  ok?: boolean;
  value?: unknown;
  error?: CommandError;
  at: Date;
}

/** An error as it crosses processes: what the API's error handler needs to answer the same way. */
export interface CommandError {
  statusCode?: number;
  code?: string;
  message: string;
  errors?: unknown[];
  extra?: Record<string, unknown>;
}

/** The addressee did not take the command in time (dead, or too busy): the sender's caller decides what to say. */
export class CommandTimeout extends Error {
  constructor(readonly to: string) {
    super(`process ${to} did not take the command in time`);
  }
}

/** The addressee took the command and it failed there: the error as thrown there. */
export class CommandFailed extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

export const COMMANDS_COLLECTION = 'process_commands';
/** Answered or given up commands are of no use after this (a TTL index removes them). */
const COMMANDS_TTL_SEC = 120;
const REOPEN_MS = 500;

export type CommandHandler = (name: string, args: unknown) => Promise<unknown>;

export interface CommandLog {
  warn(obj: object, msg: string): void;
}

/**
 * Asks another runtime process sharing the database to do something and awaits its answer, through the database
 * rather than HTTP: no process has to publish an address, it works the same on a replica set across machines, and
 * a command nobody took is given up atomically (the addressee claims it with a conditional update, the sender
 * expires it with another; exactly one of them wins).
 */
export class CommandBus {
  /** This process, as other processes address it. */
  readonly id = randomUUID();
  private readonly docs: Collection<CommandDoc>;
  private readonly waiting = new Map<string, (reply: CommandDoc) => void>();
  private stream: ChangeStream<CommandDoc, ChangeStreamInsertDocument<CommandDoc>> | null = null;
  private resumeToken: ResumeToken | undefined;
  private stopped = false;
  private following: Promise<void> = Promise.resolve();
  private readonly inflight = new Set<Promise<unknown>>();
  /** Resolves once this process follows its commands (one sent to it before would wait for the sender's timeout). */
  readonly ready: Promise<void>;

  constructor(db: Db, private readonly handle: CommandHandler, private readonly log: CommandLog) {
    this.docs = db.collection<CommandDoc>(COMMANDS_COLLECTION);
    this.ready = this.docs.createIndex({ at: 1 }, { expireAfterSeconds: COMMANDS_TTL_SEC })
      .then(() => this.open())
      .catch((err: unknown) => this.log.warn({ err }, 'process commands: cannot watch the database; other processes cannot reach this one'));
  }

  private async open(): Promise<void> {
    const stream = this.docs.watch<CommandDoc, ChangeStreamInsertDocument<CommandDoc>>(
      [{ $match: { operationType: 'insert', 'fullDocument.to': this.id } }],
      { maxAwaitTimeMS: 200, ...(this.resumeToken ? { resumeAfter: this.resumeToken } : {}) },
    );
    this.stream = stream;
    // watch() is lazy: the first read sends the aggregate, so after it the stream is open.
    const first = await stream.tryNext();
    if (first) this.received(first.fullDocument);
    this.resumeToken = stream.resumeToken;
    this.following = this.follow(stream);
  }

  private async follow(stream: NonNullable<CommandBus['stream']>): Promise<void> {
    try {
      while (!this.stopped && this.stream === stream) {
        const change = await stream.tryNext();
        if (change) this.received(change.fullDocument);
        this.resumeToken = stream.resumeToken;
      }
    } catch (err) {
      if (this.stopped || this.stream !== stream) return;
      await stream.close().catch(() => undefined);
      this.log.warn({ err }, 'process commands: change stream failed; reopening');
      while (!this.stopped) {
        await new Promise((r) => setTimeout(r, REOPEN_MS).unref());
        try {
          if (!this.stopped) await this.open();
          return;
        } catch (again) {
          // A token too old to resume from: start again at "now" (senders of what was missed time out).
          if ([280, 286].includes((again as { code?: number }).code ?? 0)) this.resumeToken = undefined;
        }
      }
    }
  }

  private received(doc: CommandDoc): void {
    if (doc.kind === 'reply') {
      this.waiting.get(doc.replyTo!)?.(doc);
      return;
    }
    const work = this.execute(doc);
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  private async execute(doc: CommandDoc): Promise<void> {
    // Claimed only while the sender still waits: a command it gave up on is never carried out late.
    const claimed = await this.docs.updateOne({ _id: doc._id, status: 'pending' }, { $set: { status: 'running' } });
    if (!claimed.modifiedCount) return;
    let reply: Partial<CommandDoc>;
    try {
      reply = { ok: true, value: (await this.handle(doc.name!, doc.args)) ?? null };
    } catch (err) {
      const e = err as CommandError & Error;
      reply = { ok: false, error: { statusCode: e.statusCode, code: e.code, message: e.message, errors: e.errors, extra: e.extra } };
    }
    await this.docs.insertOne({ _id: randomUUID(), kind: 'reply', to: doc.from, from: this.id, replyTo: doc._id, ...reply, at: new Date() })
      .catch((err: unknown) => this.log.warn({ err }, 'process commands: reply not written'));
  }

  /**
   * Sends a command to process `to` and resolves with what its handler returned (throws CommandFailed with its
   * error). Not taken within `timeoutMs`: CommandTimeout. Taken: the answer is awaited as long again at most.
   */
  async send(to: string, name: string, args: unknown, timeoutMs: number): Promise<unknown> {
    const _id = randomUUID();
    const replied = new Promise<CommandDoc>((resolve) => this.waiting.set(_id, resolve));
    try {
      await this.docs.insertOne({ _id, kind: 'command', to, from: this.id, name, args, status: 'pending', at: new Date() });
      let reply = await within(replied, timeoutMs);
      if (!reply) {
        const expired = await this.docs.updateOne({ _id, status: 'pending' }, { $set: { status: 'expired' } });
        if (expired.modifiedCount) throw new CommandTimeout(to);
        reply = await within(replied, timeoutMs); // it is running there: its answer is on the way
        if (!reply) throw new CommandTimeout(to);
      }
      if (!reply.ok) throw new CommandFailed(reply.error ?? { message: 'failed' });
      return reply.value;
    } finally {
      this.waiting.delete(_id);
    }
  }

  /** Stops following; commands being carried out finish (and answer) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.ready;
    await Promise.allSettled([...this.inflight]);
    const stream = this.stream;
    this.stream = null;
    await stream?.close().catch(() => undefined);
    await this.following;
  }
}
