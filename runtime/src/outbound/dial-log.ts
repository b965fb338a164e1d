import type { ClientSession, Collection, Db } from 'mongodb';
import type { DialAttempt } from '@telesales/engines/compliance';

/**
 * Every dial of a number by any task of the workspace: what the compliance rules count ("5 per 24 h, 3 per
 * 5 minutes", "no redial within 72 h of an abandoned call") and what the compliance report proves itself from.
 * Written before the carrier is asked to dial, so a process dying mid-dial still leaves its dial counted.
 */
export interface DialLogDoc {
  /** The call's id: one entry per dial. */
  _id: string;
  phone: string;
  task: string;
  numberId: string;
  at: Date;
  /** Answered by a person and abandoned (the 2-second rule). */
  abandoned?: boolean;
  /** An agent was reserved for it (a callback, a preview): the abandon cool-off does not apply (the compliance report). */
  reserved?: boolean;
  /** The dialling process (lease holder), for the takeover test's "never dialled twice". */
  by?: string;
  /**
   * The task's published definition version the dial was made under: the compliance report judges the dial by
   * that version's windows, holidays and limits. Entries written before versions were logged have none.
   */
  version?: number;
}

/** How far back the history a verdict needs reaches: the abandon cool-off (72 h) and the 24 h cap, with room. */
export const DIAL_HISTORY_MS = 8 * 24 * 3_600_000;

export function dialLogCollection(db: Db): Collection<DialLogDoc> {
  return db.collection<DialLogDoc>('dial_log');
}

export async function ensureDialLogIndexes(db: Db): Promise<void> {
  await dialLogCollection(db).createIndex({ phone: 1, at: -1 }, { name: 'phone_recent' });
  await dialLogCollection(db).createIndex({ task: 1, at: -1 }, { name: 'task_recent' });
  // Reports over every task's dials in a period.
  await dialLogCollection(db).createIndex({ at: -1 }, { name: 'recent' });
}

/** The recent dials of these numbers across all tasks, as the compliance engine takes them, by number. */
export async function recentDials(db: Db, phones: readonly string[], now: number): Promise<Map<string, DialAttempt[]>> {
  const out = new Map<string, DialAttempt[]>(phones.map((p) => [p, []]));
  if (!phones.length) return out;
  const docs = await dialLogCollection(db)
    .find({ phone: { $in: [...phones] }, at: { $gt: new Date(now - DIAL_HISTORY_MS) } }, { projection: { phone: 1, task: 1, at: 1, abandoned: 1 } })
    .toArray();
  for (const d of docs) out.get(d.phone)?.push({ at: d.at.getTime(), taskId: d.task, ...(d.abandoned ? { abandoned: true } : {}) });
  return out;
}

export async function logDial(db: Db, entry: DialLogDoc, session?: ClientSession): Promise<void> {
  await dialLogCollection(db).insertOne(entry, session ? { session } : {});
}

export async function markAbandoned(db: Db, callId: string): Promise<void> {
  await dialLogCollection(db).updateOne({ _id: callId }, { $set: { abandoned: true } });
}
