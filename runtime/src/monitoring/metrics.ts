/**
 * The wallboard's figures, as DOMAIN.md "Call-center metrics" defines them. Kept in this one small file so they can
 * move onto the metric catalogue (issue 17) without the wallboard changing: every screen should count alike.
 * Pure: the wallboard reads the calls and states, these say what the numbers are.
 */

/** Service level's threshold: answered within this many seconds of entering the queue (the usual 80/20's 20). */
export const SERVICE_LEVEL_SEC = 20;

/** A share in percent with one decimal; null when there is nothing to divide by (no calls is not 0 %). */
export function pct(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Whole seconds from `since` to `now` (never negative: another process's clock may be a little ahead). */
export function secondsSince(since: Date | null | undefined, now: number): number {
  return since ? Math.max(0, Math.floor((now - since.getTime()) / 1000)) : 0;
}

/** One call that entered a queue today: when it queued and when an agent answered it (if one did). */
export interface QueuedCall {
  queuedAt: Date;
  answerAt?: Date | null;
}

/**
 * Service level = calls answered within N s of entering the queue / calls offered to the queue (every call that
 * entered it today, answered, abandoned or still waiting: the domain's denominator is offered, not answered).
 */
export function serviceLevel(calls: QueuedCall[], thresholdSec = SERVICE_LEVEL_SEC): { thresholdSec: number; answeredWithin: number; offered: number; pct: number | null } {
  const answeredWithin = calls.filter((c) => c.answerAt && c.answerAt.getTime() - c.queuedAt.getTime() <= thresholdSec * 1000).length;
  return { thresholdSec, answeredWithin, offered: calls.length, pct: pct(answeredWithin, calls.length) };
}

/** Longest wait among callers waiting now (seconds since the earliest entered the queue; 0 when nobody waits). */
export function longestWaitSec(waitingSince: Date[], now: number): number {
  return waitingSince.reduce((max, at) => Math.max(max, secondsSince(at, now)), 0);
}

/** A call's duration on the wallboard: talking since it was answered, else since it rang. */
export function callDurationSec(call: { ringAt: Date; answerAt?: Date | null }, now: number): number {
  return secondsSince(call.answerAt ?? call.ringAt, now);
}

/*
 * Outbound abandon % (abandoned / answered by a person, today) is the task's own figure (outbound/task-figures.ts),
 * read as it is so the tasks page and the wallboard never differ.
 */
