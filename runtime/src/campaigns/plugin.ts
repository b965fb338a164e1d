import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CampaignDefinition } from '@telesales/schemas';
import { checkCampaignReferences } from './publish-checks.js';

/**
 * Designing outbound tasks: the publish checks of a task against the other definitions and the organisation
 * (running tasks is the outbound plugin's). Apart from it so the designer's checks need nothing of the dialer.
 */
export const campaignsPlugin = fp(async (app: FastifyInstance) => {
  app.definitions.addPublishCheck('campaign', (next, _previous, locale) => checkCampaignReferences(app.db, app.definitions, next as CampaignDefinition, locale));
}, { name: 'campaigns', dependencies: ['db', 'definitions'], encapsulate: true });
