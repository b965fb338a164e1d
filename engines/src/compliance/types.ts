import type { Weekday } from './zoned-time.js';

export type { Weekday } from './zoned-time.js';

/** A calling window in local time: from inclusive, to exclusive, HH:MM ("24:00" ends at midnight). */
export interface CallingWindow { from: string; to: string }

/** What a task (and the workspace) allows, as its definition says it. */
export interface CallingRules {
  /** The task's zone: the windows are read in the callee's zone where known, in this one otherwise. */
  timeZone: string;
  windows: Partial<Record<Weekday, CallingWindow[]>>;
  /** Local dates (YYYY-MM-DD, in the zone the windows are read in) with no calls. */
  holidays?: string[];
  /** This task's attempts at one number: per local day, and ever. */
  perNumber?: { perDay?: number; lifetime?: number };
  /** Attempts at one number across all the workspace's tasks, e.g. 5 per 24 h and 3 per 5 minutes. */
  workspaceCaps?: { calls: number; withinSeconds: number }[];
  /** No redial within this many hours of an abandoned call unless an agent is reserved (default 72). */
  abandonCoolOffHours?: number;
}

/** One dial of the number, by any task of the workspace. Times are epoch ms or RFC 3339 text. */
export interface DialAttempt { at: number | string; taskId: string; abandoned?: boolean }

export interface NumberHistory {
  /** The callee's IANA zone, where known (from the number's region or the record). */
  timeZone?: string | null;
  /** On the workspace's or the task's do-not-call list at the moment of asking. */
  doNotCall: boolean;
  attempts: readonly DialAttempt[];
}

export interface DialQuestion {
  taskId: string;
  /** The moment of dialling (epoch ms or RFC 3339). */
  at: number | string;
  rules: CallingRules;
  number: NumberHistory;
  /** An agent is waiting for this very call (preview, a callback): the abandon cool-off does not apply. */
  agentReserved?: boolean;
}

export type DialRefusal =
  | 'doNotCall' | 'lifetimeLimit' | 'abandonedRecently' | 'workspaceCap' | 'dailyLimit' | 'holiday' | 'outsideWindow';

export interface DialVerdict {
  allowed: boolean;
  /** The first rule that refuses (in the order of DialRefusal), absent when allowed. */
  reason?: DialRefusal;
  /** Every rule that refuses now. */
  refusals: DialRefusal[];
  /** The earliest moment every rule allows, if nothing else changes (= now when allowed); null = never. */
  nextAt: number | null;
  /** The zone the windows and days were read in. */
  timeZone: string;
  text: { zh: string; en: string };
}
