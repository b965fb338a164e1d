import type { FlowNodeOf } from '@telesales/schemas';
import { ask, collect, retryOr, type CollectSpec } from '../collect.js';
import type { NodeHandler } from './handler.js';

const spec = (c: FlowNodeOf<'menu'>['config']): CollectSpec => ({
  prompt: c.prompt, retryPrompt: c.retryPrompt, minDigits: 1, maxDigits: 1, timeoutSec: c.timeoutSec ?? 5,
});

/** One key picks a port; a key not offered is "invalid", silence "noInput", each re-prompted while retries last. */
export const menu: NodeHandler<'menu'> = {
  enter: (ctx) => ask(ctx, spec(ctx.config), false),
  resume(ctx, event) {
    const s = spec(ctx.config);
    const got = collect(ctx, s, event);
    if ('wait' in got) return got.wait;
    const retries = ctx.config.retries ?? 2;
    if ('failed' in got) return retryOr(ctx, s, retries, got.failed);
    const key = got.digits as (typeof ctx.config.options)[number];
    return ctx.config.options.includes(key) ? { port: key } : retryOr(ctx, s, retries, 'invalid');
  },
};
