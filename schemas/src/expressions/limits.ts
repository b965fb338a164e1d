/**
 * Bounds of one evaluation. Checked by jsonata on every node it evaluates (`stack` -> D1011, `sequence` ->
 * D2015, the wall-clock `timeout` -> D1012) and by our hooks (`steps` -> F1001, `string`/`array` sizes ->
 * L1001/L1002). `steps` is the deterministic bound: the wall clock also counts time spent waiting while other
 * expressions run. `deadline` is the hard stop of the runtime's workers, for whatever escapes the
 * cooperative checks (work inside one built-in function): the worker is terminated.
 */
export const EXPRESSION_LIMITS = {
  timeout: 1000,
  stack: 200,
  sequence: 10_000,
  steps: 20_000,
  /** Characters of any string an expression builds (a value, a `$pad` width, a `$join`). */
  string: 1_000_000,
  /** Milliseconds one evaluation may hold a worker before it is terminated. */
  deadline: 2000,
} as const;

/** The cooperative bounds a caller may change (tests of the hard deadline turn them off). */
export type CooperativeLimits = { [K in 'timeout' | 'stack' | 'sequence' | 'steps' | 'string']: number };
