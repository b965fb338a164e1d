// The waits between the runtime endpoint's attempts to reach the SIP server again (telephony/src/endpoint/backoff.ts).
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '@telesales/telephony/endpoint/index';

describe('retry waits after the SIP server went away', () => {
  it('start at 1 s, double, stop growing at 30 s', () => {
    const top = () => 1; // the jitter at its top: the plain schedule
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => retryDelayMs(n, top))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('are jittered down by at most a fifth, so runtimes that lost the same server do not retry together', () => {
    expect(retryDelayMs(0, () => 0)).toBe(800);
    expect(retryDelayMs(10, () => 0)).toBe(24_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(3600);
  });
});
