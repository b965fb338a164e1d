/**
 * May this number be dialled now, for this task? Asked when a number is picked for the hopper and again at
 * the moment of dialling; pure, so the same history and rules give the same verdict in the dialer, in the
 * compliance report and in tests. A refusal says which rule refused and the earliest moment every rule would
 * allow (if nothing else happens before), so the dialer can schedule the number instead of asking again.
 */
import { sentences } from './messages.js';
import type { CallingRules, DialQuestion, DialRefusal, DialVerdict, Weekday } from './types.js';
import { dayOf, instantsOf, isTimeZone, transitionsNear, wallClock, weekdayOf } from './zoned-time.js';

export const DEFAULT_ABANDON_COOL_OFF_HOURS = 72;
/** How far ahead the next opening is looked for before "never" (a year and a bit covers yearly holidays). */
const LOOKAHEAD_DAYS = 400;

interface Prepared {
  ranges: Record<Weekday, [number, number][]>;
  anyRange: boolean;
  holidays: Set<number>;
}
interface Attempt { at: number; ownTask: boolean; abandoned: boolean }
interface Context {
  rules: CallingRules;
  prepared: Prepared;
  zone: string;
  attempts: Attempt[];
  reserved: boolean;
}
interface Refusal { refusal: DialRefusal; next: number | null }

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

// Rules objects are few and long-lived (one per published task); their windows are parsed once.
const preparedRules = new WeakMap<CallingRules, Prepared>();
function prepare(rules: CallingRules): Prepared {
  let p = preparedRules.get(rules);
  if (!p) {
    const ranges = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } as Record<Weekday, [number, number][]>;
    for (const day of Object.keys(ranges) as Weekday[]) {
      for (const w of rules.windows[day] ?? []) {
        const from = minutesOf(w.from);
        const to = minutesOf(w.to);
        if (from >= 0 && to <= 1440 && from < to) ranges[day].push([from, to]);
      }
    }
    p = { ranges, anyRange: Object.values(ranges).some((r) => r.length > 0), holidays: new Set((rules.holidays ?? []).map(dayOf)) };
    preparedRules.set(rules, p);
  }
  return p;
}

const toMs = (at: number | string): number => (typeof at === 'number' ? at : Date.parse(at));

function windowAllows(ctx: Context, at: number): boolean {
  const local = wallClock(at, ctx.zone);
  return !ctx.prepared.holidays.has(local.day)
    && ctx.prepared.ranges[local.weekday].some(([from, to]) => from <= local.minutes && local.minutes < to);
}

/** The first instant after `at` inside a window on a day that is not a holiday; null when none comes. */
function nextOpening(ctx: Context, at: number): number | null {
  if (!ctx.prepared.anyRange) return null;
  const start = wallClock(at, ctx.zone).day;
  let best = Infinity;
  let foundOn = Infinity;
  // A day before too: a clock going back can return to yesterday's date. One day past the first find, as a
  // clock change can put the next date's opening before a later one of this date.
  for (let i = -1; i <= LOOKAHEAD_DAYS && i <= foundOn + 1; i++) {
    const day = start + i;
    const candidates = [...transitionsNear(day, ctx.zone)];
    if (!ctx.prepared.holidays.has(day)) for (const [from] of ctx.prepared.ranges[weekdayOf(day)]) candidates.push(...instantsOf(day, from, ctx.zone));
    for (const c of candidates) {
      if (c > at && c < best && windowAllows(ctx, c)) { best = c; foundOn = Math.max(0, i); }
    }
  }
  return Number.isFinite(best) ? best : null;
}

/** The first instant after `at` whose local date is later than at's. */
function nextLocalDay(ctx: Context, at: number): number {
  const today = wallClock(at, ctx.zone).day;
  const candidates = [...instantsOf(today + 1, 0, ctx.zone), ...transitionsNear(today + 1, ctx.zone)]
    .filter((c) => c > at && wallClock(c, ctx.zone).day > today);
  return candidates.length ? Math.min(...candidates) : at + 60_000;
}

