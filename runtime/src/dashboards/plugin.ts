import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DashboardDefinition } from '@telesales/schemas';
import { checkDashboardReferences } from './publish-checks.js';
import { dashboardRoutes } from './routes.js';
import { DashboardsService } from './service.js';

/**
 * Dashboards: the publish checks of what a dashboard names (reports, roles, the filters' team and task) and the two
 * reading routes. Their figures come from the reports plugin's engine, one report run per tile.
 */
export const dashboardsPlugin = fp(async (app: FastifyInstance) => {
  app.definitions.addPublishCheck('dashboard', (next, _previous, locale) =>
    checkDashboardReferences(app.definitions, app.db, next as DashboardDefinition, locale));
  await app.register(dashboardRoutes(new DashboardsService(app)));
}, { name: 'dashboards', dependencies: ['db', 'definitions', 'auth', 'reports'] });
