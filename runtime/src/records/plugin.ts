import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EntityDefinition } from '@telesales/schemas';
import { syncIndexes } from './indexes.js';
import { ensureMaskedCheckIndexes } from './masked-checks.js';
import { ensureOplogIndexes } from './oplog.js';
import { breaksStoredData } from './publish-checks.js';
import { readRoutes } from './routes-read.js';
import { writeRoutes } from './routes-write.js';
import { securityAlertRoutes } from './security-alerts.js';

/**
 * Records of every published entity: CRUD, search, soft delete and the operation log, all behind the
 * permission layer (see context.ts). Publishing an entity first runs the "breaks stored data" check and
 * then brings the record collection's indexes in line with the new definition.
 */
export const recordsPlugin = fp(async (app: FastifyInstance) => {
  await ensureOplogIndexes(app.db);
  await ensureMaskedCheckIndexes(app.db);
  app.definitions.addPublishCheck('entity', (next, previous, locale) =>
    breaksStoredData(app.db, next as EntityDefinition, previous as EntityDefinition | null, locale));
  app.definitions.onPublish(async (definition) => {
    if (definition.kind === 'entity') await syncIndexes(app.db, definition as EntityDefinition);
  });
  // Authentication before validation: an anonymous caller learns nothing, not even which input is wrong.
  app.addHook('preValidation', app.authenticate);
  await app.register(readRoutes);
  await app.register(writeRoutes);
  await app.register(securityAlertRoutes);
}, { name: 'record-routes', dependencies: ['db', 'definitions', 'auth', 'log-outbox', 'records'], encapsulate: true });

