import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sourceEntity, type ReportDefinition } from '@telesales/schemas';
import { checkReportAgainstEntity } from './publish-checks.js';
import { reportRoutes } from './routes.js';
import { ReportsService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportsService;
  }
}

/** A period on an entity's own date field is read from an index on it (the system dates createdAt/updatedAt have theirs). */
async function indexDateRange(app: FastifyInstance, def: ReportDefinition): Promise<void> {
  const entity = sourceEntity(def.source);
  const field = def.dateRange?.field;
  if (entity && field && field !== 'createdAt' && field !== 'updatedAt') await app.records.ensureReportIndex(entity, field);
}

/**
 * Reports: the publish checks of a report against its entity, and the engine (service.ts) that runs a report for a
 * viewer; `app.reports` for the dashboards and snapshots that build on it.
 */
export const reportsPlugin = fp(async (app: FastifyInstance) => {
  const svc = new ReportsService(app);
  app.decorate('reports', svc);
  app.definitions.addPublishCheck('report', (next, _previous, locale) => checkReportAgainstEntity(app.definitions, next as ReportDefinition, locale));
  // A new version answers with its own figures at once (the cache key holds the version; this frees the memory).
  app.definitions.onPublish(async (def) => {
    if (def.kind !== 'report') return;
    svc.cache.clear();
    await indexDateRange(app, def as ReportDefinition);
  });
  await app.register(reportRoutes(svc));
}, { name: 'reports', dependencies: ['db', 'definitions', 'auth', 'records', 'ownership', 'calls'] });
