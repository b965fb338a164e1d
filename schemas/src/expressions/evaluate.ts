import type { ExpressionError } from './bounds.js';
import { compileExpression, type Expression } from './compile.js';
import { EXPRESSION_LIMITS, type CooperativeLimits } from './limits.js';

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/** `at`: the time `$now()` and `$millis()` answer (a flow's event time, so a replayed call takes the same branches). */
export interface EvaluationOptions {
  at?: string;
}

/** "code at position: message", the one form an expression's error takes in traces and reports. */
export function errorText(e: unknown): string {
  const err = e as Partial<ExpressionError>;
  return `${err.code ?? 'error'}${err.position !== undefined ? ` at ${err.position}` : ''}: ${err.message ?? String(e)}`;
}

/** jsonata returns arrays tagged as sequences and may return functions: keep only what JSON can hold. */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

type Compiled = { expression: Expression } | { error: string };

/**
 * Compiled expressions by source, so a published definition's expressions compile once per process (or
 * worker). Bounded: past the cap the cache starts over rather than grow with every draft simulated.
 */
export class ExpressionCache {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly limits: CooperativeLimits = EXPRESSION_LIMITS, private readonly max = 1000) {}

  get(source: string): Compiled {
    let found = this.compiled.get(source);
    if (!found) {
      try {
        found = { expression: compileExpression(source, this.limits) };
      } catch (e) {
        found = { error: errorText(e) };
      }
      if (this.compiled.size >= this.max) this.compiled.clear();
      this.compiled.set(source, found);
    }
    return found;
  }

  /** Evaluates in this thread: bounded by steps, depth and sizes, but not stoppable from outside (see the runtime's workers). */
  async evaluate(source: string, input: unknown, options: EvaluationOptions = {}): Promise<Evaluation> {
    const compiled = this.get(source);
    if ('error' in compiled) return { ok: false, error: compiled.error };
    const bindings = options.at === undefined ? {} : timeBindings(options.at);
    try {
      return { ok: true, value: plain(await compiled.expression.evaluate(input, bindings)) };
    } catch (e) {
      return { ok: false, error: errorText(e) };
    }
  }
}

function timeBindings(at: string): Record<string, unknown> {
  const millis = Date.parse(at);
  return { now: () => at, millis: () => millis };
}
