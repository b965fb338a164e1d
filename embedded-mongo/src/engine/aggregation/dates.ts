// Date parts and truncation in a time zone, as mongod computes them, for the compiled pipeline path.
// A zone's offset is looked up once per 15-minute block (Intl is slow: a million calls cost seconds) and
// reused for every instant of the block: zones change offset on quarter hours since the early 20th century.
// mingo truncates days, weeks and months on the UTC calendar whatever the zone; mongod (and this) on the
// zone's own calendar.

const MINUTE = 60_000;
const DAY = 86_400_000;
const BLOCK = 15 * MINUTE;
/** mongod's reference point for bins: 2000-01-01T00:00:00 in the zone. */
const REF_DAY = Date.UTC(2000, 0, 1) / DAY;

/** Offset from UTC in minutes at an instant. */
export type ZoneOffset = (ms: number) => number;

const FIXED = /^([+-])(\d{2}):?(\d{2})?$/;
const zones = new Map<string, ZoneOffset>();

/** The offset function of a zone name (Olson name or ±hh[:mm]); undefined when the name is not a zone. */
export function zoneOffset(timezone: string | undefined): ZoneOffset | undefined {
  if (timezone === undefined || timezone === 'UTC' || timezone === 'GMT' || timezone === 'Z') return () => 0;
  const known = zones.get(timezone);
  if (known) return known;
  let offset: ZoneOffset | undefined;
  const fixed = FIXED.exec(timezone);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * (fixed[1] === '-' ? -1 : 1);
    offset = () => minutes;
  } else if (timezone.includes('/')) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      return undefined;
    }
    const blocks = new Map<number, number>();
    offset = (ms) => {
      const block = Math.floor(ms / BLOCK);
      let minutes = blocks.get(block);
      if (minutes === undefined) {
        const at = block * BLOCK;
        const parts: Record<string, number> = {};
        for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
        const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
        minutes = Math.round((local - at) / MINUTE);
        if (blocks.size > 200_000) blocks.clear();
        blocks.set(block, minutes);
      }
      return minutes;
    };
  }
  if (offset) zones.set(timezone, offset);
  return offset;
}

/** The instant whose wall-clock time in the zone is `local` (UTC milliseconds read as local time). */
function fromLocal(local: number, offset: ZoneOffset): number {
  const guess = local - offset(local) * MINUTE;
  return local - offset(guess) * MINUTE;
}

const scratch = new Date(0);

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
  /** 0-based day of the year */
  yearDay: number;
  offsetMinutes: number;
}

export function localParts(ms: number, offset: ZoneOffset): LocalParts {
  const offsetMinutes = offset(ms);
  const local = ms + offsetMinutes * MINUTE;
  scratch.setTime(local);
  const year = scratch.getUTCFullYear();
  return {
    year,
    month: scratch.getUTCMonth() + 1,
    day: scratch.getUTCDate(),
    hour: scratch.getUTCHours(),
    minute: scratch.getUTCMinutes(),
    second: scratch.getUTCSeconds(),
    millisecond: scratch.getUTCMilliseconds(),
    weekday: scratch.getUTCDay(),
    yearDay: Math.floor((local - Date.UTC(year, 0, 1)) / DAY),
    offsetMinutes,
  };
}

/** mongod's $week: weeks start on Sunday; days before the year's first Sunday are week 0. */
export function weekOfYear(p: LocalParts): number {
  return Math.floor((p.yearDay + 7 - p.weekday) / 7);
}

