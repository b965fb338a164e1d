import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../http/errors.js';
import { poolRole } from '../ownership/membership.js';
import type { RecordContext } from '../records/service.js';
import { batchesCollection, filesCollection, rejectsCollection, REJECTED, rowNumber, type ImportBatchDoc, type ImportFileDoc, type ImportTarget } from './collections.js';
import { InFileKeys, keySets } from './dedupe.js';
import { importChunk, type ChunkRun } from './import-chunk.js';
import { checkMapping, type Mapping } from './mapping.js';
import { text } from './messages.js';
import { rowReader } from './row-values.js';
import { fileChunks } from './store-file.js';
import { placerFor, type AutoTarget } from './placement.js';
import { updateGate } from './update-existing.js';

export interface ImportBody {
  fileId: string;
  mapping: Mapping;
  source?: string;
  target?: ImportTarget | AutoTarget;
  onDuplicate?: 'skip' | 'update';
}

/** While a batch runs its heartbeat is renewed this often; one silent for STALE_MS was cut off by a crash. */
export const HEARTBEAT_MS = 10_000;
export const STALE_MS = 60_000;

/**
 * An uploaded file is its uploader's alone: its cells are the raw values as typed (numbers unmasked), and
 * only the uploader previews or imports it (a batch is resumed by its importer, who uploaded its file). Anyone
 * else gets the same 404 as for a file that does not exist, so a file id reveals nothing.
 */
export async function loadFile(ctx: RecordContext, fileId: string): Promise<ImportFileDoc> {
  const file = await filesCollection(ctx.app.db).findOne({ _id: fileId, entity: ctx.entity.key, 'by.id': ctx.user.id });
  if (!file) throw new ApiError(404, 'not_found', text('file_not_found', ctx.locale));
  return file;
}

/**
 * Checks everything a person can get wrong (file, mapping, target, permissions) and answers at once; the
 * rows are then imported in the background, chunk by chunk, with progress in `import_batches`.
 */
export async function startImport(ctx: RecordContext, body: ImportBody): Promise<ImportBatchDoc> {
  const file = await loadFile(ctx, body.fileId);
  const mapping = checkMapping(ctx, file.columns, body.mapping);
  await placerFor(ctx, body.target);
  // Each row tests its masked key values against the stored records: a budget, not a free search.
  await ctx.app.records.spendMaskedImportRows(ctx, Object.values(mapping), file.rows);
  const now = new Date();
  const batch: ImportBatchDoc = {
    _id: randomUUID(), entity: ctx.entity.key, fileId: file._id, fileName: file.name, source: body.source?.trim() || null,
    by: { id: ctx.user.id, name: ctx.user.name }, at: now, finishedAt: null, status: 'running',
    target: (body.target ?? { type: 'pool', pool: '' }) as ImportTarget, onDuplicate: body.onDuplicate ?? 'skip', mapping,
    total: file.rows, processed: 0, inserted: 0, updated: 0, rejected: 0, duplicatesInFile: 0, duplicatesInDb: 0,
    nextChunk: 0, heartbeatAt: now,
  };
  await batchesCollection(ctx.app.db).insertOne(batch);
  runInBackground(ctx, batch, file);
  return batch;
}

interface Runs {
  stopping: boolean;
  running: Set<Promise<void>>;
}
const runsOf = new WeakMap<object, Runs>();
const runs = (app: object): Runs => {
  let r = runsOf.get(app);
  if (!r) runsOf.set(app, (r = { stopping: false, running: new Set() }));
  return r;
};

/** Starts (or resumes) a batch without waiting for it; a failure is written to the batch. */
export function runInBackground(ctx: RecordContext, batch: ImportBatchDoc, file: ImportFileDoc): void {
  const running = runBatch(ctx, batch, file).catch(async (error: Error) => {
    ctx.app.log.error({ err: error, batch: batch._id }, 'import failed');
    await batchesCollection(ctx.app.db).updateOne(
      { _id: batch._id }, { $set: { status: 'failed', finishedAt: new Date(), error: error.message.slice(0, 500) } },
    ).catch(() => undefined);
  });
  runs(ctx.app).running.add(running);
  void running.finally(() => runs(ctx.app).running.delete(running));
}

/**
 * On close: running imports stop after the chunk in hand and are marked "interrupted" (resumable), so a
 * restart or deploy never leaves a batch that claims to run.
 */
export async function stopImports(app: object): Promise<void> {
  const r = runs(app);
  r.stopping = true;
  await Promise.all(r.running);
}

