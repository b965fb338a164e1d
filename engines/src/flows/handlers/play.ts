import { playCommand } from '../prompt.js';
import type { NodeHandler } from './handler.js';

/** Plays a prompt; with barge-in a key press cuts it short (the key itself is not kept). */
export const play: NodeHandler<'play'> = {
  enter(ctx) {
    const bargeIn = ctx.config.bargeIn ?? false;
    ctx.emit(playCommand(ctx.config.prompt, ctx.state.language, ctx.flow.defaultLanguage, bargeIn));
    return { wait: { for: bargeIn ? ['promptDone', 'digits'] : ['promptDone'], phase: 'prompt' } };
  },
  resume: (_ctx, event) => ({ port: 'next', note: event.type === 'digits' ? 'barge-in' : undefined }),
};
