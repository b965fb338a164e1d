import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Locale, SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { batchesCollection, filesCollection, rejectsCollection, REJECTED, type ImportBatchDoc, type ImportFileDoc } from '../imports/collections.js';
import { text as importText } from '../imports/messages.js';
import { fileChunks } from '../imports/store-file.js';
import { dncCollection } from '../outbound/dnc-doc.js';
import { taskNumbersCollection } from '../outbound/number-doc.js';
import { importListChunk, type ListRun } from './list-chunk.js';
import type { ListHome } from './list-home.js';
import { checkListMapping, listRowReader, type ListMapping } from './list-row.js';
import { customerMatcher } from './match-customer.js';

export interface ListImportBody {
  fileId: string;
  mapping: ListMapping;
  source?: string;
  /** Link each number to the existing record with that phone, as the importer may find it. */
  matchCustomers?: boolean;
}

/** An uploaded list is its uploader's alone (raw numbers): anyone else gets the 404 of a file that does not exist. */
export async function loadListFile(app: FastifyInstance, home: ListHome, user: SessionUser, locale: Locale, fileId: string): Promise<ImportFileDoc> {
  const file = await filesCollection(app.db).findOne({ _id: fileId, entity: home.key, 'by.id': user.id });
  if (!file) throw new ApiError(404, 'not_found', importText('file_not_found', locale));
  return file;
}

/**
 * A running list batch renews its heartbeat this often; one silent for STALE_MS was cut off by a crash (the records
 * import's figures; not imported from run-import.ts, whose pool placement this plugin has no use for).
 */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

const running = new WeakMap<object, Set<Promise<void>>>();
const runningOf = (app: object) => {
  let set = running.get(app);
  if (!set) running.set(app, (set = new Set()));
  return set;
};

/** Checks the file and the mapping, answers at once; the rows go in the background with progress in the batch. */
export async function startListImport(app: FastifyInstance, home: ListHome, user: SessionUser, locale: Locale, body: ListImportBody): Promise<ImportBatchDoc> {
  const file = await loadListFile(app, home, user, locale, body.fileId);
  const mapping = checkListMapping(home, file.columns, body.mapping, locale);
  const match = body.matchCustomers && home.task ? await customerMatcher(app, home, user, locale) : null;
  const now = new Date();
  const batch: ImportBatchDoc = {
    _id: randomUUID(), entity: home.key, fileId: file._id, fileName: file.name, source: body.source?.trim() || null,
    by: { id: user.id, name: user.name }, at: now, finishedAt: null, status: 'running', target: home.target, onDuplicate: 'skip', mapping,
    total: file.rows, processed: 0, inserted: 0, updated: 0, rejected: 0, duplicatesInFile: 0, duplicatesInDb: 0, nextChunk: 0, heartbeatAt: now,
  };
  await batchesCollection(app.db).insertOne(batch);
  const run: ListRun = {
    db: app.db, home, batch, read: listRowReader(home, file.columns, mapping), inFile: new Map(), match,
    counts: { total: batch.total, processed: 0, inserted: 0, updated: 0, rejected: 0, duplicatesInFile: 0, duplicatesInDb: 0 },
  };
  const job = runListBatch(app, run).catch(async (error: Error) => {
    app.log.error({ err: error, batch: batch._id }, 'list import failed');
    await batchesCollection(app.db).updateOne({ _id: batch._id }, { $set: { status: 'failed', finishedAt: new Date(), error: error.message.slice(0, 500) } })
      .catch(() => undefined);
  });
  runningOf(app).add(job);
  void job.finally(() => runningOf(app).delete(job));
  return batch;
}

/** What went in, counted from the stored documents (exact after a crash): task numbers or DNC entries of the batch. */
export function storedOf(app: FastifyInstance, batch: Pick<ImportBatchDoc, '_id' | 'target'>): Promise<number> {
  return batch.target.type === 'dnc'
    ? dncCollection(app.db).countDocuments({ importId: batch._id })
    : taskNumbersCollection(app.db).countDocuments({ importId: batch._id });
}

async function runListBatch(app: FastifyInstance, run: ListRun): Promise<void> {
  const { batch } = run;
  const beat = setInterval(() => {
    void batchesCollection(app.db).updateOne({ _id: batch._id, status: 'running' }, { $set: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  try {
    for await (const chunk of fileChunks(app.db, batch.fileId)) {
      const rejects = await importListChunk(run, chunk, false);
      if (rejects.length) {
        await rejectsCollection(app.db).bulkWrite(rejects.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })), { ordered: false });
      }
      await batchesCollection(app.db).updateOne({ _id: batch._id }, { $set: { ...run.counts, nextChunk: chunk.n + 1, heartbeatAt: new Date() } });
      await yieldToLoop();
    }
  } finally {
    clearInterval(beat);
  }
  const inserted = await storedOf(app, batch);
  const rejected = await rejectsCollection(app.db).countDocuments({ batchId: batch._id, ...REJECTED });
  await batchesCollection(app.db).updateOne({ _id: batch._id }, {
    $set: { ...run.counts, inserted, rejected, status: 'done', finishedAt: new Date(), heartbeatAt: new Date() },
  });
}

/** On close: the list imports in hand finish their chunk loop first (a list is small next to a records import). */
export async function stopListImports(app: object): Promise<void> {
  await Promise.all(runningOf(app));
}

/**
 * A list batch still "running" whose heartbeat stopped was cut off by a crash: marked "interrupted" with its
 * counts from what is stored. Importing the same file again finishes it: numbers already in are reported as
 * duplicates, the rest go in.
 */
export async function markListsInterrupted(app: FastifyInstance, now = Date.now()): Promise<number> {
  const stale = await batchesCollection(app.db)
    .find({ status: 'running', heartbeatAt: { $lt: new Date(now - STALE_MS) }, 'target.type': { $in: ['task', 'dnc'] } }).toArray();
  for (const batch of stale) {
    const inserted = await storedOf(app, batch);
    const rejected = await rejectsCollection(app.db).countDocuments({ batchId: batch._id, ...REJECTED });
    await batchesCollection(app.db).updateOne(
      { _id: batch._id, status: 'running', heartbeatAt: batch.heartbeatAt },
      { $set: { status: 'interrupted', inserted, rejected, finishedAt: new Date(now) } },
    );
  }
  return stale.length;
}
