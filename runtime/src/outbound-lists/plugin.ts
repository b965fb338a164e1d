import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MAX_UPLOAD_BYTES } from '../imports/plugin.js';
import { ensureTaskNumberIndexes } from '../outbound/number-doc.js';
import { dncRoutes } from './dnc-routes.js';
import { markListsInterrupted, stopListImports } from './list-import.js';
import { dncListRoutes, taskListRoutes } from './list-routes.js';
import { numberRoutes } from './number-routes.js';

const SWEEP_MS = 60_000;

/** The routes in a context of their own: multipart parsing and the auth hook stay here. */
async function routes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  app.addHook('preValidation', app.authenticate);
  await app.register(taskListRoutes);
  await app.register(dncListRoutes);
  await app.register(dncRoutes);
  await app.register(numberRoutes);
}

/**
 * Number lists (名单) of outbound tasks and the workspace's do-not-call list: imported with the import machinery's
 * files, batches and row reports; numbers shown masked like customer phones; converted into records within caps.
 * The dialer (outbound/) reads the numbers this fills.
 */
export const outboundListsPlugin = fp(async (app: FastifyInstance) => {
  await ensureTaskNumberIndexes(app.db);
  const sweep = () => void markListsInterrupted(app).catch((error: Error) => app.log.warn({ err: error }, 'list import recovery sweep failed'));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweep();
    timer = setInterval(sweep, SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await stopListImports(app);
  });
  await app.register(routes);
}, { name: 'outbound-lists', dependencies: ['db', 'definitions', 'auth', 'records', 'ownership', 'imports'] });
