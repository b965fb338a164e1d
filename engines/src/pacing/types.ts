import type { DurationStats } from './durations.js';

export type { DurationStats } from './durations.js';

export type DialMode = 'preview' | 'progressive' | 'predictive';

/** Answered by a person and abandoned (no agent within the 2 s), over some window. Rate = abandoned / answered. */
export interface AbandonTally { answered: number; abandoned: number }

/**
 * Everything one pacing decision looks at, as the dialer sees its task at this moment. Times are seconds
 * spent in the current state, so the input is plain JSON and the decision does not read a clock.
 */
export interface PacingInput {
  mode: DialMode;
  /** Progressive only: lines per free agent (default 1). */
  ratio?: number;
  /** Seconds each agent of the task has been in their state. Agents on a break are not in the task's count. */
  agents: { ready: number[]; talking: number[]; wrapUp: number[] };
  /** Seconds each call has been ringing, and how long each answered call has waited for an agent. */
  calls: { ringing: number[]; waiting: number[] };
  /** Recent dials and how many a person answered (e.g. the last few hundred). */
  answerRate: { dialed: number; answered: number };
  /** Ring time of answered calls, talk time and wrap-up, as running statistics or histograms. */
  ringTime?: DurationStats;
  talkTime?: DurationStats;
  wrapUp?: DurationStats;
  /** How long unanswered calls last (busy, rejected, no answer); default: they ring to the timeout. */
  unanswered?: DurationStats;
  /** Seconds after which an unanswered call is hung up (default 25). */
  noAnswerTimeout?: number;
  /** Seconds an answered call may wait for an agent before it is abandoned (default 2). */
  secondsToAgent?: number;
  abandon: { today: AbandonTally; rolling30Days: AbandonTally; /** Default 0.03. */ target?: number };
  /** Lines the task may use at once: ringing, waiting and talking calls. */
  maxConcurrentCalls: number;
  /** Lines per agent of the task (the dial level's ceiling), default 3. */
  maxLinesPerAgent?: number;
  state?: PacingState | null;
}

/** Kept by the runtime between decisions (plain JSON), so a reason can say how the dial level moved. */
export interface PacingState { dialLevel: number }

/**
 * What decided the count. `model` = the predictive forecast; `ratio` = progressive's lines per free agent;
 * `learning` and `aboveTarget` = predictive fell back to one line per free agent (too few observations yet,
 * or the abandon rate over its target); the caps and `noAgents` / `preview` speak for themselves.
 */
export type PacingLimit =
  | 'preview' | 'noAgents' | 'ratio' | 'model' | 'learning' | 'aboveTarget' | 'maxConcurrentCalls' | 'maxLinesPerAgent';

export interface PacingReason {
  limit: PacingLimit;
  mode: DialMode;
  /** Lines in use (ringing + waiting + talking) per agent of the task, before (the last decision's) and after. */
  dialLevel: { from: number; to: number };
  agents: { ready: number; talking: number; wrapUp: number; /** Mean idle seconds of the ready ones. */ idleSeconds: number };
  inFlight: number;
  answerRate: number;
  abandon: { today: number; rolling30Days: number; target: number };
  /** Predictive only: the forecast over the next ring time with the calls launched now. */
  forecast?: {
    horizonSeconds: number; answers: number; abandons: number;
    /** Expected abandons allowed per expected answer, and the abandons the day could take (see decide.ts). */
    allowedRate: number; headroom: number;
  };
}

export interface PacingDecision {
  /** Calls to launch now. */
  launch: number;
  reason: PacingReason;
  /** The reason as one sentence each in Chinese and English, for the log and the supervisors' screen. */
  text: { zh: string; en: string };
  state: PacingState;
}
