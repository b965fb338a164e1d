export { decidePacing, DEFAULT_ABANDON_TARGET, DEFAULT_MAX_LINES_PER_AGENT, DEFAULT_NO_ANSWER_TIMEOUT, DEFAULT_SECONDS_TO_AGENT } from './decide.js';
export { simulateDialerDay, type DialerDayConfig, type DialerDayResult } from './simulate.js';
export type * from './types.js';
