import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CampaignDefinition } from '@telesales/schemas';
import { ensureDialLogIndexes } from './dial-log.js';
import { OutboundDialers } from './dialers.js';
import { ensureTaskNumberIndexes } from './number-doc.js';
import { TaskSchedule } from './task-schedule.js';

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
  app.definitions.onPublish(async (definition) => { if (definition.kind === 'campaign') dialers.forgetPublished(); });
  if (!options.disabled) {
    app.addHook('onReady', async () => dialers.start());
    // Agenda starts and closes tasks on their schedule's dates (task-schedule.ts).
    const schedule = new TaskSchedule(app, { processEvery: process.env.OUTBOUND_SCHEDULE_EVERY || '10 seconds' });
    app.definitions.onPublish(async (definition) => {
      if (definition.kind !== 'campaign') return;
      // A failed reschedule must not fail the publish (done already); the next start schedules every task.
      await schedule.schedule(definition as CampaignDefinition).catch((err: unknown) => app.log.error({ err }, 'outbound: could not schedule the task'));
    });
    app.addHook('onReady', async () => schedule.start(await dialers.published()));
    app.addHook('onClose', async () => schedule.stop());
  }
  app.addHook('preClose', async () => dialers.stop());
}, { name: 'outbound', dependencies: ['db', 'definitions', 'auth', 'expressions', 'records', 'calls'] });
