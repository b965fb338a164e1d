import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { monitoringRoutes } from './routes.js';
import { WallboardStreams } from './wallboard-streams.js';

/**
 * Live monitoring (实时监控): the wallboard of agents, queues and running tasks for supervisors and admins, read from
 * the database and pushed on every change across runtime processes. Listening in on a call (listen, whisper, barge)
 * is a call control and lives with the others in calls/ (monitor.ts).
 */
export const monitoringPlugin = fp(async (app: FastifyInstance) => {
  const streams = new WallboardStreams(app);
  // Before the server waits for open connections: the streams end first.
  app.addHook('preClose', async () => streams.closeAll());
  await app.register(monitoringRoutes(streams));
}, { name: 'monitoring', dependencies: ['db', 'definitions', 'auth', 'records', 'org', 'ownership', 'flows', 'calls', 'outbound'] });
