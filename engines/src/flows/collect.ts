import type { Prompt } from '@telesales/schemas';
import type { BaseContext, Transition } from './context.js';
import { playCommand } from './prompt.js';
import type { FlowEvent } from './types.js';

/** How a digit-collecting node (menu, gather, survey, language) asks. */
export interface CollectSpec {
  prompt: Prompt;
  retryPrompt?: Prompt;
  minDigits: number;
  maxDigits: number;
  finishOnKey?: '#' | '*';
  timeoutSec: number;
}

export type Collected = { digits: string } | { failed: 'noInput' | 'invalid' } | { wait: Transition };

/** Plays the (re-)prompt; the caller may key in while it plays, as callers who know the menu do. */
export function ask(ctx: BaseContext, spec: CollectSpec, retry: boolean): Transition {
  const prompt = retry ? (spec.retryPrompt ?? spec.prompt) : spec.prompt;
  ctx.emit(playCommand(prompt, ctx.state.language, ctx.flow.defaultLanguage, true));
  return { wait: { for: ['promptDone', 'digits'], phase: 'prompt', buffer: '' }, note: retry ? `retry ${ctx.state.retries}` : undefined };
}

function listen(ctx: BaseContext, spec: CollectSpec, buffer: string): Transition {
  ctx.emit({
    type: 'gather', minDigits: spec.minDigits, maxDigits: spec.maxDigits, timeoutMs: spec.timeoutSec * 1000,
    ...(spec.finishOnKey ? { finishOnKey: spec.finishOnKey } : {}),
  });
  return { wait: { for: ['digits', 'timeout'], phase: 'gather', buffer } };
}

/**
 * One event for a collecting node. Digits add to the buffer (they may come one key per event or several at
 * once); the finish key or the maximum length completes it; a timeout completes what is long enough, and
 * is "no input" with nothing keyed, "invalid" with too little.
 */
export function collect(ctx: BaseContext, spec: CollectSpec, event: FlowEvent): Collected {
  const buffer = ctx.state.waiting?.buffer ?? '';
  if (event.type === 'promptDone') return { wait: listen(ctx, spec, buffer) };
  if (event.type === 'timeout') {
    if (!buffer) return { failed: 'noInput' };
    return buffer.length >= spec.minDigits ? { digits: buffer } : { failed: 'invalid' };
  }
  if (event.type !== 'digits') return { wait: { wait: ctx.state.waiting! } };
  const keyed = buffer + event.digits.replace(/[^0-9*#]/g, '');
  const finish = spec.finishOnKey ? keyed.indexOf(spec.finishOnKey) : -1;
  if (finish >= 0) {
    const digits = keyed.slice(0, finish);
    return digits.length >= spec.minDigits && digits.length <= spec.maxDigits ? { digits } : { failed: 'invalid' };
  }
  if (keyed.length >= spec.maxDigits) return { digits: keyed.slice(0, spec.maxDigits) };
  // Still short: a key during the prompt stops it, so the gather (and its timeout) starts now.
  if (ctx.state.waiting?.phase === 'prompt') return { wait: listen(ctx, spec, keyed) };
  return { wait: { wait: { for: ['digits', 'timeout'], phase: 'gather', buffer: keyed } } };
}

/** After no input or an invalid entry: ask again while retries last, then leave by the failure's port. */
export function retryOr(ctx: BaseContext, spec: CollectSpec, retries: number, port: 'noInput' | 'invalid'): Transition {
  if (ctx.state.retries >= retries) return { port, note: port };
  ctx.state.retries += 1;
  const t = ask(ctx, spec, true);
  return { ...t, note: `${port}, retry ${ctx.state.retries}` };
}
