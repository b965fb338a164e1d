import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { exportRoutes } from './routes.js';

/**
 * Export of a filtered list as CSV or XLSX (the same filter, search, sort, scope and masking as the list),
 * for roles whose entity permission says `export`.
 */
export const exportsPlugin = fp(async (app: FastifyInstance) => {
  // The routes in a context of their own, so the auth hook stays here. Authentication before validation, as in
  // the records routes: an anonymous caller learns nothing.
  await app.register(async (routes) => {
    routes.addHook('preValidation', app.authenticate);
    await routes.register(exportRoutes);
  });
}, { name: 'exports', dependencies: ['auth', 'definitions', 'records'] });
