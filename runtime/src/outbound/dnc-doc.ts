import type { Collection, Db } from 'mongodb';

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
export async function addToDnc(db: Db, phone: string, entry: Omit<DncDoc, '_id' | 'at'> & { at?: Date }): Promise<void> {
  await dncCollection(db).updateOne({ _id: phone }, { $setOnInsert: { ...entry, at: entry.at ?? new Date() } }, { upsert: true });
}
