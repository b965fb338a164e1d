import type { Db } from 'mongodb';

/**
 * Per agent: presence (the console's heartbeat), the receiving switch, ticket balances and how many
 * customers automatic distribution gave them this week (the fewest leads a new round).
 */
export interface AgentStatusDoc {
  _id: string;
  lastSeenAt?: Date;
  /** Absent = on: a new agent receives. */
  receiving?: boolean;
  reward?: number;
  penalty?: number;
  /** ISO week ("2026-W48") the `receivedThisWeek` count belongs to. */
  week?: string;
  receivedThisWeek?: number;
}

export const agentStatusCollection = (db: Db) => db.collection<AgentStatusDoc>('agent_status');

/** An agent counts as online for this long after the console's last heartbeat (it beats every 60 s). */
export const ONLINE_MS = 3 * 60_000;

export const isOnline = (s: AgentStatusDoc | undefined, now: Date) => !!s?.lastSeenAt && now.getTime() - s.lastSeenAt.getTime() < ONLINE_MS;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `date` in `timeZone` (IANA), as a UTC midnight. */
export function localDay(date: Date, timeZone: string): Date {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return new Date(`${f.format(date)}T00:00:00Z`);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clock in `timeZone` is ahead of UTC at `date` (ms; +8 h in Shanghai). */
function zoneOffsetMs(date: Date, timeZone: string): number {
  let f = clockFormats.get(timeZone);
  if (!f) {
    clockFormats.set(timeZone, f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }));
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant the calendar day of `date` began in `timeZone` (Shanghai's today starts at 16:00 UTC the day
 * before). The offset is taken at that midnight itself, so a day that starts just after a DST change is right.
 */
export function startOfLocalDay(date: Date, timeZone: string): Date {
  const midnight = localDay(date, timeZone).getTime();
  const guess = midnight - zoneOffsetMs(date, timeZone);
  return new Date(midnight - zoneOffsetMs(new Date(guess), timeZone));
}

/**
 * The ISO-8601 week of a date in the workspace's time zone, e.g. "2026-W48": weeks start on Monday 00:00 where
 * the agents work, not in UTC (which would be Monday 08:00 in Beijing).
 */
export function isoWeek(date: Date, timeZone: string): string {
  const d = localDay(date, timeZone);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const receivedThisWeek = (s: AgentStatusDoc | undefined, now: Date, timeZone: string) =>
  (s?.week === isoWeek(now, timeZone) ? (s.receivedThisWeek ?? 0) : 0);
