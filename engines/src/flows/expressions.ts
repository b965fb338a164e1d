import { ExpressionCache, type Evaluation, type EvaluationOptions } from '@telesales/schemas/expressions';

export { EXPRESSION_LIMITS } from '@telesales/schemas/expressions';
export type { Evaluation };

/**
 * How the interpreter evaluates its expressions (the one expressions module, with its bounds). The runtime
 * passes its worker threads (`app.expressions`), where a hard deadline can stop a runaway; the interpreter
 * alone (its tests) evaluates in this thread with the same step, depth and size bounds.
 */
export type Evaluator = (source: string, input: object, options: EvaluationOptions) => Promise<Evaluation>;

const inThisThread = new ExpressionCache();
export const evaluateInThisThread: Evaluator = (source, input, options) => inThisThread.evaluate(source, input, options);
