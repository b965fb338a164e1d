import { describe, expect, it } from 'vitest';
import { checkExpression, ExpressionCache } from '@telesales/schemas/expressions';

// The pure module alone, evaluating in this thread: the bounds that stop a runaway from the inside.
const expressions = new ExpressionCache();
const run = (source: string, input: unknown = {}) => expressions.evaluate(source, input);

describe('regular expressions run on a linear-time engine', () => {
  it('answers a catastrophic pattern at once, where a backtracking engine takes seconds', async () => {
    const started = performance.now();
    const result = await run('$match("' + 'a'.repeat(44) + '!", /^(a+)+$/)');
    expect(result).toEqual({ ok: true, value: null });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('keeps what $match, $replace, $contains and $split answer', async () => {
    expect(await run('$match("ab12cd345", /[0-9]+/).match')).toEqual({ ok: true, value: ['12', '345'] });
    expect(await run('$match("xaby", /(a)|(b)/)[1].groups')).toEqual({ ok: true, value: [null, 'b'] });
    expect(await run('$replace("Hello World", /o/, "0")')).toEqual({ ok: true, value: 'Hell0 W0rld' });
    expect(await run('$contains("HELLO", /l+/i)')).toEqual({ ok: true, value: true });
    expect(await run('$split("a1b2c", /[0-9]/)')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(await run('$match("l1\\nl2", /^l[0-9]$/m).match')).toEqual({ ok: true, value: ['l1', 'l2'] });
  });

  it('grows linearly with the input', async () => {
    const time = async (n: number) => {
      const started = performance.now();
      await run('$contains(s, /^(a|aa)+$/)', { s: 'a'.repeat(n) + '!' });
      return performance.now() - started;
    };
    await time(1000); // warm up
    const small = Math.max(await time(2000), 1);
    expect(await time(20000)).toBeLessThan(small * 10 * 4);
  });

  it('refuses what it cannot run (backreferences, lookarounds) with the position, when compiled', () => {
    expect(checkExpression('$match(name, /(a)\\1/)')).toMatchObject({ code: 'S0900', position: expect.any(Number) });
    expect(checkExpression('$match(name, /a(?=b)/)')?.message).toMatch(/not supported.*lookaround/);
    expect(checkExpression('$match(name, /a+b/)')).toBeNull();
  });
});

describe('sizes are capped', () => {
  it('refuses a huge $pad before building it', async () => {
    const started = performance.now();
    expect(await run('$pad("x", 60000000)')).toEqual({ ok: false, error: expect.stringMatching(/^L1001 at \d+: A text would be longer than 1000000 characters/) });
    expect(performance.now() - started).toBeLessThan(200);
    expect(await run('$pad("x", -4, "ab")')).toEqual({ ok: true, value: 'abax' });
    expect(await run('$pad("x", 3)')).toEqual({ ok: true, value: 'x  ' });
  });

  it('stops a text doubled in a loop at the cap', async () => {
    expect(await run('($f := function($s, $n){ $n = 0 ? $length($s) : $f($s & $s, $n - 1) }; $f("x", 40))')).toMatchObject({ ok: false, error: expect.stringMatching(/^L1001/) });
  });

  it('stops a list doubled in a loop, a huge range and a huge $join', async () => {
    expect(await run('($f := function($a, $n){ $n = 0 ? $count($a) : $f($append($a, $a), $n - 1) }; $f([1,2,3], 40))')).toMatchObject({ ok: false });
    expect(await run('[1..100000000]')).toMatchObject({ ok: false, error: expect.stringMatching(/^D2014/) });
    expect(await run('$count([1..20000])')).toMatchObject({ ok: false, error: expect.stringMatching(/^D2015/) });
    expect(await run('$join([$pad("a", 600000), $pad("b", 600000)])')).toMatchObject({ ok: false, error: expect.stringMatching(/^L1001/) });
    expect(await run('$join(["a", "b"], ",")')).toEqual({ ok: true, value: 'a,b' });
  });
});

describe('endless evaluation is stopped by the step bound', () => {
  it('stops an endless (tail-)recursion with F1001', async () => {
    expect(await run('($f := function($x){ $f($x) }; $f(1))')).toEqual({ ok: false, error: expect.stringMatching(/^F1001 at \d+: Evaluation took more than 20000 steps/) });
  });
});
