// "This week" of the distribution's fairness begins on Monday 00:00 where the agents work (TIME_ZONE), not in UTC.
import { describe, expect, it } from 'vitest';
import { isoWeek, receivedThisWeek } from '@telesales/runtime/ownership/agent-status';
import { readConfig } from '@telesales/runtime/config';

describe('isoWeek in the workspace time zone', () => {
  it('turns to the new week at Monday 00:00 local time', () => {
    // Monday 2026-11-23 00:30 in Shanghai is still Sunday 16:30 in UTC.
    const mondayEarly = new Date('2026-11-22T16:30:00Z');
    expect(isoWeek(mondayEarly, 'Asia/Shanghai')).toBe('2026-W48');
    expect(isoWeek(mondayEarly, 'UTC')).toBe('2026-W47');
    // Sunday 23:30 in Shanghai: the old week there.
    expect(isoWeek(new Date('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-W47');
  });

  it('follows ISO years at the turn of the year (the week of the first Thursday)', () => {
    expect(isoWeek(new Date('2026-12-31T12:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-03T12:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T00:30:00+08:00'), 'Asia/Shanghai')).toBe('2027-W01');
  });

  it('counts what an agent received only within the current local week', () => {
    const status = { _id: 'a', week: '2026-W47', receivedThisWeek: 12 };
    expect(receivedThisWeek(status, new Date('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe(12);
    expect(receivedThisWeek(status, new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe(0);
  });

  it('TIME_ZONE defaults to Asia/Shanghai and refuses what is not a zone', () => {
    expect(readConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(readConfig({ TIME_ZONE: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    expect(() => readConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE must be an IANA time zone/);
  });
});
