import type { RELATIVE_RANGES } from './schema.js';

export type RelativeRange = (typeof RELATIVE_RANGES)[number];
export interface DateRangeInput { range: RelativeRange; from?: string; to?: string }
/** A resolved period: instants (to exclusive) and the local dates it covers (to inclusive). */
export interface ResolvedRange { from: Date; to: Date; fromDate: string; toDate: string }

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** Local time minus UTC at the instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** The local calendar day of an instant, as days since 1970-01-01. */
export function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetAt(ms, timeZone)) / DAY);
}

/** The instant the local day begins (midnight; the first instant of the day where a clock skips midnight). */
export function startOfLocalDayNumber(day: number, timeZone: string): Date {
  const wall = day * DAY;
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

const dayOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** Days since 1970-01-01 of the first day of the month `delta` months from the day's month. */
function monthStart(day: number, delta: number): number {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1) / DAY;
}

function resolved(fromDay: number, toDayExclusive: number, timeZone: string): ResolvedRange {
  return {
    from: startOfLocalDayNumber(fromDay, timeZone), to: startOfLocalDayNumber(toDayExclusive, timeZone),
    fromDate: dateOfDay(fromDay), toDate: dateOfDay(toDayExclusive - 1),
  };
}

/** The local days [from, to) a range covers, seen from `now`. Weeks start on Monday. */
function days(input: DateRangeInput, today: number): [number, number] {
  const monday = today - ((((today + 3) % 7) + 7) % 7);
  switch (input.range) {
    case 'today': return [today, today + 1];
    case 'yesterday': return [today - 1, today];
    case 'thisWeek': return [monday, monday + 7];
    case 'lastWeek': return [monday - 7, monday];
    case 'last7Days': return [today - 6, today + 1];
    case 'last30Days': return [today - 29, today + 1];
    case 'thisMonth': return [monthStart(today, 0), monthStart(today, 1)];
    case 'lastMonth': return [monthStart(today, -1), monthStart(today, 0)];
    case 'custom': return [dayOfDate(input.from!), dayOfDate(input.to!) + 1];
  }
}

/** A relative range (today, this week...) as instants in the workspace's time zone, at `now`. */
export function resolveRange(input: DateRangeInput, now: number, timeZone: string): ResolvedRange {
  const [from, to] = days(input, localDayNumber(now, timeZone));
  return resolved(from, to, timeZone);
}

/** The period just before: the previous month for a calendar month, otherwise as many days just before. */
export function previousRange(input: DateRangeInput, now: number, timeZone: string): ResolvedRange {
  const [from, to] = days(input, localDayNumber(now, timeZone));
  if (input.range === 'thisMonth' || input.range === 'lastMonth') return resolved(monthStart(from, -1), from, timeZone);
  return resolved(from - (to - from), from, timeZone);
}
