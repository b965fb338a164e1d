import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FlowDefinition } from '@telesales/schemas';
import { httpHostRoutes } from './http-host-routes.js';
import { checkFlowReferences } from './publish-checks.js';
import { flowRoutes } from './routes.js';
import { skillGroupRoutes } from './skill-group-routes.js';
import { ensureSkillGroupIndexes } from './skill-groups.js';

/**
 * Call flows: the publish checks against other definitions (skill groups, sub-flows, entities, approved
 * hosts), skill groups, the approved HTTP hosts, and the simulator's routes.
 */
export const flowsPlugin = fp(async (app: FastifyInstance) => {
  await ensureSkillGroupIndexes(app.db);
  app.definitions.addPublishCheck('flow', (next, _previous, locale) => checkFlowReferences(app.db, app.definitions, next as FlowDefinition, locale));
  await app.register(skillGroupRoutes);
  await app.register(httpHostRoutes);
  await app.register(flowRoutes);
}, { name: 'flows', dependencies: ['db', 'definitions', 'auth', 'expressions', 'records'], encapsulate: true });
