/** The first retry after the SIP server went away, and the longest wait between two retries. */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/**
 * How long to wait before retry number `attempt` (0 for the first): 1 s doubling up to 30 s, each wait between
 * 80 % and 100 % of that, so many runtimes that lost the same server do not come back in the same millisecond.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
  return Math.round(base * (0.8 + 0.2 * random()));
}
