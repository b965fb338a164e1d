import type { FlowNodeOf } from '@telesales/schemas';
import { ask, collect, type CollectSpec } from '../collect.js';
import type { NodeHandler } from './handler.js';

const spec = (c: FlowNodeOf<'language'>['config']): CollectSpec => ({ prompt: c.prompt, minDigits: 1, maxDigits: 1, timeoutSec: 5 });

/** A key picks the call's language: every later prompt (and `call.language`) follows it. */
export const language: NodeHandler<'language'> = {
  enter: (ctx) => ask(ctx, spec(ctx.config), false),
  resume(ctx, event) {
    const got = collect(ctx, spec(ctx.config), event);
    if ('wait' in got) return got.wait;
    const option = 'digits' in got ? ctx.config.options.find((o) => o.digit === got.digits) : undefined;
    if (!option) return { port: 'noInput', note: 'failed' in got ? got.failed : 'invalid' };
    ctx.state.language = option.language;
    ctx.emit({ type: 'setLanguage', language: option.language });
    return { port: 'next', note: `language ${option.language}` };
  },
};
