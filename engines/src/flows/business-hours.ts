import type { FlowNodeOf } from '@telesales/schemas';

type HoursConfig = FlowNodeOf<'hours'>['config'];
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const DAYS: Record<string, Day> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

// Building a DateTimeFormat is costly next to using one; a handful of time zones serve every call.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `at` in the time zone: its weekday, date (YYYY-MM-DD) and time (HH:MM). */
export function localTime(at: string, timeZone: string): { day: Day; date: string; time: string } {
  const parts = Object.fromEntries(format(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { day: DAYS[parts.weekday!]!, date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Open when the local time falls in one of the day's ranges (from inclusive, to exclusive; "24:00" closes at
 * midnight) and the local date is not a holiday. An unknown time zone throws (publish checks refuse it).
 */
export function isOpen(config: HoursConfig, at: string): boolean {
  const local = localTime(at, config.timeZone);
  if (config.holidays?.includes(local.date)) return false;
  const ranges = config.week[local.day] ?? [];
  // HH:MM strings compare in time order.
  return ranges.some((r) => r.from <= local.time && local.time < r.to);
}
