import type { ReviewJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import type { RecordContext, StoredRecord } from '../records/service.js';
import { ownedContext } from './context.js';
import { text } from './messages.js';
import { applyMove } from './moves.js';

export type RequestType = 'lost' | 'invalid';

/** Reviewers: roles that see beyond their own records (supervisors) and workspace admins. */
const mayReview = (ctx: RecordContext) => ctx.permissions.manageDefinitions || ctx.permissions.entity(ctx.entity.key).dataScope !== 'own';

/** The owner's verdict "lost" or "invalid", with a reason: it waits for a supervisor (the customer stays). */
export async function requestReview(ctx: RecordContext, id: string, type: RequestType, reason: string): Promise<StoredRecord> {
  const doc = await ctx.app.records.find(ctx, id);
  if (doc.ownerId !== ctx.user.id) throw new ApiError(403, 'not_owner', text('not_owner', ctx.locale));
  if (doc.request) throw new ApiError(409, 'request_pending', text('request_pending', ctx.locale));
  const now = new Date();
  const by = { id: ctx.user.id, name: ctx.user.name };
  const updated = await ctx.app.records.system(ctx.entity.key).write({
    record: doc, action: 'request', by, at: now, set: { request: { type, reason, by, at: now } },
    detail: { reason: `${type}: ${reason}` }, match: { ownerId: ctx.user.id, request: null },
  });
  if (!updated) throw await ctx.app.records.missedWrite(ctx, id);
  ctx.app.logOutbox.schedule(ctx.entity.key);
  return updated;
}

/** Pending requests the asker may review, oldest first, across the owned entities they may update. */
export async function pendingReviews(app: FastifyInstance, request: FastifyRequest, countOnly = false): Promise<{ items: ReviewJson[]; count: number }> {
  const items: ReviewJson[] = [];
  let count = 0;
  for (const entity of await app.definitions.listPublished('entity')) {
    if ((entity as { owned?: boolean }).owned === false) continue;
    const ctx = await ownedContext(app, request, entity.key, 'update').catch(() => null);
    if (!ctx || !mayReview(ctx)) continue;
    const query = { request: { $ne: null }, deletedAt: null };
    if (countOnly) {
      count += await app.records.count(ctx, query);
      continue;
    }
    const docs = await app.records.findMany(ctx, query, { sort: { 'request.at': 1 }, limit: 200 });
    const json = await app.records.json(ctx, docs);
    docs.forEach((d, i) => items.push({ record: json[i]!, request: { ...d.request!, at: d.request!.at.toISOString() } }));
    count += docs.length;
  }
  return { items, count };
}

/** Approve: the customer goes to the entity's lost or invalid pool. Reject: it stays with the agent. */
export async function review(ctx: RecordContext, id: string, approve: boolean, note?: string): Promise<void> {
  if (!mayReview(ctx)) throw new ApiError(403, 'forbidden_review', text('forbidden_review', ctx.locale));
  const doc = await ctx.app.records.find(ctx, id);
  if (!doc.request) throw new ApiError(409, 'no_request', text('no_request', ctx.locale));
  const by = { id: ctx.user.id, name: ctx.user.name };
  const reason = note ? `${doc.request.type}: ${note}` : doc.request.type;
  if (approve) {
    const type = doc.request.type;
    const pool = (await ctx.app.definitions.publishedPools(ctx.entity.key)).find((p) => p.system === type);
    if (!pool) throw new ApiError(409, 'no_system_pool', text('no_system_pool', ctx.locale, { type }));
    const moved = await applyMove(ctx.app.records.system(ctx.entity.key), doc, { action: 'approve', by, to: { pool: pool.key }, detail: { reason } });
    if (!moved) throw await ctx.app.records.missedWrite(ctx, id);
  } else {
    const updated = await ctx.app.records.system(ctx.entity.key).write({
      record: doc, action: 'reject', by, at: new Date(), set: { request: null }, detail: { reason },
    });
    if (!updated) throw await ctx.app.records.missedWrite(ctx, id);
  }
  ctx.app.logOutbox.schedule(ctx.entity.key);
}
