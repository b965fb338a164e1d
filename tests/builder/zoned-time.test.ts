import { describe, expect, it } from 'vitest';
import { instantIn, wallTimeIn } from '../../builder/src/flows/test/zoned-time.js';

/** The test panel's clock is read on the flow's wall clock, not the browser's. */
describe('wall time in a time zone', () => {
  it('Monday 10:00 in Shanghai is 02:00 UTC, whatever zone this process runs in', () => {
    expect(instantIn('2026-12-07T10:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(wallTimeIn(new Date('2026-12-07T02:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-07T10:00');
  });

  it('follows daylight saving time on both sides of a change', () => {
    expect(instantIn('2026-03-07T10:00', 'America/New_York').toISOString()).toBe('2026-03-07T15:00:00.000Z');
    expect(instantIn('2026-03-09T10:00', 'America/New_York').toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(wallTimeIn(instantIn('2026-07-01T23:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-07-01T23:30');
  });

  it('an incomplete input gives no instant', () => {
    expect(Number.isNaN(instantIn('', 'Asia/Shanghai').getTime())).toBe(true);
  });
});
