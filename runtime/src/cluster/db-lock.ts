import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';

interface LockDoc {
  _id: string;
  owner: string;
  until: Date;
}

const POLL_MS = 200;

/**
 * Runs `work` while holding a named lock in the database, so that of several runtime processes starting at once
 * only one does it at a time (installing the template into an empty database). The lock is a lease: a process
 * that dies holding it frees it when `leaseMs` has passed. Waits for the lock as long as it takes.
 */
export async function withDbLock<T>(db: Db, name: string, leaseMs: number, work: () => Promise<T>): Promise<T> {
  const locks = db.collection<LockDoc>('locks');
  const owner = randomUUID();
  for (;;) {
    const now = new Date();
    try {
      // Taken when free (no document) or when the holder's lease ran out; the unique _id settles a race.
      const taken = await locks.findOneAndUpdate(
        { _id: name, until: { $lt: now } },
        { $set: { owner, until: new Date(now.getTime() + leaseMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      if (taken?.owner === owner) break;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await locks.deleteOne({ _id: name, owner });
  }
}
