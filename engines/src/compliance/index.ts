export { mayDial, DEFAULT_ABANDON_COOL_OFF_HOURS } from './may-dial.js';
export { dateOf, instantsOf, isTimeZone, wallClock, type WallClock } from './zoned-time.js';
export type * from './types.js';
