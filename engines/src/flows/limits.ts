/** A flow loops through non-waiting nodes at most this many times per event before the call is ended. */
export const MAX_STEPS_PER_EVENT = 100;
/** And at most this many steps over the whole call (a caller pressing keys forever in a menu loop). */
export const MAX_STEPS_PER_CALL = 2000;
/** Sub-flows calling sub-flows: deeper than this is a loop, not a design. */
export const MAX_SUBFLOW_DEPTH = 10;
