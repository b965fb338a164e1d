import { isOpen } from '../business-hours.js';
import type { NodeHandler } from './handler.js';

/** Open or closed at the event's time, in the node's time zone. */
export const hours: NodeHandler<'hours'> = {
  enter(ctx) {
    try {
      return { port: isOpen(ctx.config, ctx.at) ? 'open' : 'closed' };
    } catch (e) {
      // An unknown time zone: closed is the safe answer (the caller hears the after-hours path).
      return { port: 'closed', note: `hours: ${(e as Error).message}` };
    }
  },
};
