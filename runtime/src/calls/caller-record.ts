import { callerPhoneField } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { recordResponse } from '../records/route-schemas.js';
import { errorResponses as errors } from '../http/schemas.js';
import { text } from './messages.js';
import type { CallsService } from './service.js';

type Body = { entity: string; values: Record<string, unknown>; ownerId?: string };

const createFromCallSchema = {
  tags: ['calls'],
  summary: 'Screen pop, unknown caller: create a record whose phone is the caller\'s number, filled here from the call record',
  params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] },
  body: {
    type: 'object',
    properties: {
      entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
      values: { type: 'object', additionalProperties: true },
      ownerId: { type: 'string', minLength: 1, maxLength: 100 },
    },
    required: ['entity', 'values'],
    additionalProperties: false,
  },
  response: { 201: recordResponse, ...errors(400, 403, 404, 409) },
} as const;

/**
 * The new-customer form of a screen pop. The agent may not see the caller's number unmasked, and a masked
 * number never leaves the server, so the console cannot send it: it names the call, and the number comes from
 * the call record into the entity's phone field (callerPhoneField), whatever the form sent for that field.
 * The record is created through the records service with the agent's own permissions (create right, owner,
 * duplicate checks), then the call is linked to it so its history shows on the new card.
 */
export function callerRecordRoutes(svc: CallsService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);
    app.post<{ Params: { id: string }; Body: Body }>('/api/calls/:id/caller-record', { schema: createFromCallSchema }, async (request, reply) => {
      const locale = requestLocale(request);
      const user = request.session!.user;
      const ctx = await app.records.context(request, request.body.entity, 'create');
      const doc = await svc.call(request.params.id);
      // Only the agent who took the inbound call: anyone else learns nothing, not even that it exists.
      if (!doc || doc.direction !== 'in' || doc.agentId !== user.id) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
      const field = callerPhoneField(ctx.entity);
      if (!field) throw new ApiError(400, 'no_phone_field', text('no_phone_field', locale), [{ path: '/entity', code: 'no_phone_field', message: text('no_phone_field', locale) }]);
      const record = await app.records.create(ctx, { ...request.body, values: { ...request.body.values, [field.key]: doc.from } });
      const linked = doc.customer ? null : await svc.update(doc._id, { customer: { entity: ctx.entity.key, id: record.id } }, [], { customer: null });
      if (linked) await svc.pushCall(user.id, linked);
      return reply.status(201).send(record);
    });
  };
}
