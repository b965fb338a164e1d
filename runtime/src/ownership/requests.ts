import { randomUUID } from 'node:crypto';
import type { ReviewJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from '../records/context.js';
import { findRecord, missedWrite } from '../records/find-record.js';
import { withLogEntry } from '../records/oplog-entry.js';
import { recordsJson } from '../records/record-json.js';
import type { RecordDoc } from '../records/record-doc.js';
import { ownedContext } from './context.js';
import { text } from './messages.js';
import { applyMove } from './moves.js';

export type RequestType = 'lost' | 'invalid';

/** Reviewers: roles that see beyond their own records (supervisors) and workspace admins. */
const mayReview = (ctx: RecordContext) => ctx.permissions.manageDefinitions || ctx.permissions.entity(ctx.entity.key).dataScope !== 'own';

/** The owner's verdict "lost" or "invalid", with a reason: it waits for a supervisor (the customer stays). */
export async function requestReview(ctx: RecordContext, id: string, type: RequestType, reason: string): Promise<RecordDoc> {
  const doc = await findRecord(ctx, id);
  if (doc.ownerId !== ctx.user.id) throw new ApiError(403, 'not_owner', text('not_owner', ctx.locale));
  if (doc.request) throw new ApiError(409, 'request_pending', text('request_pending', ctx.locale));
  const now = new Date();
  const by = { id: ctx.user.id, name: ctx.user.name };
  const updated = await ctx.collection.findOneAndUpdate(
    { _id: id, version: doc.version, ownerId: ctx.user.id, request: null, deletedAt: null },
    withLogEntry({ $set: { request: { type, reason, by, at: now }, updatedAt: now, updatedBy: ctx.user.id }, $inc: { version: 1 } }, {
      _id: randomUUID(), entity: ctx.entity.key, recordId: id, version: doc.version + 1, action: 'request', at: now, by, changes: [],
      detail: { reason: `${type}: ${reason}` },
    }),
    { returnDocument: 'after', projection: { pendingLog: 0 } },
  );
  if (!updated) throw await missedWrite(ctx, id);
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
    const query = { ...ctx.scope, request: { $ne: null }, deletedAt: null };
    if (countOnly) {
      count += await ctx.collection.countDocuments(query);
      continue;
    }
    const docs = await ctx.collection.find(query, { projection: { pendingLog: 0 } }).sort({ 'request.at': 1 }).limit(200).toArray();
    const json = await recordsJson(ctx, docs);
    docs.forEach((d, i) => items.push({ record: json[i]!, request: { ...d.request!, at: d.request!.at.toISOString() } }));
    count += docs.length;
  }
  return { items, count };
}

/** Approve: the customer goes to the entity's lost or invalid pool. Reject: it stays with the agent. */
export async function review(ctx: RecordContext, id: string, approve: boolean, note?: string): Promise<void> {
  if (!mayReview(ctx)) throw new ApiError(403, 'forbidden_review', text('forbidden_review', ctx.locale));
  const doc = await findRecord(ctx, id);
  if (!doc.request) throw new ApiError(409, 'no_request', text('no_request', ctx.locale));
  const by = { id: ctx.user.id, name: ctx.user.name };
  const reason = note ? `${doc.request.type}: ${note}` : doc.request.type;
  if (approve) {
    const type = doc.request.type;
    const pool = (await ctx.app.definitions.publishedPools(ctx.entity.key)).find((p) => p.system === type);
    if (!pool) throw new ApiError(409, 'no_system_pool', text('no_system_pool', ctx.locale, { type }));
    const moved = await applyMove(ctx.collection, doc, { entity: ctx.entity.key, action: 'approve', by, to: { pool: pool.key }, detail: { reason } });
    if (!moved) throw await missedWrite(ctx, id);
  } else {
    const now = new Date();
    const updated = await ctx.collection.updateOne(
      { _id: id, version: doc.version, deletedAt: null },
      withLogEntry({ $set: { request: null, updatedAt: now, updatedBy: ctx.user.id }, $inc: { version: 1 } }, {
        _id: randomUUID(), entity: ctx.entity.key, recordId: id, version: doc.version + 1, action: 'reject', at: now, by, changes: [],
        detail: { reason },
      }),
    );
    if (!updated.matchedCount) throw await missedWrite(ctx, id);
  }
  ctx.app.logOutbox.schedule(ctx.entity.key);
}
