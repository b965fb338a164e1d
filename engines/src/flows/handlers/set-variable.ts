import type { NodeHandler } from './handler.js';

/** Assignments run in order, each seeing the ones before it; a failing one leaves its variable as it was. */
export const setVariable: NodeHandler<'setVariable'> = {
  async enter(ctx) {
    const errors: string[] = [];
    for (const a of ctx.config.assignments) {
      const result = await ctx.eval(a.expression);
      if (result.ok) ctx.setVar(a.variable, result.value);
      else errors.push(`${a.variable}: ${result.error}`);
    }
    return { port: 'next', note: errors.length ? errors.join('; ') : undefined };
  },
};
