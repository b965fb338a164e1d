import type { FastifyInstance } from 'fastify';
import { callsCollection } from './call-doc.js';
import { callsJson, callReader } from './call-json.js';
import { customerCard } from './queue.js';
import { screenPopSchema } from '@telesales/schemas';
import type { CallsService } from './service.js';

/** As many cards as the console's screen pops drawer keeps (the domain's 来电弹屏: up to 20, the oldest dropped). */
export const MAX_POPS = 20;

const popsSchema = {
  tags: ['calls'],
  summary: 'My screen pops: the latest inbound calls offered to or taken by me, with the caller\'s customer as I may see it',
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: screenPopSchema,
        },
      },
    },
  },
} as const;

/**
 * The screen pops drawer read back from the call records, so it survives a reload, another tab or another
 * machine. A call rang for me when I took it, was offered to me now, or I let it ring out or declined it;
 * an offer the caller ended before I answered leaves no trace on the record and is not listed.
 */
export function screenPopRoutes(svc: CallsService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);
    app.get('/api/calls/pops', { schema: popsSchema }, async (request) => {
      const user = request.session!.user;
      const docs = await callsCollection(app.db)
        .find({ direction: 'in', $or: [{ agentId: user.id }, { offeredTo: user.id }, { declined: user.id }, { 'participants.agentId': user.id }] })
        .sort({ ringAt: -1, _id: 1 }).limit(MAX_POPS).toArray();
      const calls = await callsJson(app, await callReader(app, user), docs);
      // The customer as the card showed it when it rang: read through this agent's own permissions and scope.
      const customers = await Promise.all(docs.map((d) => customerCard(svc, user, d)));
      return { items: calls.map((call, i) => ({ call, customer: customers[i] ?? null, entity: docs[i]!.phoneEntity })) };
    });
  };
}
