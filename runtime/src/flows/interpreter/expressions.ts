import jsonataModule from 'jsonata';
import type { FlowDefinition } from './types.js';

// jsonata is CommonJS with its function as the export; some loaders wrap it in `default`.
const jsonata = ((jsonataModule as unknown as { default?: typeof jsonataModule }).default ?? jsonataModule) as typeof jsonataModule;

/**
 * Bounds of one evaluation, checked by jsonata on every node it evaluates (its `timeout`/`stack` guardrails,
 * the built-in form of the `timeboxExpression` pattern of its tests): a deep recursion fails with D1011,
 * `sequence` caps the size of any sequence it builds (D2015). The wall-clock `timeout` (D1012) is only a
 * backstop: it also counts time spent waiting while other calls' expressions run, so under load it would
 * fail expressions at random. The deterministic bound is `steps`: evaluation steps counted per evaluation.
 */
export const EXPRESSION_LIMITS = { timeout: 1000, stack: 200, sequence: 10_000, steps: 20_000 } as const;

const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');

/** Counts evaluation steps on the evaluation's own root frame (`base`), so concurrent evaluations never share a count. */
function countSteps(_expr: unknown, _input: unknown, environment: { base: { steps?: number } }): void {
  const base = environment.base;
  base.steps = (base.steps ?? 0) + 1;
  if (base.steps > EXPRESSION_LIMITS.steps) {
    throw { code: 'F1001', message: `Evaluation took more than ${EXPRESSION_LIMITS.steps} steps. Check for an endless loop` };
  }
}

type Compiled = { expression: jsonataModule.Expression } | { error: string };

/** Compiled once per flow version: published flows are cached objects, so the key is the object itself. */
const cache = new WeakMap<FlowDefinition, Map<string, Compiled>>();

function compile(flow: FlowDefinition, source: string): Compiled {
  let forFlow = cache.get(flow);
  if (!forFlow) cache.set(flow, (forFlow = new Map()));
  let compiled = forFlow.get(source);
  if (!compiled) {
    try {
      const { timeout, stack, sequence } = EXPRESSION_LIMITS;
      const expression = jsonata(source, { timeout, stack, sequence });
      expression.assign(ENTRY_HOOK as unknown as string, countSteps);
      compiled = { expression };
    } catch (e) {
      compiled = { error: errorText(e) };
    }
    forFlow.set(source, compiled);
  }
  return compiled;
}

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string; position?: number };
  return `${err.code ?? 'error'}${err.position !== undefined ? ` at ${err.position}` : ''}: ${err.message ?? String(e)}`;
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Evaluates an expression of `flow` over `input`. `$now()` and `$millis()` answer the event's time, not the
 * clock, so a call replayed from the same events takes the same branches.
 */
export async function evaluate(flow: FlowDefinition, source: string, input: object, at: string): Promise<Evaluation> {
  const compiled = compile(flow, source);
  if ('error' in compiled) return { ok: false, error: compiled.error };
  const millis = Date.parse(at);
  try {
    const value = await compiled.expression.evaluate(input, { now: () => at, millis: () => millis });
    return { ok: true, value: plain(value) };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

/** jsonata returns arrays tagged as sequences and may return functions: keep only what JSON can hold. */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  return JSON.parse(JSON.stringify(value) ?? 'null');
}
