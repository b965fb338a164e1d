// The wallboard's formulas (runtime/src/monitoring/metrics.ts) on hand-built calls, as DOMAIN.md "Call-center
// metrics" defines them; pinned here until they move onto the metric catalogue.
import { describe, expect, it } from 'vitest';
import { callDurationSec, longestWaitSec, pct, serviceLevel } from '@telesales/runtime/monitoring/metrics';

const at = (sec: number) => new Date(Date.UTC(2026, 4, 4, 2, 0, sec));

describe('wallboard metrics', () => {
  it('service level = answered within N s of queueing / offered (abandoned and still waiting count as offered)', () => {
    const calls = [
      { queuedAt: at(0), answerAt: at(5) }, // within
      { queuedAt: at(0), answerAt: at(20) }, // exactly N: within
      { queuedAt: at(0), answerAt: at(21) }, // late
      { queuedAt: at(0), answerAt: null }, // abandoned
      { queuedAt: at(30) }, // still waiting
    ];
    expect(serviceLevel(calls, 20)).toEqual({ thresholdSec: 20, answeredWithin: 2, offered: 5, pct: 40 });
    expect(serviceLevel([], 20)).toEqual({ thresholdSec: 20, answeredWithin: 0, offered: 0, pct: null });
  });

  it('shares have one decimal; nothing to divide by is null, not 0 %', () => {
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
  });

  it('longest wait, and a call\'s duration from its answer (else its ring), in whole seconds never below 0', () => {
    const now = at(100).getTime();
    expect(longestWaitSec([at(70), at(40), at(90)], now)).toBe(60);
    expect(longestWaitSec([], now)).toBe(0);
    expect(callDurationSec({ ringAt: at(10), answerAt: at(25) }, now)).toBe(75);
    expect(callDurationSec({ ringAt: at(10) }, now)).toBe(90);
    expect(callDurationSec({ ringAt: at(101) }, now)).toBe(0);
  });
});
