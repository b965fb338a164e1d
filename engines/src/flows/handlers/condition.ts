import type { NodeHandler } from './handler.js';

/** JSONata's own truth: empty strings, zero, empty lists, null and false are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  return value !== null && value !== undefined && value !== false && value !== 0 && value !== '';
}

/** The first case whose expression holds names the port; `else` when none does (or one fails to evaluate). */
export const condition: NodeHandler<'condition'> = {
  async enter(ctx) {
    const errors: string[] = [];
    for (const c of ctx.config.cases) {
      const result = await ctx.eval(c.expression);
      if (!result.ok) errors.push(`${c.port}: ${result.error}`);
      else if (truthy(result.value)) return { port: c.port };
    }
    return { port: 'else', note: errors.length ? errors.join('; ') : undefined };
  },
};
