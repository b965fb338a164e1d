import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { valueOf } from '../records/service.js';
import { text } from './messages.js';
import { placeOutbound } from './place-call.js';
import type { CallsService } from './service.js';

/**
 * Click-to-call: the agent calls a record, not a number. The record is read through the agent's own
 * permissions (outside their scope it does not exist), the number is taken on the server and bound to a
 * random token that works once, for two minutes. The answer holds the call id and the token, never the number.
 */
export async function dial(app: FastifyInstance, svc: CallsService, request: FastifyRequest, entityKey: string, id: string) {
  const ctx = await app.records.context(request, entityKey, 'read');
  const record = await app.records.find(ctx, id);
  const phone = ctx.entity.fields
    .filter((f) => f.type === 'phone')
    .map((f) => valueOf(record.values, f.key))
    .find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!phone) throw new ApiError(400, 'no_phone', text('no_phone', ctx.locale));
  return placeOutbound(svc, request.session!.user, ctx.locale, {
    to: phone, phoneEntity: entityKey, customer: { entity: entityKey, id: record._id },
  });
}
