import type { FlowNodeOf } from '@telesales/schemas';
import { ask, collect, type CollectSpec } from '../collect.js';
import type { NodeHandler } from './handler.js';

const spec = (c: FlowNodeOf<'survey'>['config']): CollectSpec => ({ prompt: c.prompt, minDigits: 1, maxDigits: 1, timeoutSec: 5 });

/** One key per score; on a 1-10 scale 0 means 10, as on a phone keypad. */
function score(key: string, max: number): number | null {
  const n = key === '0' && max === 10 ? 10 : Number(key);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** A post-call score, stored on the call (storeSurvey) and in a variable. Asked once: a survey should not nag. */
export const survey: NodeHandler<'survey'> = {
  enter: (ctx) => ask(ctx, spec(ctx.config), false),
  resume(ctx, event) {
    const got = collect(ctx, spec(ctx.config), event);
    if ('wait' in got) return got.wait;
    const value = 'digits' in got ? score(got.digits, ctx.config.max) : null;
    if (value === null) return { port: 'noInput', note: 'failed' in got ? got.failed : 'invalid' };
    const variable = ctx.config.variable ?? 'satisfaction';
    ctx.setVar(variable, value);
    ctx.emit({ type: 'storeSurvey', variable, score: value });
    return { port: 'next' };
  },
};
