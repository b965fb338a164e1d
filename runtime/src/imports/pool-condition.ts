import jsonataModule from 'jsonata';
import type { PoolDefinition } from '@telesales/schemas';

// jsonata is CommonJS with its function as the export; some loaders wrap it in `default`.
const jsonata = ((jsonataModule as unknown as { default?: typeof jsonataModule }).default ?? jsonataModule) as typeof jsonataModule;

export type PoolChooser = (input: { values: Record<string, unknown>; source: string | null }) => Promise<string>;

/**
 * "Automatic" pool choice of an import: each row goes to the first pool whose JSONata condition is true
 * for `{values, source}`, else to the default pool. A condition that fails to evaluate counts as false:
 * one odd row must not stop an import of 100,000.
 */
export function poolChooser(pools: PoolDefinition[], defaultPool: string): PoolChooser {
  const conditional = pools.filter((p) => p.condition).map((p) => ({ key: p.key, expression: jsonata(p.condition!) }));
  return async (input) => {
    for (const pool of conditional) {
      try {
        if (await pool.expression.evaluate(input)) return pool.key;
      } catch {
        // not this pool
      }
    }
    return defaultPool;
  };
}
