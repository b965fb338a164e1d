// mayDial (engines/src/compliance): may this number be dialled now for this task, and if not, why and from when.
import { describe, expect, it } from 'vitest';
import { mayDial, type CallingRules, type DialAttempt, type DialQuestion } from '@telesales/engines/compliance';

const weekdays = { from: '08:00', to: '21:00' };
const rules: CallingRules = {
  timeZone: 'Asia/Shanghai',
  windows: { mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '21:00' }], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] },
  holidays: ['2026-05-01'],
  perNumber: { perDay: 2, lifetime: 5 },
  workspaceCaps: [{ calls: 5, withinSeconds: 86_400 }, { calls: 3, withinSeconds: 300 }],
};
const ask = (at: string, attempts: DialAttempt[] = [], extra: Partial<DialQuestion> = {}) =>
  mayDial({ taskId: 'renewals', at, rules, number: { doNotCall: false, attempts }, ...extra });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('mayDial', () => {
  it('allows a call inside the window (Monday 10:00 in Shanghai)', () => {
    const v = ask('2026-03-09T02:00:00Z');
    expect(v).toMatchObject({ allowed: true, refusals: [], timeZone: 'Asia/Shanghai' });
    expect(iso(v.nextAt)).toBe('2026-03-09T02:00:00.000Z');
    expect(v.text).toEqual({ zh: '可以拨打', en: 'may dial now' });
  });

  it('outside the window: refused until the next one opens (the lunch break, the night, the weekend)', () => {
    const lunch = ask('2026-03-09T04:30:00Z');
    expect(lunch).toMatchObject({ allowed: false, reason: 'outsideWindow' });
    expect(iso(lunch.nextAt)).toBe('2026-03-09T05:00:00.000Z');
    expect(lunch.text.en).toBe('12:30 local time (Asia/Shanghai) is outside the calling windows; next possible at 2026-03-09 13:00 local time');
    expect(lunch.text.zh).toBe('当地时间 12:30（Asia/Shanghai）不在呼叫时段内；最早可于当地时间 2026-03-09 13:00 拨打');
    expect(iso(ask('2026-03-09T13:00:00Z').nextAt)).toBe('2026-03-10T00:00:00.000Z');
    expect(iso(ask('2026-03-13T13:30:00Z').nextAt)).toBe('2026-03-16T00:00:00.000Z');
  });

  it('a holiday is closed all day, read in the callee zone', () => {
    const v = ask('2026-05-01T02:00:00Z');
    expect(v).toMatchObject({ allowed: false, reason: 'holiday' });
    expect(iso(v.nextAt)).toBe('2026-05-04T00:00:00.000Z');
    // 10:00 in London is 17:00 in Shanghai; the windows are read in London time (Friday 1 May 10:00: a holiday).
    const london = mayDial({ taskId: 'renewals', at: '2026-05-01T09:00:00Z', rules, number: { doNotCall: false, timeZone: 'Europe/London', attempts: [] } });
    expect(london).toMatchObject({ allowed: false, reason: 'holiday', timeZone: 'Europe/London' });
  });

  it('the daily limit counts this task\'s attempts on the callee\'s local day; the next day opens with its window', () => {
    const two = [{ at: '2026-03-09T01:00:00Z', taskId: 'renewals' }, { at: '2026-03-09T01:30:00Z', taskId: 'renewals' }];
    const v = ask('2026-03-09T06:00:00Z', two);
    expect(v).toMatchObject({ allowed: false, reason: 'dailyLimit' });
    expect(iso(v.nextAt)).toBe('2026-03-10T00:00:00.000Z');
    // Another task's attempts do not count toward this task's daily limit.
    expect(ask('2026-03-09T06:00:00Z', two.map((a) => ({ ...a, taskId: 'win-back' }))).allowed).toBe(true);
    // Yesterday evening (local) is another day.
    expect(ask('2026-03-09T06:00:00Z', [{ at: '2026-03-08T15:59:00Z', taskId: 'renewals' }, two[0]!]).allowed).toBe(true);
  });

  it('the lifetime limit and the do-not-call list refuse for good', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ at: `2026-03-0${i + 1}T02:00:00Z`, taskId: 'renewals' }));
    expect(ask('2026-03-09T02:00:00Z', five)).toMatchObject({ allowed: false, reason: 'lifetimeLimit', nextAt: null });
    const dnc = mayDial({ taskId: 'renewals', at: '2026-03-09T02:00:00Z', rules, number: { doNotCall: true, attempts: [] } });
    expect(dnc).toMatchObject({ allowed: false, reason: 'doNotCall', nextAt: null });
    expect(dnc.text.en).toBe('the number is on a do-not-call list; not to be dialled again');
  });

  it('the workspace caps count every task: 3 per 5 minutes, 5 per 24 hours', () => {
    const three = ['01:56', '01:57', '01:58'].map((t, i) => ({ at: `2026-03-09T${t}:00Z`, taskId: `task-${i}` }));
    const v = ask('2026-03-09T02:00:00Z', three);
    expect(v).toMatchObject({ allowed: false, reason: 'workspaceCap' });
    expect(iso(v.nextAt)).toBe('2026-03-09T02:01:00.000Z');
    expect(v.text.en).toContain('(5 per 24 h, 3 per 5 min)');
    const five = ['03-08T03', '03-08T04', '03-08T05', '03-08T06', '03-08T07'].map((t, i) => ({ at: `2026-${t}:00:00Z`, taskId: `task-${i}` }));
    expect(iso(ask('2026-03-09T02:00:00Z', five).nextAt)).toBe('2026-03-09T03:00:00.000Z');
  });

  it('no redial within 72 hours of an abandoned call, unless an agent is reserved for it', () => {
    const abandoned = [{ at: '2026-03-08T02:00:00Z', taskId: 'win-back', abandoned: true }];
    const v = ask('2026-03-09T02:00:00Z', abandoned);
    expect(v).toMatchObject({ allowed: false, reason: 'abandonedRecently' });
    expect(iso(v.nextAt)).toBe('2026-03-11T02:00:00.000Z');
    expect(v.text.zh).toBe('该号码的来电曾被放弃，72 小时内不重拨（除非预留坐席）；最早可于当地时间 2026-03-11 10:00 拨打');
    expect(ask('2026-03-09T02:00:00Z', abandoned, { agentReserved: true }).allowed).toBe(true);
  });

  it('the next time satisfies every rule at once: a cap that clears after the window closes waits for the next window', () => {
    const three = ['12:56', '12:57', '12:58'].map((t) => ({ at: `2026-03-09T${t}:00Z`, taskId: 'other' }));
    const v = ask('2026-03-09T12:59:00Z', three); // 20:59 local; the cap clears at 21:01, after closing.
    expect(v.refusals).toEqual(['workspaceCap']);
    expect(iso(v.nextAt)).toBe('2026-03-10T00:00:00.000Z');
  });

  it('clock changes: a window in the skipped hour opens at the change, one in the repeated hour opens again', () => {
    const ny = (windows: CallingRules['windows']): CallingRules => ({ timeZone: 'America/New_York', windows });
    const q = (r: CallingRules, at: string) => mayDial({ taskId: 't', at, rules: r, number: { doNotCall: false, attempts: [] } });
    // 8 March 2026, 02:00 EST -> 03:00 EDT: 02:30 does not exist; the first moment past it is 03:00 EDT.
    expect(iso(q(ny({ sun: [{ from: '02:30', to: '04:00' }] }), '2026-03-08T05:00:00Z').nextAt)).toBe('2026-03-08T07:00:00.000Z');
    // 1 November 2026, 02:00 EDT -> 01:00 EST: at 01:45 EDT the window 00:30-01:30 is over, and comes back at 01:00 EST.
    expect(iso(q(ny({ sun: [{ from: '00:30', to: '01:30' }] }), '2026-11-01T05:45:00Z').nextAt)).toBe('2026-11-01T06:00:00.000Z');
  });

  it('an unknown callee zone falls back to the task\'s', () => {
    const v = mayDial({ taskId: 'renewals', at: '2026-03-09T02:00:00Z', rules, number: { doNotCall: false, timeZone: 'Mars/Olympus', attempts: [] } });
    expect(v).toMatchObject({ allowed: true, timeZone: 'Asia/Shanghai' });
  });
});
