import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ensureDialLogIndexes } from './dial-log.js';
import { OutboundDialers } from './dialers.js';
import { ensureTaskNumberIndexes } from './number-doc.js';

declare module 'fastify' {
  interface FastifyInstance {
    outbound: OutboundDialers;
  }
}

/**
 * Outbound tasks (外呼任务): the numbers of each published campaign, the dialer of each running task (one process
 * holds it through a lease), and its calls through the calls service's task hooks.
 */
export const outboundPlugin = fp(async (app: FastifyInstance, options: { disabled?: boolean }) => {
  await ensureTaskNumberIndexes(app.db);
  await ensureDialLogIndexes(app.db);
  const dialers = new OutboundDialers(app.calls);
  app.calls.taskCalls = dialers;
  app.decorate('outbound', dialers);
  if (!options.disabled) app.addHook('onReady', async () => dialers.start());
  app.addHook('preClose', async () => dialers.stop());
}, { name: 'outbound', dependencies: ['db', 'definitions', 'auth', 'expressions', 'records', 'calls'] });
