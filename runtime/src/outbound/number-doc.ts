import type { Collection, Db } from 'mongodb';
import type { CampaignCarrierOutcome } from '@telesales/schemas';

/**
 * Where a number stands in its task. fresh: never dialled; scheduled: to be dialled again at `nextAt` (a retry,
 * a callback, or a compliance rule's next opening); dialling: a call is up (the dialer's lease holder owns it);
 * done: finished by a rule; dnc: on the do-not-call list, never dialled again.
 */
export const NUMBER_STATES = ['fresh', 'scheduled', 'dialling', 'done', 'dnc'] as const;
export type NumberState = (typeof NUMBER_STATES)[number];

/**
 * One number of one outbound task (名单 row), independent of customers: list import creates them, the dialer
 * moves them through their states. `phone` is the raw E.164 number: it leaves the server only masked, like a
 * customer's phone field (the task's entity decides the masking).
 */
export interface TaskNumberDoc {
  _id: string;
  /** The campaign definition's key. */
  task: string;
  /** Normalized E.164 (schemas' normalizePhone); unique within the task. */
  phone: string;
  /** The list's other columns, by column header, as imported. */
  values: Record<string, unknown>;
  /** The existing record it was matched to (or converted into): its card shows instead of the values. */
  customerId?: string;
  state: NumberState;
  /** Dials of this number by this task, ever. */
  attempts: number;
  /** Dials on the local day `attemptsDay` (the task's zone), so "per day" needs no log query. */
  attemptsToday?: number;
  attemptsDay?: string;
  /** When it may be dialled next (scheduled), or when the current dial started (dialling). */
  nextAt?: Date;
  /** A callback promised by this agent: offered to them only. */
  callbackAgent?: string;
  /** The last carrier outcome or disposition key, and which of the two it was. */
  lastOutcome?: { kind: 'carrier'; key: CampaignCarrierOutcome | 'answered' } | { kind: 'disposition'; key: string };
  lastCallId?: string;
  lastDialAt?: Date;
  /** The agent who talked to it last (numbers I dialled). */
  lastAgent?: string;
  /** The process whose dialer is dialling it (state dialling). */
  dialBy?: string;
  /** Preview mode: the agent looking at this number's card (held for them until `heldUntil`, so no one else gets it). */
  heldBy?: string;
  heldUntil?: Date;
  /** The import that brought it in. */
  importId?: string;
  createdAt: Date;
  updatedAt?: Date;
}

export function taskNumbersCollection(db: Db): Collection<TaskNumberDoc> {
  return db.collection<TaskNumberDoc>('task_numbers');
}

export async function ensureTaskNumberIndexes(db: Db): Promise<void> {
  const numbers = taskNumbersCollection(db);
  // The unique index, not a prior read, keeps a number once per task when imports race.
  await numbers.createIndex({ task: 1, phone: 1 }, { unique: true, name: 'task_phone' });
  // The hopper's query: a task's numbers due next, in state order.
  await numbers.createIndex({ task: 1, state: 1, nextAt: 1 }, { name: 'task_due' });
  await numbers.createIndex({ task: 1, lastAgent: 1, lastDialAt: -1 }, { name: 'task_agent_recent' });
}
