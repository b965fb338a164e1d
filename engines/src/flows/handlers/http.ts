import type { NodeHandler } from './handler.js';

/** Asks the telephony side to fetch a URL (the interpreter has no network); maps the answer into variables. */
export const http: NodeHandler<'http'> = {
  async enter(ctx) {
    const c = ctx.config;
    let body: unknown;
    if (c.body && c.method === 'POST') {
      const result = await ctx.eval(c.body);
      if (!result.ok) return { port: 'error', note: `body: ${result.error}` };
      body = result.value;
    }
    ctx.emit({ type: 'fetch', method: c.method, url: c.url, timeoutMs: c.timeoutMs, ...(body !== undefined ? { body } : {}) });
    return { wait: { for: ['httpResult'], phase: 'fetch' } };
  },
  async resume(ctx, event) {
    if (event.type !== 'httpResult' || !event.ok) return { port: 'error', note: event.type === 'httpResult' && event.status ? `status ${event.status}` : undefined };
    const response = { status: event.status ?? 200, body: event.body ?? null };
    const errors: string[] = [];
    for (const m of ctx.config.mapping) {
      const result = await ctx.eval(m.expression, { response });
      if (result.ok) ctx.setVar(m.variable, result.value);
      else errors.push(`${m.variable}: ${result.error}`);
    }
    // An answer the mapping cannot read is as useless as no answer.
    return errors.length ? { port: 'error', note: errors.join('; ') } : { port: 'ok' };
  },
};
