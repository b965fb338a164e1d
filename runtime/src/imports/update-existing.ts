import { isDeepStrictEqual } from 'node:util';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { valueOf, type FieldChange, type RecordContext } from '../records/service.js';
import type { Holder } from './dedupe.js';

/**
 * May this importer change the record that already holds a row's key? Only with update permission, and
 * only records within their data scope, or unowned ones waiting in a pool they administer.
 */
export function updateGate(ctx: RecordContext, scope: string[] | null, adminPools: Set<string>) {
  const update = ctx.permissions.entity(ctx.entity.key).update;
  return (holder: Holder) => update && (
    scope === null || (holder.ownerId !== null && scope.includes(holder.ownerId)) || (holder.ownerId === null && !!holder.poolKey && adminPools.has(holder.poolKey))
  );
}

/**
 * onDuplicate "update": the row's mapped values overwrite the stored record's, in one conditional write
 * (on the version read, so a concurrent edit wins and the row is reported instead) with its log entry
 * (action "import", naming the batch). Ownership stays as it is. False: the record changed meanwhile.
 */
export async function updateExisting(
  ctx: RecordContext, holder: Holder, mapped: Record<string, unknown>, batchId: string, now: Date,
): Promise<boolean> {
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(mapped)) {
    const before = valueOf(holder.values, key);
    if (isDeepStrictEqual(before, value)) continue;
    changes.push({ field: key, before, after: value });
  }
  if (!changes.length) return true;
  try {
    const updated = await ctx.app.records.system(ctx.entity.key).write({
      record: { _id: holder.id, version: holder.version }, action: 'import', by: { id: ctx.user.id, name: ctx.user.name }, at: now,
      changes, detail: { importBatch: batchId },
    });
    return updated !== null;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false; // another unique value of the row belongs to a third record
    throw error;
  }
}
