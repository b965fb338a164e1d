import { playCommand } from '../prompt.js';
import type { NodeHandler } from './handler.js';

/** Plays the prompt, then records up to maxSec; the recording's file id goes into the variable. */
export const voicemail: NodeHandler<'voicemail'> = {
  enter(ctx) {
    ctx.emit(playCommand(ctx.config.prompt, ctx.state.language, ctx.flow.defaultLanguage, false));
    return { wait: { for: ['promptDone'], phase: 'prompt' } };
  },
  resume(ctx, event) {
    if (event.type === 'promptDone') {
      ctx.emit({ type: 'record', maxSec: ctx.config.maxSec });
      return { wait: { for: ['recordingDone'], phase: 'recording' } };
    }
    if (ctx.config.variable) ctx.setVar(ctx.config.variable, event.type === 'recordingDone' ? (event.file ?? null) : null);
    return { port: 'next' };
  },
};
