import type { Collection, Db } from 'mongodb';

export const TASK_STATUSES = ['planned', 'running', 'paused', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One day's figures of a task (the local day in the task's zone). */
export interface DayTally {
  dialled?: number;
  answered?: number;
  abandoned?: number;
  connected?: number;
  talkSec?: number;
  /** Carrier outcomes and dispositions, by key. */
  outcomes?: Record<string, number>;
}

/**
 * A task as it runs (the definition says what it is; this says where it stands): planned, running, paused (by
 * a person or by itself, with the reason), closed; who joined; live pacing settings; the dialer's lease (which
 * process holds it, until when); the last pacing reason; figures per day.
 */
export interface TaskRunDoc {
  _id: string;
  status: TaskStatus;
  pausedReason?: { code: string; zh: string; en: string } | null;
  /** Agents who joined the task (they get its answered calls while ready). */
  joined: string[];
  /** Live changes of the definition's pacing settings. */
  pacing?: { maxConcurrent?: number; ratio?: number; maxLinesPerAgent?: number; abandonTarget?: number };
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
  dialLevel?: number;
  lastReason?: { zh: string; en: string; at: Date } | null;
  tally?: Record<string, DayTally>;
  /** Each change of status: when, and whether the schedule, the dialer itself or a person made it. */
  history?: { status: TaskStatus; at: Date; by: 'schedule' | 'dialer' | 'person' }[];
  updatedAt: Date;
}

export function taskRunsCollection(db: Db): Collection<TaskRunDoc> {
  return db.collection<TaskRunDoc>('outbound_tasks');
}
