import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PoolDefinition } from '@telesales/schemas';
import { recycleRoutes } from './routes.js';
import { RecycleScheduler } from './scheduler.js';

export interface RecyclingOptions {
  /** No scheduled sweeps in this process (tests call the sweep themselves). */
  disabled?: boolean;
}

/**
 * Recycling: the builder's preview route, and (unless disabled) an Agenda job per pool that sweeps it every
 * RECYCLE_EVERY (5 minutes by default), started when the app is ready and stopped when it closes.
 */
export const recyclingPlugin = fp(async (app: FastifyInstance, options: RecyclingOptions) => {
  await app.register(recycleRoutes);
  if (options.disabled) return;
  const scheduler = new RecycleScheduler(app, { every: process.env.RECYCLE_EVERY || '5 minutes' });
  app.definitions.onPublish(async (definition) => {
    if (definition.kind !== 'pool') return;
    // A failed reschedule must not fail the publish (already done); the next start schedules every pool.
    await scheduler.schedule(definition as PoolDefinition).catch((error: unknown) => app.log.error({ err: error }, 'recycling: could not schedule the pool'));
  });
  app.addHook('onReady', () => scheduler.start());
  app.addHook('onClose', () => scheduler.stop());
}, { name: 'recycling', dependencies: ['db', 'definitions', 'auth', 'log-outbox', 'records', 'ownership'] });
