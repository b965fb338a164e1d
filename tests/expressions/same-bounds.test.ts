// Every expression meets the same bounds with the same error: a pool's landing condition that loops or recurses
// is stopped exactly as a flow's condition is, whether it runs in the runtime's workers or in this thread.
import { afterAll, describe, expect, it } from 'vitest';
import type { PoolDefinition } from '@telesales/schemas';
import { ExpressionCache } from '@telesales/schemas/expressions';
import { ExpressionWorkers } from '@telesales/runtime/expressions/worker-pool';
import { poolChooser } from '@telesales/runtime/imports/pool-condition';
import { drive, flow, node, start } from '../flows/support.js';

/** jsonata runs an endless tail call as a loop: only the step bound stops it. */
const LOOP = '($f := function($n) { $f($n + 1) }; $f(0))';
/** A recursion that is not a tail call: the depth bound stops it. */
const DEEP = '($f := function($n) { 1 + $f($n + 1) }; $f(0))';
const STEP_ERROR = /^F1001 at \d+: Evaluation took more than 20000 steps\. Check for an endless loop$/;
const DEPTH_ERROR = /^D1011 at \d+: /;

const workers = new ExpressionWorkers({ size: 1 });
afterAll(() => workers.close());

/** The note a flow's condition node leaves when its only case fails to evaluate: "case: error". */
async function flowError(expression: string, evaluate?: typeof workers.evaluate): Promise<string> {
  const f = flow([
    node('cond', 'condition', { cases: [{ port: 'runaway', expression }] }, { runaway: 'bye', else: 'bye' }),
    node('bye', 'hangup'),
  ]);
  const { state } = await drive(f, [start()], { evaluate });
  const note = state.trace.find((t) => t.node === 'cond')?.note ?? '';
  expect(note.startsWith('runaway: ')).toBe(true);
  return note.slice('runaway: '.length);
}

/** The error an import's row reports for a pool whose condition fails (the row goes to the default pool). */
async function poolError(condition: string): Promise<string> {
  const pools = [{ key: 'runaway', condition }] as PoolDefinition[];
  const choose = poolChooser(pools, 'default', (source, inputs) => workers.evaluateMany(source, inputs));
  const [choice] = await choose([{ values: { name: 'x' }, source: null }]);
  expect(choice!.pool).toBe('default');
  expect(choice!.failed.map((f) => f.pool)).toEqual(['runaway']);
  return choice!.failed[0]!.error;
}

describe('the one expressions module', () => {
  it('stops a looping pool condition at the step bound, with the error a flow condition gets', async () => {
    const pool = await poolError(LOOP);
    expect(pool).toMatch(STEP_ERROR);
    expect(await flowError(LOOP, workers.evaluate)).toBe(pool);
    // The interpreter alone (no workers, as in its own tests) meets the same bound with the same words.
    expect(await flowError(LOOP)).toBe(pool);
  });

  it('stops a deeply recursing pool condition at the depth bound, with the error a flow condition gets', async () => {
    const pool = await poolError(DEEP);
    expect(pool).toMatch(DEPTH_ERROR);
    expect(await flowError(DEEP, workers.evaluate)).toBe(pool);
    expect(await flowError(DEEP)).toBe(pool);
  });

  it('gives the same error shape wherever it evaluates: "code at position: message"', async () => {
    const here = await new ExpressionCache().evaluate(LOOP, {});
    const there = await workers.evaluate(LOOP, {});
    expect(here).toEqual(there);
    expect(here).toEqual({ ok: false, error: expect.stringMatching(STEP_ERROR) });
  });
});
