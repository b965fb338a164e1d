import type { NodeHandler } from './handler.js';

/**
 * Asks for the caller's record by number. The answer comes back through the permission layer (masked
 * values stay masked), so what the flow stores is what the asker could have seen.
 */
export const lookup: NodeHandler<'lookup'> = {
  enter(ctx) {
    ctx.emit({ type: 'lookup', entity: ctx.config.entity, number: ctx.state.caller });
    return { wait: { for: ['lookupResult'], phase: 'lookup' } };
  },
  resume(ctx, event) {
    if (event.type !== 'lookupResult' || !event.found) return { port: 'notFound' };
    const values = event.values ?? {};
    ctx.state.customer = values;
    ctx.setVar(ctx.config.variable ?? 'customer', values);
    return { port: 'found' };
  },
};
