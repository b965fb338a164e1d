import type { PoolDefinition } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import type { RecordAction, RecordContext } from '../records/service.js';
import { poolRole, type PoolRole } from './membership.js';
import { text } from './messages.js';

/** The records gate (permissions, scope) for an entity whose records have owners. */
export async function ownedContext(
  app: FastifyInstance, request: FastifyRequest, entityKey: string, action: RecordAction,
): Promise<RecordContext> {
  const ctx = await app.records.context(request, entityKey, action);
  if (ctx.entity.owned === false) throw new ApiError(400, 'not_owned_entity', text('not_owned_entity', ctx.locale, { entity: entityKey }));
  return ctx;
}

export interface PoolContext {
  pool: PoolDefinition;
  role: PoolRole;
  /** Reads the pool's waiting records only, always masked: nobody owns them yet, so nobody sees contact data. */
  ctx: RecordContext;
}

export async function poolContext(app: FastifyInstance, request: FastifyRequest, poolKey: string): Promise<PoolContext> {
  const pool = await app.definitions.publishedPool(poolKey);
  if (!pool) throw new ApiError(404, 'pool_not_found', text('pool_not_found', requestLocale(request), { pool: poolKey }));
  const base = await ownedContext(app, request, pool.entity, 'read');
  const role = await poolRole(app.db, pool, base.user, base.permissions);
  if (!role.member) throw new ApiError(403, 'not_member', text('not_member', base.locale));
  return { pool, role, ctx: app.records.inPool(base, pool.key) };
}
