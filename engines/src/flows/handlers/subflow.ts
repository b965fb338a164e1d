import type { NodeHandler } from './handler.js';

/** Runs another published flow (pinned version or the latest); its `return` comes back here by `next`. */
export const subflow: NodeHandler<'subflow'> = {
  enter(ctx) {
    const { flow, version } = ctx.config;
    const resolved = ctx.resolveFlow(flow, version);
    if (!resolved) return { end: 'error', note: `sub-flow ${flow} (${version}) is not published` };
    return { call: { definition: resolved.definition, key: flow, version: resolved.version } };
  },
};
