import type { StepContext, Transition } from '../context.js';
import { hasPrompt, playCommand } from '../prompt.js';
import type { NodeHandler } from './handler.js';

function enqueue(ctx: StepContext<'queue'>): Transition {
  const c = ctx.config;
  ctx.emit({
    type: 'enqueue', skillGroup: c.skillGroup, maxWaitSec: c.maxWaitSec,
    ...(c.announcePositionSec ? { announcePositionSec: c.announcePositionSec } : {}),
    ...(c.holdMusic ? { holdMusic: c.holdMusic } : {}),
  });
  return { wait: { for: ['agentAnswered', 'queueTimeout'], phase: 'queued' } };
}

/**
 * Waits for an agent of the skill group. Answered: the call stays here while the agent talks and continues
 * by `answered` after the agent leg (a survey, typically); no agent within the maximum wait: `overflow`.
 */
export const queue: NodeHandler<'queue'> = {
  enter(ctx) {
    if (!hasPrompt(ctx.config.prompt)) return enqueue(ctx);
    ctx.emit(playCommand(ctx.config.prompt, ctx.state.language, ctx.flow.defaultLanguage, false));
    return { wait: { for: ['promptDone'], phase: 'announce' } };
  },
  resume(ctx, event) {
    switch (event.type) {
      case 'promptDone': return enqueue(ctx);
      case 'queueTimeout': return { port: 'overflow' };
      case 'agentAnswered':
        ctx.setVar('agentId', event.agentId);
        return { wait: { for: ['agentLegEnded'], phase: 'connected' }, note: `agent ${event.agentId}` };
      default: return { port: 'answered' };
    }
  },
};
