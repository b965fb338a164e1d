import fp from 'fastify-plugin';
import type { AnyBulkWriteOperation, Db } from 'mongodb';
import { oplogCollection, type OplogDoc } from './oplog.js';
import { recordsCollection, type RecordDoc } from './record-doc.js';

const BATCH = 500;
const DELAY_MS = 50;
const SWEEP_MS = 30_000;

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return (error as { code?: number }).code === 11000 || (list.length > 0 && list.every((e) => e.code === 11000));
}

/**
 * Moves operation-log entries from the records that carry them (see record-doc.ts) into the `oplog`
 * collection, shortly after each write and in batches, so a write costs one database command instead of a
 * transaction. Every step is idempotent (entries keep their ids; a copied entry is only then removed from
 * its record), so several runtime processes may flush at once, and entries left by a crash are moved by
 * the sweep that runs at start and every 30 seconds.
 */
export class LogOutbox {
  private readonly due = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db, private readonly entityKeys: () => Promise<string[]>) {}

  start() {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
    return this.sweep();
  }

  /** Called after a write: flush that entity's pending entries soon (batched with other writes). */
  schedule(entityKey: string) {
    this.due.add(entityKey);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const keys = [...this.due];
      this.due.clear();
      void this.enqueue(() => this.flushAll(keys));
    }, DELAY_MS);
  }

  async sweep() {
    await this.enqueue(async () => this.flushAll(await this.entityKeys()));
  }

  /** Stops the timers and moves what is still pending (on close). */
  async stop() {
    clearInterval(this.sweeper);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const keys = [...this.due];
    this.due.clear();
    await this.enqueue(() => this.flushAll(keys));
  }

  /** One flush at a time per process; a failed flush is retried by the next sweep. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.running = this.running.then(task).catch(() => undefined);
    return this.running;
  }

  private async flushAll(keys: string[]) {
    for (const key of keys) while ((await this.flush(key)) === BATCH);
  }

  private async flush(entityKey: string): Promise<number> {
    const records = recordsCollection(this.db, entityKey);
    const docs = await records.find({ logPending: true }, { projection: { pendingLog: 1 } }).limit(BATCH).toArray();
    const entries: OplogDoc[] = docs.flatMap((d) => d.pendingLog ?? []);
    if (entries.length) {
      try {
        await oplogCollection(this.db).insertMany(entries, { ordered: false });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error; // another process copied some of them first: fine
      }
    }
    const ops: AnyBulkWriteOperation<RecordDoc>[] = docs.flatMap((d) => {
      const ids = (d.pendingLog ?? []).map((e) => e._id);
      return [
        { updateOne: { filter: { _id: d._id }, update: { $pull: { pendingLog: { _id: { $in: ids } } } } } },
        // Only when nothing new arrived meanwhile does the record stop being "pending".
        { updateOne: { filter: { _id: d._id, $or: [{ pendingLog: { $size: 0 } }, { pendingLog: { $exists: false } }] }, update: { $unset: { pendingLog: '', logPending: '' } } } },
      ];
    });
    if (ops.length) await records.bulkWrite(ops, { ordered: true });
    return docs.length;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    logOutbox: LogOutbox;
  }
}

/** `app.logOutbox` for the whole app: it sweeps on start and flushes what is left on close. */
export const logOutboxPlugin = fp(async (app) => {
  const outbox = new LogOutbox(app.db, async () => (await app.definitions.listPublished('entity')).map((e) => e.key));
  app.decorate('logOutbox', outbox);
  app.addHook('onReady', () => outbox.start());
  app.addHook('onClose', () => outbox.stop());
}, { name: 'log-outbox', dependencies: ['db', 'definitions'] });
