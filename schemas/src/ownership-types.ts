import type { Author, RecordJson } from './api/records.js';
import type { LocalText } from './types.js';

/** GET /api/ownership/me: what the workbench shows about the asker's customers, tickets and receiving. */
export interface WorkbenchOwnershipJson {
  /** Automatic distribution gives only to agents who are online and receiving. */
  receiving: boolean;
  online: boolean;
  tickets: TicketCounts;
  /** Per owned entity the asker may read: how many records they own and their cap ("32 / 50"). */
  entities: Array<{ entity: string; label: LocalText; owned: number; cap: number | null }>;
  /** Owned records that a recycle rule will take back within 24 hours, soonest first (at most 50). */
  recycleSoon: RecycleWarningJson[];
  /** Pending lost/invalid requests this person may review (supervisors and admins). */
  pendingReviews: number;
}

export interface TicketCounts {
  reward: number;
  penalty: number;
}

export interface RecycleWarningJson {
  entity: string;
  id: string;
  title: string;
  /** When the rule fires. */
  dueAt: string;
  rule: 'noFollowUp' | 'noDeal';
  /** The pool it goes back to. */
  toPool: string;
}

/** GET /api/reviews: a lost/invalid request waiting for a supervisor. */
export interface ReviewJson {
  record: RecordJson;
  request: { type: 'lost' | 'invalid'; reason: string; by: Author; at: string };
}

/** Batch assign / move: what was done and, per refused record, why. */
export interface BatchResultJson {
  done: string[];
  refused: Array<{ id: string; code: string; message: string }>;
}

/** GET /api/tickets: one agent's balance (pool admins and workspace admins). */
export interface TicketBalanceJson extends TicketCounts {
  userId: string;
  name: string;
  teamId: string | null;
  role: string;
}

/** GET /api/tickets/log: every grant and deduction with its reason. */
export interface TicketLogJson {
  id: string;
  userId: string;
  kind: 'reward' | 'penalty';
  /** Positive: granted; negative: deducted (by hand) or used up (by distribution). */
  delta: number;
  reason: string;
  by: Author;
  at: string;
}

/** POST /api/pools/:pool/distribute */
export interface DistributeResultJson {
  given: number;
  /** Records left in the pool, and why (no eligible agent, everyone at the cap). */
  undistributed: number;
  reason?: 'no_eligible_agent' | 'everyone_at_cap';
}

/** POST /api/pools/recycle-preview: how many records the (draft) pool's rules would take back now. */
export interface RecyclePreviewJson {
  total: number;
  rules: Array<{ id: string; count: number }>;
}