async function chunkRun(ctx: RecordContext, batch: ImportBatchDoc, file: ImportFileDoc): Promise<ChunkRun> {
  const { place, beginChunk, noticeOf } = await placerFor(ctx, batch.target.type === 'pool' && !batch.target.pool ? undefined : batch.target);
  const scope = ctx.entity.owned === false ? null : await ctx.permissions.ownerScope(ctx.entity.key);
  const pools = await ctx.app.definitions.publishedPools(ctx.entity.key);
  const adminPools = new Set<string>();
  for (const pool of pools) if ((await poolRole(ctx.app.db, pool, ctx.user, ctx.permissions)).admin) adminPools.add(pool.key);
  return {
    ctx, batch, place, beginChunk, noticeOf, read: rowReader(ctx, file.columns, batch.mapping), inFile: new InFileKeys(keySets(ctx.entity)),
    mayUpdate: updateGate(ctx, scope, adminPools), columnOf: new Map(Object.entries(batch.mapping).map(([c, k]) => [k, c])),
    counts: {
      total: batch.total, processed: batch.processed, inserted: batch.inserted, updated: batch.updated, rejected: batch.rejected,
      duplicatesInFile: batch.duplicatesInFile, duplicatesInDb: batch.duplicatesInDb,
    },
    pools: new Set(),
  };
}

/**
 * The import proper, from chunk `batch.nextChunk` (0, or where a crash stopped it). Between chunks it
 * yields to the event loop, so 100,000 rows never hold up other requests; after each chunk the counts and
 * the next chunk are saved, and rejects are stored by row, so running a chunk twice changes nothing.
 */
/** Pause after each chunk, as a share of the time the chunk took. */
const IMPORT_PAUSE_SHARE = 0.2;

export async function runBatch(ctx: RecordContext, batch: ImportBatchDoc, file: ImportFileDoc): Promise<void> {
  const db = ctx.app.db;
  const run = await chunkRun(ctx, batch, file);
  const beat = setInterval(() => {
    void batchesCollection(db).updateOne({ _id: batch._id, status: 'running' }, { $set: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  try {
    // Rows before the resume point still count for duplicates within the file.
    if (batch.nextChunk > 0) {
      for await (const chunk of fileChunks(db, file._id)) {
        if (chunk.n >= batch.nextChunk) break;
        chunk.rows.forEach((cells, i) => {
          const { values, issues } = run.read(cells);
          if (!issues.length) run.inFile.claim(values, rowNumber(chunk, i));
        });
      }
    }
    let replay = batch.nextChunk > 0;
    let started = performance.now();
    for await (const chunk of fileChunks(db, file._id, batch.nextChunk)) {
      const rejects = await importChunk(run, chunk, replay);
      replay = false;
      if (rejects.length) {
        await rejectsCollection(db).bulkWrite(rejects.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })), { ordered: false });
      }
      await batchesCollection(db).updateOne({ _id: batch._id }, { $set: { ...run.counts, nextChunk: chunk.n + 1, heartbeatAt: new Date() } });
      if (runs(ctx.app).stopping) {
        await batchesCollection(db).updateOne({ _id: batch._id }, { $set: { status: 'interrupted', finishedAt: new Date() } });
        return;
      }
      await yieldToLoop();
      // The database (one thread when embedded) is shared with every other request: after each chunk, a pause
      // of a fifth of the chunk's time lets what queued behind it through, so an import never holds others up long.
      await sleep(Math.min(250, (performance.now() - started) * IMPORT_PAUSE_SHARE));
      started = performance.now();
    }
  } finally {
    clearInterval(beat);
  }
  // The records carry the batch: what went in is counted from them, exact even after a resumed run.
  const inserted = await ctx.app.records.system(ctx.entity.key).count({ importBatch: batch._id });
  const rejected = await rejectsCollection(db).countDocuments({ batchId: batch._id, ...REJECTED });
  const autoPools = [...run.pools];
  await batchesCollection(db).updateOne({ _id: batch._id }, {
    $set: { ...run.counts, inserted, rejected, status: 'done', finishedAt: new Date(), heartbeatAt: new Date(), autoPools },
  });
  await distribute(ctx, autoPools);
}

/** Auto pools that received records get a distribution round now, not at their next scheduled one. */
async function distribute(ctx: RecordContext, poolKeys: string[]): Promise<void> {
  const { app } = ctx;
  for (const key of poolKeys) {
    const pool = await app.definitions.publishedPool(key);
    if (pool?.mode !== 'auto') continue;
    await app.ownership.distributePool(key).catch((error: Error) => app.log.warn({ err: error, pool: key }, 'distribution after import failed'));
  }
}
