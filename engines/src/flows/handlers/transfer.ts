import type { NodeHandler } from './handler.js';

/** Hands the call over; it leaves the flow when the other side hangs up, or comes back by `failed`. */
export const transfer: NodeHandler<'transfer'> = {
  enter(ctx) {
    ctx.emit({ type: 'transfer', target: { type: ctx.config.target.type, ref: ctx.config.target.ref } });
    return { wait: { for: ['transferFailed'], phase: 'transferring' } };
  },
  resume: () => ({ port: 'failed' }),
};
