import { hasPrompt, playCommand } from '../prompt.js';
import type { NodeHandler } from './handler.js';

/** Ends the call, after a goodbye when there is one. */
export const hangup: NodeHandler<'hangup'> = {
  enter(ctx) {
    if (!hasPrompt(ctx.config.prompt)) return { end: 'completed' };
    ctx.emit(playCommand(ctx.config.prompt, ctx.state.language, ctx.flow.defaultLanguage, false));
    return { wait: { for: ['promptDone'], phase: 'goodbye' } };
  },
  resume: () => ({ end: 'completed' }),
};
