import type { Db } from 'mongodb';
import { addToDnc, dncCollection, type DncDoc } from '../outbound/dnc-doc.js';
import { taskNumbersCollection } from '../outbound/number-doc.js';

/** States a number on the do-not-call list leaves: everything but finished (kept as it ended) and dnc already. */
const OPEN_STATES = ['fresh', 'scheduled', 'dialling'] as const;

/**
 * Marks these numbers `dnc` in every task where they are not done yet. A number mid-call is marked too: the
 * dialer's own check at the moment of dialling reads the list, and its after-call write expects `dialling`.
 */
export async function markDncInTasks(db: Db, phones: readonly string[]): Promise<number> {
  if (!phones.length) return 0;
  const res = await taskNumbersCollection(db).updateMany(
    { phone: { $in: [...phones] }, state: { $in: [...OPEN_STATES] } },
    { $set: { state: 'dnc', updatedAt: new Date() }, $unset: { nextAt: '' } },
  );
  return res.modifiedCount;
}

/**
 * Puts a number on the workspace's list (an admin, a callee who asked, a disposition rule) and takes it out of
 * every task. Returns whether it was new and how many task numbers it marked. The dialer's doNotCall rule calls this.
 */
export async function putOnDnc(db: Db, phone: string, entry: Omit<DncDoc, '_id' | 'at'>): Promise<{ added: boolean; marked: number }> {
  const before = await dncCollection(db).countDocuments({ _id: phone });
  await addToDnc(db, phone, entry);
  return { added: before === 0, marked: await markDncInTasks(db, [phone]) };
}

/** Takes a number off the list; numbers already marked `dnc` stay so (an admin re-imports them to call again). */
export async function removeFromDnc(db: Db, phone: string): Promise<boolean> {
  return (await dncCollection(db).deleteOne({ _id: phone })).deletedCount === 1;
}
