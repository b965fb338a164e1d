import type { PoolJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import type { ListInput } from '../records/service.js';
import { agentStatusCollection, isOnline } from './agent-status.js';
import { claim } from './claim.js';
import { ownedContext, poolContext } from './context.js';
import { poolRole } from './membership.js';
import { mergeRecords } from './merge.js';
import { text } from './messages.js';
import { pendingReviews, requestReview, review, type RequestType } from './requests.js';
import { distributePool } from './distribute-pool.js';
import { memberUserIds } from './membership.js';
import * as s from './route-schemas.js';
import { sellers } from './sellers.js';
import { changeTickets, ticketBalances, ticketLog, type TicketKind } from './tickets.js';
import { batch, release, transfer, type Target } from './transfer.js';
import { heartbeat, setReceiving, workbench } from './workbench.js';

type PoolParams = { pool: string };
type EntityParams = { entity: string };
type RecordParams = { entity: string; id: string };

export async function ownershipRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/pools', { schema: s.poolsSchema }, async (request) => {
    const user = request.session!.user;
    const permissions = await app.permissions.of(user);
    const out: PoolJson[] = [];
    for (const pool of await app.definitions.publishedPools()) {
      if (!permissions.entity(pool.entity).read) continue;
      const role = await poolRole(app.db, pool, user, permissions);
      if (!role.member) continue;
      const records = app.records.system(pool.entity);
      out.push({
        key: pool.key, label: pool.label, entity: pool.entity, mode: pool.mode, tickets: !!pool.tickets,
        ...(pool.system ? { system: pool.system } : {}), ...(pool.cap !== undefined ? { cap: pool.cap } : {}),
        member: role.member, admin: role.admin,
        count: await records.count({ poolKey: pool.key, ownerId: null, deletedAt: null }),
        mine: await records.count({ ownerId: user.id, fromPool: pool.key, deletedAt: null }),
      });
    }
    return out;
  });

  app.get<{ Params: PoolParams; Querystring: Omit<ListInput, 'filter' | 'deleted'> & { filter?: string } }>(
    '/api/pools/:pool/records', { schema: s.poolRecordsSchema },
    async (request) => {
      const { ctx } = await poolContext(app, request, request.params.pool);
      const { filter, ...rest } = request.query;
      return app.records.list(ctx, { ...rest, filter: filter === undefined ? undefined : app.records.parseFilter(ctx, filter) });
    },
  );

  // A waiting record's card and history, as pool members see them (masked) before they take it.
  app.get<{ Params: PoolParams & { id: string } }>('/api/pools/:pool/records/:id', { schema: s.poolRecordSchema }, async (request) => {
    const { ctx } = await poolContext(app, request, request.params.pool);
    return app.records.jsonOne(ctx, await app.records.find(ctx, request.params.id));
  });

  app.get<{ Params: PoolParams & { id: string } }>('/api/pools/:pool/records/:id/log', { schema: s.poolRecordLogSchema }, async (request) => {
    const { ctx } = await poolContext(app, request, request.params.pool);
    return app.records.log(ctx, await app.records.find(ctx, request.params.id));
  });

  app.post<{ Params: PoolParams; Body: { id: string } }>('/api/pools/:pool/claim', { schema: s.claimSchema }, async (request) =>
    claim(app, request, request.params.pool, request.body.id));

  app.post<{ Params: PoolParams }>('/api/pools/:pool/distribute', { schema: s.distributeSchema }, async (request) => {
    const { pool, role, ctx } = await poolContext(app, request, request.params.pool);
    if (!role.admin) throw new ApiError(403, 'not_pool_admin', text('not_pool_admin', ctx.locale));
    if (pool.mode !== 'auto') throw new ApiError(400, 'not_auto_pool', text('not_auto_pool', ctx.locale));
    return distributePool(app, pool);
  });

  app.post<{ Params: RecordParams; Body: { pool?: string } }>('/api/records/:entity/:id/release', { schema: s.releaseSchema }, async (request, reply) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'read');
    await release(ctx, request.params.id, request.body?.pool);
    return reply.status(204).send();
  });

  app.post<{ Params: RecordParams; Body: Target }>('/api/records/:entity/:id/transfer', { schema: s.transferSchema }, async (request) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'update');
    const moved = await transfer(ctx, request.params.id, request.body, 'transfer');
    // Moved out of the asker's sight (to a pool, or an agent outside their scope): they still get what it is now.
    return app.records.jsonOne({ ...ctx, scope: {} }, moved);
  });

  // Whom records of the entity may be given to (the assign-to-agent list): its sellers, not workspace admins.
  app.get<{ Params: EntityParams }>('/api/records/:entity/sellers', { schema: s.sellersSchema }, async (request) => {
    await ownedContext(app, request, request.params.entity, 'update');
    return (await sellers(app, request.params.entity)).map((u) => ({ id: u._id, name: u.name, login: u.login }));
  });

  app.post<{ Params: EntityParams; Body: { ids: string[]; ownerId: string } }>('/api/records/:entity/batch/assign', { schema: s.batchAssignSchema }, async (request) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'update');
    return batch(ctx, request.body.ids, { ownerId: request.body.ownerId });
  });

  app.post<{ Params: EntityParams; Body: { ids: string[]; pool: string } }>('/api/records/:entity/batch/move', { schema: s.batchMoveSchema }, async (request) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'update');
    return batch(ctx, request.body.ids, { pool: request.body.pool });
  });

  app.post<{ Params: RecordParams; Body: { type: RequestType; reason: string } }>('/api/records/:entity/:id/request', { schema: s.requestSchema }, async (request) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'read');
    return app.records.jsonOne(ctx, await requestReview(ctx, request.params.id, request.body.type, request.body.reason.trim()));
  });

  app.get('/api/reviews', { schema: s.reviewsSchema }, async (request) => (await pendingReviews(app, request)).items);

  app.post<{ Params: RecordParams; Body: { approve: boolean; note?: string } }>('/api/records/:entity/:id/review', { schema: s.reviewSchema }, async (request, reply) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'update');
    await review(ctx, request.params.id, request.body.approve, request.body.note?.trim() || undefined);
    return reply.status(204).send();
  });

  app.post<{ Params: EntityParams; Body: { from: string; into: string } }>('/api/records/:entity/merge', { schema: s.mergeSchema }, async (request) => {
    const ctx = await ownedContext(app, request, request.params.entity, 'update');
    return app.records.jsonOne(ctx, await mergeRecords(ctx, request.body.from, request.body.into));
  });

  app.get('/api/ownership/me', { schema: s.meSchema }, async (request) => {
    const userId = request.session!.user.id;
    const before = await agentStatusCollection(app.db).findOne({ _id: userId });
    await heartbeat(app, userId);
    // Coming online makes the agent eligible: customers waiting in their automatic pools are dealt again.
    if (!isOnline(before ?? undefined, new Date())) await dealPoolsOf(app, request);
    return workbench(app, request);
  });

  app.put<{ Body: { receiving: boolean } }>('/api/ownership/me/receiving', { schema: s.receivingSchema }, async (request) => {
    await setReceiving(app, request.session!.user.id, request.body.receiving);
    if (request.body.receiving) await dealPoolsOf(app, request);
    return workbench(app, request);
  });

  app.get('/api/tickets', { schema: s.ticketsSchema }, async (request) => {
    await requireTicketAdmin(app, request);
    return ticketBalances(app);
  });

  app.get<{ Querystring: { userId?: string } }>('/api/tickets/log', { schema: s.ticketLogSchema }, async (request) => {
    await requireTicketAdmin(app, request);
    return ticketLog(app.db, request.query.userId);
  });

  app.post<{ Body: { userId: string; kind: TicketKind; delta: number; reason: string } }>('/api/tickets', { schema: s.changeTicketsSchema }, async (request) => {
    await requireTicketAdmin(app, request);
    const locale = requestLocale(request);
    const { userId, kind, delta, reason } = request.body;
    const balances = await ticketBalances(app);
    const current = balances.find((b) => b.userId === userId);
    if (!current) throw new ApiError(404, 'user_not_found', text('user_not_found', locale));
    const user = request.session!.user;
    if (!(await changeTickets(app.db, { userId, kind, delta, reason: reason.trim(), by: { id: user.id, name: user.name } }))) {
      throw new ApiError(409, 'tickets_below_zero', text('tickets_below_zero', locale, { balance: current[kind], amount: -delta }));
    }
    return (await ticketBalances(app)).find((b) => b.userId === userId);
  });
}

async function requireTicketAdmin(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const permissions = await app.permissions.of(request.session!.user);
  if (!permissions.manageDefinitions && !permissions.manageUsers) {
    throw new ApiError(403, 'forbidden_tickets', text('forbidden_tickets', requestLocale(request)));
  }
}

/** The automatic pools the asker is a member of get a chance to deal to them. */
async function dealPoolsOf(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const userId = request.session!.user.id;
  for (const pool of await app.definitions.publishedPools()) {
    if (pool.mode === 'auto' && (await memberUserIds(app.db, pool)).includes(userId)) app.ownership.landed(pool.key);
  }
}