/** ISO 8601 week number and its year (for %V and %G). */
export function isoWeek(p: LocalParts): { week: number; year: number } {
  const isoWeekday = p.weekday === 0 ? 7 : p.weekday;
  const thursday = Date.UTC(p.year, p.month - 1, p.day) + (4 - isoWeekday) * DAY;
  scratch.setTime(thursday);
  const year = scratch.getUTCFullYear();
  return { week: Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1, year };
}

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: MINUTE, hour: 60 * MINUTE };
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
export const TRUNC_UNITS = new Set(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond']);

/** The first weekday number (0 = Sunday) of a startOfWeek name, or undefined when it names no day. */
export function weekdayOf(name: string): number | undefined {
  const key = name.toLowerCase().slice(0, 3);
  const full = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  return key in WEEKDAYS && (name.length === 3 || full.includes(name.toLowerCase())) ? WEEKDAYS[key] : undefined;
}

const mod = (a: number, b: number) => ((a % b) + b) % b;

/**
 * truncate() for one unit, bin size, zone and week start, remembering the answer per 15-minute block for
 * units of a day or more (every instant of a block has the same one): a report's dates fall in few blocks.
 */
export function truncator(unit: string, binSize: number, offset: ZoneOffset, startOfWeek: number): (ms: number) => number {
  if (unit in UNIT_MS) return (ms) => truncate(ms, unit, binSize, offset, startOfWeek);
  const blocks = new Map<number, number>();
  return (ms) => {
    const block = Math.floor(ms / BLOCK);
    let start = blocks.get(block);
    if (start === undefined) {
      start = truncate(ms, unit, binSize, offset, startOfWeek);
      if (blocks.size > 200_000) blocks.clear();
      blocks.set(block, start);
    }
    return start;
  };
}

/** $dateTrunc of an instant: the start of its bin of `binSize` units, counted from 2000-01-01 in the zone. */
export function truncate(ms: number, unit: string, binSize: number, offset: ZoneOffset, startOfWeek: number): number {
  const local = ms + offset(ms) * MINUTE;
  if (unit in UNIT_MS) {
    const size = UNIT_MS[unit] * binSize;
    return ms - mod(local - REF_DAY * DAY, size);
  }
  if (unit === 'day' || unit === 'week') {
    const days = Math.floor(local / DAY);
    let first: number;
    if (unit === 'day') first = days - mod(days - REF_DAY, binSize);
    else {
      // Weeks are counted from the first `startOfWeek` on or after 2000-01-01 (a Saturday).
      const refWeek = REF_DAY + mod(startOfWeek - 6, 7);
      const weeks = Math.floor((days - refWeek) / 7);
      first = refWeek + (weeks - mod(weeks, binSize)) * 7;
    }
    return fromLocal(first * DAY, offset);
  }
  scratch.setTime(local);
  const months = (scratch.getUTCFullYear() - 2000) * 12 + scratch.getUTCMonth();
  const size = binSize * (unit === 'quarter' ? 3 : unit === 'year' ? 12 : 1);
  const first = months - mod(months, size);
  return fromLocal(Date.UTC(2000 + Math.floor(first / 12), mod(first, 12), 1), offset);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** $dateToString's specifiers; undefined for a format using one this does not know (mingo decides then). */
export function dateFormatter(format: string): ((ms: number, offset: ZoneOffset) => string) | undefined {
  const pieces: ((p: LocalParts) => string)[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      pieces.push(() => c);
      continue;
    }
    const spec = format[++i];
    const piece: ((p: LocalParts) => string) | undefined = {
      Y: (p: LocalParts) => pad(p.year, 4),
      m: (p: LocalParts) => pad(p.month, 2),
      d: (p: LocalParts) => pad(p.day, 2),
      H: (p: LocalParts) => pad(p.hour, 2),
      M: (p: LocalParts) => pad(p.minute, 2),
      S: (p: LocalParts) => pad(p.second, 2),
      L: (p: LocalParts) => pad(p.millisecond, 3),
      j: (p: LocalParts) => pad(p.yearDay + 1, 3),
      w: (p: LocalParts) => String(p.weekday + 1),
      u: (p: LocalParts) => String(p.weekday === 0 ? 7 : p.weekday),
      U: (p: LocalParts) => pad(weekOfYear(p), 2),
      V: (p: LocalParts) => pad(isoWeek(p).week, 2),
      G: (p: LocalParts) => pad(isoWeek(p).year, 4),
      z: (p: LocalParts) => `${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(p.offsetMinutes) / 60), 2)}${pad(Math.abs(p.offsetMinutes) % 60, 2)}`,
      Z: (p: LocalParts) => String(p.offsetMinutes),
      b: (p: LocalParts) => MONTHS[p.month - 1].slice(0, 3),
      B: (p: LocalParts) => MONTHS[p.month - 1],
      '%': () => '%',
    }[spec];
    if (!piece) return undefined;
    pieces.push(piece);
  }
  return (ms, offset) => {
    const parts = localParts(ms, offset);
    let out = '';
    for (const piece of pieces) out += piece(parts);
    return out;
  };
}
