/**
 * Wall clocks in IANA time zones, from the platform's Intl (ICU's copy of the tz database, the same source
 * the flows' business hours read; engines import nothing else). Formatting a date is slow next to the
 * arithmetic around it, so the zone's offset is kept per hour: an hour whose first and last second share an
 * offset has no transition inside (no zone changes twice within an hour), and the few hours that hold one
 * are asked second by second.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface WallClock {
  /** The local date as a day number (days since 1970-01-01); see dateOf. */
  day: number;
  weekday: Weekday;
  /** Minutes since local midnight, whole (08:30:59 is 510). */
  minutes: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const formats = new Map<string, Intl.DateTimeFormat>();
const hourOffsets = new Map<string, Map<number, number>>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try { format(timeZone); return true; } catch { return false; }
}

/** Offset (local minus UTC, ms) at the instant, asked of Intl. */
function exactOffset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return local - Math.floor(ms / 1000) * 1000;
}

/** Offset (local minus UTC, ms) at the instant. */
export function offsetAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR);
  let zone = hourOffsets.get(timeZone);
  if (!zone) { zone = new Map(); hourOffsets.set(timeZone, zone); }
  let offset = zone.get(hour);
  if (offset === undefined) {
    const first = exactOffset(hour * HOUR, timeZone);
    offset = first === exactOffset(hour * HOUR + HOUR - 1000, timeZone) ? first : NaN;
    if (zone.size > 50_000) zone.clear();
    zone.set(hour, offset);
  }
  return Number.isNaN(offset) ? exactOffset(ms, timeZone) : offset;
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const local = ms + offsetAt(ms, timeZone);
  const day = Math.floor(local / DAY);
  return { day, weekday: WEEKDAYS[(((day + 4) % 7) + 7) % 7]!, minutes: Math.floor((local - day * DAY) / 60_000) };
}

/** The local date as YYYY-MM-DD. */
export const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
/** Day number of a YYYY-MM-DD date (NaN when it is not one). */
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
export const weekdayOf = (day: number): Weekday => WEEKDAYS[(((day + 4) % 7) + 7) % 7]!;

/**
 * The instants whose wall clock reads `minutes`:00 on local day `day`. Usually one; two in the hour a clock
 * goes back; none in the hour it skips (the transition itself is then found by `transitionsNear`).
 */
export function instantsOf(day: number, minutes: number, timeZone: string): number[] {
  const wall = day * DAY + minutes * 60_000;
  const before = wall - offsetAt(wall - 12 * HOUR, timeZone);
  const after = wall - offsetAt(wall + 12 * HOUR, timeZone);
  const out: number[] = [];
  if (before + offsetAt(before, timeZone) === wall) out.push(before);
  if (after !== before && after + offsetAt(after, timeZone) === wall) out.push(after);
  return out.sort((a, b) => a - b);
}

const transitions = new Map<string, number[]>();

/** The instants (to the second) where the zone's offset changes within a day and a half around the local day. */
export function transitionsNear(day: number, timeZone: string): number[] {
  const key = `${timeZone}:${day}`;
  const known = transitions.get(key);
  if (known) return known;
  const start = day * DAY - 18 * HOUR;
  const out: number[] = [];
  for (let h = 0; h < 60; h += 6) {
    let lo = start + h * HOUR;
    let hi = lo + 6 * HOUR;
    const before = offsetAt(lo, timeZone);
    if (offsetAt(hi, timeZone) === before) continue;
    // lo has the old offset, hi the new: narrow to the first second with the new one.
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(mid, timeZone) === before) lo = mid; else hi = mid;
    }
    out.push(hi);
  }
  if (transitions.size > 50_000) transitions.clear();
  transitions.set(key, out);
  return out;
}
