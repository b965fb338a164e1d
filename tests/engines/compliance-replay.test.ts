// A replay of 1,000,000 dial decisions (seeded): numbers in zones with and without clock changes (New York,
// London, Lord Howe's half hour, Chatham's 12:45, St John's -3:30, Kolkata, Shanghai, São Paulo) or with no
// known zone, four tasks with their own windows (some in the hours clocks skip or repeat), holidays and
// per-number limits, the workspace caps across tasks, abandoned calls with and without a reserved agent, and
// numbers going on and off the do-not-call list. Each number lives its own timeline: the next question comes
// seconds, minutes, hours or days later, or exactly at (or just before) the moment the last refusal named, as
// a dialer scheduling retries would ask. Every allowed call is dialled (and recorded, sometimes abandoned).
//
// An independent checker (its own wall clock from Intl's formatted text, its own window and day logic) re-decides
// every question: an allowed dial that breaks a rule is a violation, and so is a refusal with no rule behind it.
// For a sample of refusals, the named next moment must be allowed and the second before it (and a moment in
// between) must not. Expected: zero of each. REPLAY_DECISIONS sets the count (default 1,000,000).
import { describe, expect, it } from 'vitest';
import { mayDial, type CallingRules, type DialAttempt, type DialRefusal } from '@telesales/engines/compliance';
import { seededRandom } from '@telesales/engines/seeded-random';

const DECISIONS = Number(process.env.REPLAY_DECISIONS ?? 1_000_000);
const PER_NUMBER = 500;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const day = (from: string, to: string) => ({ from, to });
const everyDay = (...ranges: { from: string; to: string }[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ranges])) as CallingRules['windows'];
const caps = [{ calls: 5, withinSeconds: 86_400 }, { calls: 3, withinSeconds: 300 }];
const TASKS: Record<string, CallingRules> = {
  renewals: {
    timeZone: 'Asia/Shanghai',
    windows: { ...everyDay(day('08:00', '12:00'), day('13:30', '21:00')), sat: [day('09:00', '17:00')], sun: [] },
    holidays: ['2026-05-01', '2026-10-01', '2026-10-02', '2026-10-05', '2027-01-01'],
    perNumber: { perDay: 2, lifetime: 30 }, workspaceCaps: caps,
  },
  winBack: {
    timeZone: 'America/New_York', windows: everyDay(day('09:00', '20:00')),
    holidays: ['2026-07-04', '2026-11-26', '2026-12-25'], perNumber: { perDay: 3, lifetime: 60 }, workspaceCaps: caps,
  },
  nights: {
    timeZone: 'Europe/London',
    windows: { ...everyDay(day('09:00', '17:30')), sat: [day('22:00', '24:00')], sun: [day('00:00', '00:15'), day('00:30', '03:00')] },
    holidays: ['2026-12-25'], perNumber: { perDay: 1, lifetime: 40 }, workspaceCaps: caps, abandonCoolOffHours: 72,
  },
  edges: { timeZone: 'Pacific/Chatham', windows: everyDay(day('01:00', '03:30'), day('07:00', '22:00')), workspaceCaps: caps },
};
const TASK_IDS = Object.keys(TASKS);
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham',
  'America/St_Johns', 'Asia/Kolkata', 'America/Sao_Paulo', null];

// ---- The independent checker ------------------------------------------------------------------------------
const checkerFormats = new Map<string, Intl.DateTimeFormat>();
const localMemo = new Map<string, { date: string; weekday: string; hm: string }>();
/** The wall clock as text: "Mon, 09/03/2026, 10:05" (en-GB) taken apart, nothing computed from offsets. */
function local(ms: number, zone: string): { date: string; weekday: string; hm: string } {
  const key = `${zone}|${ms}`;
  const hit = localMemo.get(key);
  if (hit) return hit;
  let f = checkerFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    checkerFormats.set(zone, f);
  }
  const m = /^(\w{3}), (\d{2})\/(\d{2})\/(\d{4}), (\d{2}:\d{2})$/.exec(f.format(ms));
  if (!m) throw new Error(`unexpected format ${f.format(ms)}`);
  const out = { weekday: m[1]!.toLowerCase(), date: `${m[4]}-${m[3]}-${m[2]}`, hm: m[5]! };
  if (localMemo.size > 2_000_000) localMemo.clear();
  localMemo.set(key, out);
  return out;
}

