import type { FlowNodeOf } from '@telesales/schemas';
import { ask, collect, retryOr, type CollectSpec } from '../collect.js';
import type { NodeHandler } from './handler.js';

const spec = (c: FlowNodeOf<'gather'>['config']): CollectSpec => ({
  prompt: c.prompt, retryPrompt: c.retryPrompt, minDigits: c.minDigits ?? 1, maxDigits: c.maxDigits,
  finishOnKey: c.finishOnKey, timeoutSec: c.timeoutSec ?? 5,
});

/** Collects 1..n digits into a variable (an account number, a policy number, a date of birth). */
export const gather: NodeHandler<'gather'> = {
  enter: (ctx) => ask(ctx, spec(ctx.config), false),
  resume(ctx, event) {
    const s = spec(ctx.config);
    const got = collect(ctx, s, event);
    if ('wait' in got) return got.wait;
    if ('failed' in got) return retryOr(ctx, s, ctx.config.retries ?? 2, got.failed);
    ctx.setVar(ctx.config.variable, got.digits);
    return { port: 'next' };
  },
};
