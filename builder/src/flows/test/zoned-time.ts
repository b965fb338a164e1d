import type { FlowDefinition } from '@telesales/schemas';

/** The zone a flow without hours nodes is tested in: the runtime's default workspace zone (TIME_ZONE). */
export const DEFAULT_TEST_TIME_ZONE = 'Asia/Shanghai';

/**
 * The zone the test panel's clock is read in: the flow's own (its first hours node's), so "Monday 10:00"
 * means the same to the tester as to the hours node, whatever the browser's zone.
 */
export function flowTimeZone(def: FlowDefinition): string {
  for (const node of def.nodes) if (node.type === 'hours' && isTimeZone(node.config.timeZone)) return node.config.timeZone;
  return DEFAULT_TEST_TIME_ZONE;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a datetime-local value (YYYY-MM-DDTHH:mm) on the wall clock of `zone`. */
export function wallTimeIn(at: Date, zone: string): string {
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// V8 reads odd strings (":00Z") as dates: only a whole datetime-local value counts.
const asUtc = (wall: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall) ? Date.parse(`${wall}:00Z`) : NaN);

/** The instant a datetime-local value names on the wall clock of `zone` (NaN for an incomplete value). */
export function instantIn(wall: string, zone: string): Date {
  const guess = asUtc(wall);
  if (Number.isNaN(guess)) return new Date(NaN);
  // The zone's offset at the guess, then again at the corrected instant (they differ only across a DST change).
  let at = guess - (asUtc(wallTimeIn(new Date(guess), zone)) - guess);
  at = guess - (asUtc(wallTimeIn(new Date(at), zone)) - at);
  return new Date(at);
}
