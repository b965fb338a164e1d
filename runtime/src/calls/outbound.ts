import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { valueOf } from '../records/service.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import { text } from './messages.js';
import { refuseWhileOutcomeOwed } from './outcome.js';
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
  const user = request.session!.user;
  // The last call's outcome first: a new call would leave it without one (outcome.ts).
  await refuseWhileOutcomeOwed(svc, user, ctx.locale);
  const now = svc.now();
  const doc: CallDoc = {
    _id: randomUUID(), direction: 'out', from: user.login, to: phone, phoneEntity: entityKey, agentId: user.id,
    customer: { entity: entityKey, id: record._id }, ringAt: now, talkSec: 0, status: 'ringing', updatedAt: now,
  };
  await callsCollection(app.db).insertOne(doc);
  const { token, expiresAt } = await svc.tokens.issue(doc._id, user.id, phone);
  await svc.states.toKind(user.id, 'busy', doc._id);
  // Simulated: the carrier dials the token as the browser would over SIP, and looks the number up itself.
  if (svc.mode === 'simulated') svc.carrier.dial(doc._id, token);
  return { doc, token, expiresAt };
}
