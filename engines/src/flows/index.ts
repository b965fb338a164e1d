export { step } from './step.js';
export { MAX_STEPS_PER_CALL, MAX_STEPS_PER_EVENT, MAX_SUBFLOW_DEPTH } from './limits.js';
export { EXPRESSION_LIMITS, type Evaluator } from './expressions.js';
export { isOpen, localTime } from './business-hours.js';
export type * from './types.js';
