import type { Collection, Db } from 'mongodb';
import { taskNumbersCollection } from './number-doc.js';

/**
 * The workspace's do-not-call list: one document per number (`_id` = normalized E.164), so a lookup is by id
 * and adding a number twice is a no-op. imported: from a DNC list import; requested: the callee asked (a
 * disposition rule's doNotCall); manual: an admin added it.
 */
export interface DncDoc {
  _id: string;
  reason: 'imported' | 'requested' | 'manual';
  at: Date;
  /** The user (or `system` for a rule) who put it there. */
  by: string;
  /** The task whose call or rule led to it. */
  task?: string;
  importId?: string;
}

export function dncCollection(db: Db): Collection<DncDoc> {
  return db.collection<DncDoc>('dnc_numbers');
}

/** Which of these numbers are on the list (one query for a hopper's worth). */
export async function dncAmong(db: Db, phones: readonly string[]): Promise<Set<string>> {
  if (!phones.length) return new Set();
  const docs = await dncCollection(db).find({ _id: { $in: [...phones] } }, { projection: { _id: 1 } }).toArray();
  return new Set(docs.map((d) => d._id));
}

/** Puts a number on the list; the first reason stays (an imported number later requested is still one entry). */
async function addToDnc(db: Db, phone: string, entry: Omit<DncDoc, '_id' | 'at'> & { at?: Date }): Promise<void> {
  await dncCollection(db).updateOne({ _id: phone }, { $setOnInsert: { ...entry, at: entry.at ?? new Date() } }, { upsert: true });
}

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
 * Puts a number on the workspace's list (an admin, a callee who asked, a task's doNotCall rule) and takes it out
 * of every task. Returns whether it was new and how many task numbers it marked.
 */
export async function putOnDnc(db: Db, phone: string, entry: Omit<DncDoc, '_id' | 'at'>): Promise<{ added: boolean; marked: number }> {
  const before = await dncCollection(db).countDocuments({ _id: phone });
  await addToDnc(db, phone, entry);
  return { added: before === 0, marked: await markDncInTasks(db, [phone]) };
}
