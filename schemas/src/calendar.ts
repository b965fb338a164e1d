/**
 * Calendar dates that exist. A regex (or Date.parse, which rolls 2026-02-30 over to 2 March) lets impossible
 * days through; these check the day against its month and leap years. Pure: the console and builder use them too.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** RFC 3339 date-time, as the API has always taken it ("T", seconds, a zone), with hours and minutes in range. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Whether the day exists: month 1-12, day within that month of that year. */
export function dayExists(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]!);
}

/** A text's leading YYYY-MM-DD, if it has one, names a day that exists (true when it has none). */
export function leadingDayExists(text: string): boolean {
  const m = DATE.exec(text);
  return !m || dayExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** YYYY-MM-DD of a day that exists. */
export const isIsoDate = (text: string): boolean => text.length === 10 && DATE.test(text) && leadingDayExists(text);

/** An RFC 3339 date-time (2026-02-28T10:00:00+08:00) on a day that exists. */
export const isIsoDateTime = (text: string): boolean => DATE_TIME.test(text) && leadingDayExists(text);
