import fp from 'fastify-plugin';
import { DefinitionStore } from './store.js';

/**
 * `app.definitions` for every other capability. The routes (definitions/routes.ts) are registered
 * separately, after auth, because permissions themselves are read from published role definitions.
 */
export const definitionsPlugin = fp(async (app) => {
  const store = new DefinitionStore(app.db);
  await store.init();
  app.decorate('definitions', store);
}, { name: 'definitions', dependencies: ['db'] });
