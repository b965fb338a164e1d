import { afterAll, describe, expect, it } from 'vitest';
import { EXPRESSION_LIMITS } from '@telesales/schemas/expressions';
import { ExpressionWorkers } from '@telesales/runtime/expressions/worker-pool';

// The cooperative bounds off: only the hard deadline can stop this evaluation.
const unbounded = { ...EXPRESSION_LIMITS, timeout: 0, stack: 0, steps: Number.MAX_SAFE_INTEGER };
const ENDLESS = '($f := function($x){ $f($x + 1) }; $f(1))';

const workers = new ExpressionWorkers({ size: 1, deadline: 300, limits: unbounded });
const bounded = new ExpressionWorkers({ size: 1 });
afterAll(async () => {
  await workers.close();
  await bounded.close();
});

describe('expression workers', () => {
  it('terminate an endless evaluation at the deadline, while this thread keeps running', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const result = await workers.evaluate(ENDLESS, {});
    clearInterval(ticker);
    // An endless evaluation only ever returns by being stopped; how long a loaded machine takes to start the
    // worker is no part of the claim, so no wall-clock bound here.
    expect(result).toEqual({ ok: false, error: 'L1003: The evaluation did not finish within 300 ms and was stopped' });
    expect(ticks).toBeGreaterThan(10); // the event loop was never blocked
  });

  it('replace a terminated worker: the next evaluation answers', async () => {
    expect(await workers.evaluate('1 + 1', {})).toEqual({ ok: true, value: 2 });
  });

  it('queue evaluations behind a runaway and fail only the runaway', async () => {
    const [runaway, next] = await Promise.all([workers.evaluate(ENDLESS, {}), workers.evaluate('a * 2', { a: 21 })]);
    expect(runaway.ok).toBe(false);
    expect(next).toEqual({ ok: true, value: 42 });
  });

  it('evaluate a batch in one message, in order, with the event time for $now()', async () => {
    const results = await bounded.evaluateMany('v > 1 ? $now() : v', [{ v: 1 }, { v: 2 }], { at: '2024-05-01T08:00:00.000Z' });
    expect(results).toEqual([{ ok: true, value: 1 }, { ok: true, value: '2024-05-01T08:00:00.000Z' }]);
  });

  it('give the error with its code and position', async () => {
    expect(await bounded.evaluate('1 +', {})).toEqual({ ok: false, error: 'S0207 at 3: Unexpected end of expression' });
    expect(await bounded.evaluate('$pad("x", 60000000)', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^L1001/) });
  });

  it('refuse work once closed', async () => {
    const closing = new ExpressionWorkers();
    await closing.evaluate('1', {});
    await closing.close();
    expect(await closing.evaluate('1', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^L1005/) });
  });
});
