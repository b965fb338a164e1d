/**
 * The one expressions module: JSONata compiled with step, depth, size and time bounds and linear-time regular
 * expressions. Pure (no I/O), so publish checks, the builder and the runtime's workers share it; the runtime
 * runs evaluations in worker threads (runtime/src/expressions) so that a hard deadline can stop them.
 */
export { EXPRESSION_LIMITS, type CooperativeLimits } from './limits.js';
export type { ExpressionError } from './bounds.js';
export { compileExpression, checkExpression, type Expression } from './compile.js';
export { ExpressionCache, errorText, type Evaluation, type EvaluationOptions } from './evaluate.js';
