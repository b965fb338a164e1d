import type { RecordJson } from '@telesales/schemas';
import type { RecordContext } from './context.js';
import { userNames } from '../org/users.js';
import { valueOf, type RecordDoc } from './record-doc.js';
import { shownValue } from './shown-value.js';
export type { RecordJson };

/**
 * A stored record as the reader may see it. Only fields of the published definition that the reader may
 * see are copied, each through shownValue (the one place values are masked).
 */
function toJson(ctx: RecordContext, doc: RecordDoc, names: Map<string, string>): RecordJson {
  const values: Record<string, unknown> = {};
  const masked: string[] = [];
  const readOnly: string[] = [];
  for (const field of ctx.entity.fields) {
    if (!ctx.view.visible(field)) continue;
    if (!ctx.view.writable(field)) readOnly.push(field.key);
    const value = valueOf(doc.values, field.key);
    if (value === undefined || value === null) continue;
    if (ctx.view.masked(field)) masked.push(field.key);
    values[field.key] = shownValue(ctx.view, field, value);
  }
  return {
    id: doc._id,
    entity: ctx.entity.key,
    version: doc.version,
    ownerId: doc.ownerId ?? null,
    ownerName: doc.ownerId ? (names.get(doc.ownerId) ?? null) : null,
    createdAt: doc.createdAt.toISOString(),
    createdBy: doc.createdBy,
    updatedAt: doc.updatedAt.toISOString(),
    updatedBy: doc.updatedBy,
    ...(doc.deletedAt ? { deletedAt: doc.deletedAt.toISOString(), deletedBy: doc.deletedBy ?? undefined } : {}),
    values,
    masked,
    readOnly,
    ...(doc.poolKey ? { pool: doc.poolKey } : {}),
    ...(doc.request ? { request: { ...doc.request, at: doc.request.at.toISOString() } } : {}),
  };
}

export async function recordsJson(ctx: RecordContext, docs: RecordDoc[]): Promise<RecordJson[]> {
  // The reader's own name is known already: most records an agent touches are their own.
  const others = docs.flatMap((d) => (d.ownerId && d.ownerId !== ctx.user.id ? [d.ownerId] : []));
  const names = await userNames(ctx.app.db, others);
  names.set(ctx.user.id, ctx.user.name);
  return docs.map((d) => toJson(ctx, d, names));
}

export async function recordJson(ctx: RecordContext, doc: RecordDoc): Promise<RecordJson> {
  return (await recordsJson(ctx, [doc]))[0]!;
}