/** Every rule that refuses at `at`, each with the earliest later moment it would allow (null = never). */
function refusals(ctx: Context, at: number): Refusal[] {
  const out: Refusal[] = [];
  const { rules } = ctx;
  const lifetime = rules.perNumber?.lifetime;
  const perDay = rules.perNumber?.perDay;
  let own = 0;
  let lastAbandoned = -Infinity;
  for (const a of ctx.attempts) {
    if (a.ownTask) own++;
    if (a.abandoned && a.at > lastAbandoned) lastAbandoned = a.at;
  }
  if (lifetime !== undefined && own >= lifetime) out.push({ refusal: 'lifetimeLimit', next: null });

  const coolOff = (rules.abandonCoolOffHours ?? DEFAULT_ABANDON_COOL_OFF_HOURS) * 3_600_000;
  if (!ctx.reserved && at - lastAbandoned < coolOff) out.push({ refusal: 'abandonedRecently', next: lastAbandoned + coolOff });

  let capNext = -Infinity;
  for (const cap of rules.workspaceCaps ?? []) {
    const within = cap.withinSeconds * 1000;
    const recent = ctx.attempts.filter((a) => a.at > at - within && a.at <= at).map((a) => a.at).sort((x, y) => y - x);
    // The window is (at - within, at]: the cap-th most recent call leaving it makes room for one more.
    if (recent.length >= cap.calls) capNext = Math.max(capNext, recent[cap.calls - 1]! + within);
  }
  if (capNext > -Infinity) out.push({ refusal: 'workspaceCap', next: capNext });

  if (perDay !== undefined) {
    const today = wallClock(at, ctx.zone).day;
    let todayCount = 0;
    for (const a of ctx.attempts) if (a.ownTask && wallClock(a.at, ctx.zone).day === today) todayCount++;
    if (todayCount >= perDay) out.push({ refusal: 'dailyLimit', next: nextLocalDay(ctx, at) });
  }

  if (!windowAllows(ctx, at)) {
    const holiday = ctx.prepared.holidays.has(wallClock(at, ctx.zone).day);
    out.push({ refusal: holiday ? 'holiday' : 'outsideWindow', next: nextOpening(ctx, at) });
  }
  return out;
}

const ORDER: DialRefusal[] = ['doNotCall', 'lifetimeLimit', 'abandonedRecently', 'workspaceCap', 'dailyLimit', 'holiday', 'outsideWindow'];

export function mayDial(question: DialQuestion): DialVerdict {
  const now = toMs(question.at);
  const callee = question.number.timeZone;
  const zone = callee && isTimeZone(callee) ? callee : question.rules.timeZone;
  const ctx: Context = {
    rules: question.rules,
    prepared: prepare(question.rules),
    zone,
    attempts: question.number.attempts.map((a) => ({ at: toMs(a.at), ownTask: a.taskId === question.taskId, abandoned: a.abandoned === true })),
    reserved: question.agentReserved === true,
  };
  const found = refusals(ctx, now);
  if (question.number.doNotCall) found.unshift({ refusal: 'doNotCall', next: null });
  const refused = ORDER.filter((r) => found.some((f) => f.refusal === r));
  const nextAt = found.length === 0 ? now : nextAllowed(ctx, now, found);
  const verdict = { allowed: found.length === 0, refusals: refused, nextAt, timeZone: zone, ...(refused.length ? { reason: refused[0]! } : {}) };
  return { ...verdict, text: sentences(verdict, question, ctx.attempts.filter((a) => a.ownTask).length) };
}

/**
 * The earliest moment no rule refuses: each refusing rule names the earliest moment it would allow, the
 * latest of those is asked again (another rule may refuse then: a window closed by the time a cap clears),
 * until none refuses. Each step moves forward, and the rules only depend on past attempts, so it ends.
 */
function nextAllowed(ctx: Context, now: number, first: Refusal[]): number | null {
  let at = now;
  let found = first;
  for (let step = 0; step < 64; step++) {
    if (found.length === 0) return at;
    let next = at;
    for (const f of found) {
      if (f.next === null) return null;
      next = Math.max(next, f.next);
    }
    at = next > at ? next : at + 60_000;
    found = refusals(ctx, at);
  }
  return null;
}
