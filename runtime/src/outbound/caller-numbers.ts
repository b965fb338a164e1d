import type { Collection, Db } from 'mongodb';
import type { CampaignDefinition } from '@telesales/schemas';

/**
 * Caller numbers reported as spam or nuisance (by a carrier's complaint desk, a callee, an admin): one document per
 * number, the latest report kept. Workspace-wide, because the report is against the number whichever task used
 * it; each task rests a reported number for its own `callerNumbers.coolDownHours`.
 */
export interface CallerReportDoc {
  /** The caller number, E.164. */
  _id: string;
  reportedAt: Date;
  /** Who recorded it (a user id, or `carrier`). */
  by: string;
}

export function callerReportsCollection(db: Db): Collection<CallerReportDoc> {
  return db.collection<CallerReportDoc>('caller_number_reports');
}

/** Records a report against a caller number; a later report restarts its rest, an earlier one changes nothing. */
export async function reportCallerNumber(db: Db, number: string, by: string, at: Date): Promise<void> {
  await callerReportsCollection(db).updateOne({ _id: number }, { $max: { reportedAt: at }, $set: { by } }, { upsert: true });
}

/** The reports are re-read this often (simulated or real time): reports are rare, dials are many. */
const REFRESH_MS = 30_000;

/**
 * The rotation of one task's caller numbers: each dial presents the next number of the pool that is not resting
 * (reported less than `coolDownHours` ago). `next` answers undefined when the task has no pool (the trunk's own
 * number), null when every number of the pool rests (the dialer then dials nothing).
 */
export class CallerRotation {
  private turn = 0;
  private reports = new Map<string, number>();
  private readAt = -Infinity;

  constructor(private readonly db: Db) {}

  async next(def: CampaignDefinition, now: number): Promise<string | undefined | null> {
    const pool = def.callerNumbers?.numbers ?? [];
    if (!pool.length) return undefined;
    if (now - this.readAt >= REFRESH_MS || now < this.readAt) await this.refresh(pool, now);
    const rest = (def.callerNumbers?.coolDownHours ?? 0) * 3_600_000;
    for (let i = 0; i < pool.length; i++) {
      const number = pool[(this.turn + i) % pool.length]!;
      const reported = this.reports.get(number);
      if (reported !== undefined && now - reported < rest) continue;
      this.turn = (this.turn + i + 1) % pool.length;
      return number;
    }
    return null;
  }

  private async refresh(pool: string[], now: number): Promise<void> {
    const docs = await callerReportsCollection(this.db).find({ _id: { $in: pool } }).toArray();
    this.reports = new Map(docs.map((d) => [d._id, d.reportedAt.getTime()]));
    this.readAt = now;
  }
}
