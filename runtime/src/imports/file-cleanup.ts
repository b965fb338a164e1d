import { hostname } from 'node:os';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { FastifyInstance } from 'fastify';
import { batchesCollection, filesCollection, rowsCollection } from './collections.js';

/** Kept apart from the recycling jobs' collection, so each scheduler sees only its own jobs. */
export const IMPORT_JOBS_COLLECTION = 'import_jobs';
export const CLEANUP_JOB = 'import file cleanup';
const CLEANUP_EVERY = '1 hour';
const DAY_MS = 24 * 60 * 60_000;
const UNIT_MS: Record<string, number> = { d: DAY_MS, h: 60 * 60_000, m: 60_000 };

/**
 * How long an uploaded file is kept: IMPORT_FILE_RETENTION as "7d", "12h" or "30m" (a bare number is
 * days); 7 days by default, long enough to fix a mapping and re-run or resume a batch the same week.
 */
export function fileRetentionMs(value = process.env.IMPORT_FILE_RETENTION): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([dhm]?)\s*$/i.exec(value ?? '');
  return m ? Number(m[1]) * UNIT_MS[(m[2] || 'd').toLowerCase()]! : 7 * DAY_MS;
}

/**
 * Deletes uploaded files older than the retention: the metadata first (the file is then gone for every
 * route), then its rows. A file a batch still running or resumable ("interrupted") reads is kept.
 */
export async function deleteOldFiles(app: FastifyInstance, now = new Date(), retentionMs = fileRetentionMs()): Promise<number> {
  const inUse = await batchesCollection(app.db).distinct('fileId', { status: { $in: ['running', 'interrupted'] } });
  let deleted = 0;
  for (;;) {
    const old = await filesCollection(app.db)
      .find({ at: { $lt: new Date(now.getTime() - retentionMs) }, _id: { $nin: inUse } }, { projection: { _id: 1 } }).limit(500).toArray();
    if (!old.length) return deleted;
    const ids = old.map((f) => f._id);
    await filesCollection(app.db).deleteMany({ _id: { $in: ids } });
    await rowsCollection(app.db).deleteMany({ fileId: { $in: ids } });
    deleted += ids.length;
  }
}

/** One repeating Agenda job (as recycling/scheduler.ts runs the sweeps); safe to run twice, or concurrently. */
export function scheduleFileCleanup(app: FastifyInstance): { start: () => Promise<void>; stop: () => Promise<void> } {
  let agenda: Agenda | null = null;
  return {
    async start() {
      const a = new Agenda({
        name: `${hostname()}:${process.pid}`,
        backend: new MongoBackend({ mongo: app.db, collection: IMPORT_JOBS_COLLECTION }),
        processEvery: '1 minute',
        defaultConcurrency: 1,
      });
      a.on('error', (error: unknown) => app.log.error({ err: error }, 'imports: agenda error'));
      a.on('fail', (error: unknown) => app.log.error({ err: error }, 'imports: file cleanup failed'));
      await a.ready;
      a.define(CLEANUP_JOB, async () => { await deleteOldFiles(app); });
      // Not rescheduled when already there: each process start would push the next run back.
      const existing = await app.db.collection(IMPORT_JOBS_COLLECTION).findOne({ name: CLEANUP_JOB, type: 'single' }, { projection: { repeatInterval: 1 } });
      if (String(existing?.repeatInterval) !== CLEANUP_EVERY) await a.every(CLEANUP_EVERY, CLEANUP_JOB, {}, { skipImmediate: true });
      await a.start();
      agenda = a;
    },
    async stop() {
      const a = agenda;
      agenda = null;
      if (a) await a.drain({ timeout: 10_000, closeConnection: false });
    },
  };
}