interface Attempt extends DialAttempt { at: number; abandoned: boolean }
/** The rules, read plainly: what refuses a dial for `taskId` at `at`, given everything before it. */
function checkerRefusals(taskId: string, at: number, zone: string, dnc: boolean, attempts: Attempt[], reserved: boolean): string[] {
  const r = TASKS[taskId]!;
  const out: string[] = [];
  if (dnc) out.push('doNotCall');
  const own = attempts.filter((a) => a.taskId === taskId);
  if (r.perNumber?.lifetime !== undefined && own.length >= r.perNumber.lifetime) out.push('lifetimeLimit');
  const now = local(at, zone);
  if (r.perNumber?.perDay !== undefined) {
    const today = own.filter((a) => at - a.at < 2 * DAY && local(a.at, zone).date === now.date).length;
    if (today >= r.perNumber.perDay) out.push('dailyLimit');
  }
  for (const cap of r.workspaceCaps ?? []) {
    if (attempts.filter((a) => a.at > at - cap.withinSeconds * 1000).length >= cap.calls) { out.push('workspaceCap'); break; }
  }
  if (!reserved && attempts.some((a) => a.abandoned && at - a.at < (r.abandonCoolOffHours ?? 72) * HOUR)) out.push('abandonedRecently');
  if ((r.holidays ?? []).includes(now.date)) out.push('holiday');
  else if (!(r.windows[now.weekday as 'mon'] ?? []).some((w) => w.from <= now.hm && now.hm < w.to)) out.push('outsideWindow');
  return out;
}

describe(`compliance replay: ${DECISIONS.toLocaleString('en')} dial decisions`, () => {
  it('no allowed dial breaks a rule, no refusal lacks one, and the named next moment is the first allowed', () => {
    const random = seededRandom('compliance-replay');
    const pick = <T,>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(random() * xs.length))]!;
    const seen: Record<string, number> = { allowed: 0 };
    const violations: string[] = [];
    let nextChecks = 0;
    const start = Date.parse('2026-01-01T00:00:00Z');

    for (let n = 0; n * PER_NUMBER < DECISIONS; n++) {
      const zone = pick(ZONES);
      const attempts: Attempt[] = [];
      let dnc = random() < 0.03;
      let at = start + Math.floor(random() * 270 * DAY);
      let lastNext: number | null = null;
      for (let i = 0; i < PER_NUMBER && n * PER_NUMBER + i < DECISIONS; i++) {
        const u = random();
        if (lastNext !== null && u < 0.2) at = lastNext;
        else if (lastNext !== null && u < 0.25) at = Math.max(at, lastNext - Math.ceil(random() * 60) * 1000);
        else if (u < 0.5) at += Math.floor(random() * 120_000);
        else if (u < 0.7) at += Math.floor(random() * 30 * MINUTE);
        else if (u < 0.9) at += Math.floor(random() * 12 * HOUR);
        else at += Math.floor(random() * 4 * DAY);
        // On the list now and then (a callee asks to be removed; a list is re-imported), off it again later.
        if (random() < (dnc ? 0.05 : 0.003)) dnc = !dnc;
        const taskId = pick(TASK_IDS);
        const reserved = random() < 0.1;
        const v = mayDial({ taskId, at, rules: TASKS[taskId]!, number: { timeZone: zone, doNotCall: dnc, attempts }, agentReserved: reserved });
        const checkZone = zone ?? TASKS[taskId]!.timeZone;
        const refusing = checkerRefusals(taskId, at, checkZone, dnc, attempts, reserved);
        if (v.allowed !== (refusing.length === 0)) {
          violations.push(`${new Date(at).toISOString()} ${taskId} ${checkZone}: mayDial ${v.allowed ? 'allowed' : `refused (${v.refusals})`}, checker ${refusing.join(',') || 'allows'}`);
        }
        if (v.allowed) {
          seen.allowed!++;
          attempts.push({ at, taskId, abandoned: random() < 0.08 });
          lastNext = null;
        } else {
          for (const r of v.refusals) seen[r] = (seen[r] ?? 0) + 1;
          lastNext = v.nextAt;
          // The named next moment: allowed then, refused the second before and somewhere in between.
          if (v.nextAt !== null && i % 4 === 0) {
            nextChecks++;
            const allowedAt = (t: number) => checkerRefusals(taskId, t, checkZone, dnc, attempts, reserved).length === 0;
            const between = at + Math.floor(random() * (v.nextAt - at));
            if (!allowedAt(v.nextAt)) violations.push(`${new Date(at).toISOString()} ${taskId} ${checkZone}: next ${new Date(v.nextAt).toISOString()} is not allowed`);
            for (const t of [v.nextAt - 1000, between]) {
              if (t >= at && allowedAt(t)) violations.push(`${new Date(at).toISOString()} ${taskId} ${checkZone}: ${new Date(t).toISOString()} is allowed before the named next ${new Date(v.nextAt).toISOString()}`);
            }
          }
          if (v.nextAt === null && !dnc && !v.refusals.includes('lifetimeLimit')) violations.push(`${new Date(at).toISOString()}: never, without a lasting reason`);
        }
        if (violations.length > 20) break;
      }
      if (violations.length > 20) break;
    }

    console.log(`compliance replay: ${DECISIONS.toLocaleString('en')} decisions, ${JSON.stringify(seen)}, ${nextChecks} next moments checked`);
    expect(violations).toEqual([]);
    // Every rule was put to the test.
    const rules: DialRefusal[] = ['doNotCall', 'lifetimeLimit', 'abandonedRecently', 'workspaceCap', 'dailyLimit', 'holiday', 'outsideWindow'];
    for (const r of rules) expect(seen[r] ?? 0, r).toBeGreaterThan(DECISIONS / 1000);
    expect(seen.allowed).toBeGreaterThan(DECISIONS / 10);
  }, 300_000);
});
