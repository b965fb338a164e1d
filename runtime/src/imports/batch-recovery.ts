import type { FastifyInstance } from 'fastify';
import { batchesCollection, rejectsCollection, REJECTED } from './collections.js';
import { STALE_MS } from './run-import.js';

const SWEEP_MS = 60_000;

/**
 * A batch still "running" whose heartbeat stopped was cut off by a crash (or a stop). It is marked
 * "interrupted" with its counts made exact from what is stored: the records carry the batch id and the
 * rejects are stored per row, so the person sees what went in and may resume it from the chunk it reached.
 */
export async function markInterrupted(app: FastifyInstance, now = Date.now()): Promise<number> {
  // Records batches only: number lists count what went in from their own documents (outbound-lists/list-recovery.ts).
  const stale = await batchesCollection(app.db)
    .find({ status: 'running', heartbeatAt: { $lt: new Date(now - STALE_MS) }, 'target.type': { $in: ['pool', 'agents'] } }).toArray();
  for (const batch of stale) {
    const inserted = await app.records.system(batch.entity).count({ importBatch: batch._id });
    const rejected = await rejectsCollection(app.db).countDocuments({ batchId: batch._id, ...REJECTED });
    await batchesCollection(app.db).updateOne(
      { _id: batch._id, status: 'running', heartbeatAt: batch.heartbeatAt },
      { $set: { status: 'interrupted', inserted, rejected, finishedAt: new Date(now) } },
    );
  }
  return stale.length;
}

/** On start and then every minute: several runtime processes may share the database, each sweeps. */
export function startRecovery(app: FastifyInstance): () => void {
  const sweep = () => void markInterrupted(app).catch((error: Error) => app.log.warn({ err: error }, 'import recovery sweep failed'));
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  sweep();
  return () => clearInterval(timer);
}
