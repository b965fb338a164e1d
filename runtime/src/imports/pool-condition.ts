import type { PoolDefinition } from '@telesales/schemas';
import type { Evaluation } from '@telesales/schemas/expressions';

export type ConditionInput = { values: Record<string, unknown>; source: string | null };

/** Where a row goes, and the conditions that could not be evaluated on the way (reported on the row). */
export interface PoolChoice {
  pool: string;
  failed: { pool: string; error: string }[];
}

/** One expression over many inputs in one round trip (`app.expressions.evaluateMany`). */
export type EvaluateMany = (source: string, inputs: unknown[]) => Promise<Evaluation[]>;

/**
 * "Automatic" pool choice of an import: each row goes to the first pool whose JSONata condition is true
 * for `{values, source}`, else to the default pool. A condition that fails to evaluate counts as false and
 * the row reports it: one odd row must not stop an import of 100,000. Rows come a chunk at a time, and each
 * condition is evaluated over the chunk's rows still unplaced in one message to the expression workers.
 */
export function poolChooser(pools: PoolDefinition[], defaultPool: string, evaluateMany: EvaluateMany) {
  const conditional = pools.filter((p) => p.condition);
  return async (inputs: ConditionInput[]): Promise<PoolChoice[]> => {
    const choices: PoolChoice[] = inputs.map(() => ({ pool: defaultPool, failed: [] }));
    let open = inputs.map((_, i) => i);
    for (const pool of conditional) {
      if (!open.length) break;
      const results = await evaluateMany(pool.condition!, open.map((i) => inputs[i]));
      open = open.filter((i, k) => {
        const result = results[k]!;
        if (result.ok && result.value) choices[i]!.pool = pool.key;
        else if (!result.ok) choices[i]!.failed.push({ pool: pool.key, error: shownError(result.error) });
        return !(result.ok && result.value);
      });
    }
    return choices;
  };
}

/**
 * The errors of the bounds say what stopped the condition and carry no value; others (a type error, say) may
 * quote a row's value, and import messages never do: their code and position are shown instead.
 */
const BOUND_ERRORS = /^(F1001|D1011|D1012|D2014|D2015|L100\d|S0900)\b/;
function shownError(error: string): string {
  return BOUND_ERRORS.test(error) ? error : error.split(':')[0]!;
}
