import type { Db } from 'mongodb';
import { dncCollection } from '../outbound/dnc-doc.js';

/** Takes a number off the list; numbers already marked `dnc` stay so (an admin re-imports them to call again). */
export async function removeFromDnc(db: Db, phone: string): Promise<boolean> {
  return (await dncCollection(db).deleteOne({ _id: phone })).deletedCount === 1;
}
