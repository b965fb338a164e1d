import type { RecordJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { giveWithinCaps } from './caps.js';
import { ownedContext, poolContext } from './context.js';
import { text } from './messages.js';
import { applyMove } from './moves.js';

/**
 * A member takes a record from a pool. Of many agents claiming the same record at once exactly one gets
 * it (the move matches the version read); nobody goes over their caps (see caps.ts).
 */
export async function claim(app: FastifyInstance, request: FastifyRequest, poolKey: string, id: string): Promise<RecordJson> {
  const { pool, ctx } = await poolContext(app, request, poolKey);
  const records = app.records.system(pool.entity);
  const doc = await records.findOne({ _id: id, deletedAt: null }, { projection: { pendingLog: 0 } });
  if (!doc) throw app.records.notFound(ctx.locale);
  if (doc.poolKey !== pool.key) {
    if (doc.ownerId === ctx.user.id) throw new ApiError(409, 'already_yours', text('already_yours', ctx.locale));
    if (doc.ownerId) throw new ApiError(409, 'already_taken', text('already_taken', ctx.locale));
    throw new ApiError(404, 'not_in_pool', text('not_in_pool', ctx.locale));
  }
  const cap = ctx.permissions.entity(pool.entity).cap;
  const taken = await giveWithinCaps(app, { entity: pool.entity, userId: ctx.user.id, cap, pool: { key: pool.key, cap: pool.cap } }, ctx.locale,
    (session) => applyMove(records, doc, {
      action: 'claim', by: { id: ctx.user.id, name: ctx.user.name }, to: { ownerId: ctx.user.id, fromPool: pool.key },
    }, session));
  if (!taken) throw new ApiError(409, 'already_taken', text('already_taken', ctx.locale));
  app.logOutbox.schedule(pool.entity);
  // Now the asker owns it: answer with what an owner sees (their role's masking, not the pool's).
  return app.records.jsonOne(await ownedContext(app, request, pool.entity, 'read'), taken);
}
