/** What the kinds with calling hours (flow time nodes, outbound tasks' schedules) check alike. */

/** An IANA time zone this runtime knows (Intl throws on an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" (already matched by the schema's pattern) as minutes after midnight. */
export const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
