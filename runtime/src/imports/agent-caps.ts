import { usersCollection } from '../org/users.js';
import { capOf } from '../ownership/people.js';
import type { Ownership, RecordContext } from '../records/service.js';
import type { Placer } from './placement.js';

const owned = (ownerId: string, now: Date): Ownership => ({
  ownerId, poolKey: null, fromPool: null, ownedSince: now, followedUpAt: now, request: null,
});

/**
 * Round-robin to named agents within each one's cap (their role's `cap` for the entity, as a claim checks
 * it in ownership/caps.ts). Imported records come from no pool (fromPool null), so no pool cap applies.
 * Room is counted from the database before each chunk (so rows refused as duplicates give it back, and a
 * resumed batch starts from what is stored); an agent found with no room is skipped for the rest of the
 * batch. A row nobody has room for goes to `overflowPool` (the entity's default pool), or, without one the
 * importer may fill, the placer answers null and the row is reported.
 */
export async function roundRobinWithinCaps(
  ctx: RecordContext, ids: string[], overflowPool: string | null, inPool: (key: string) => Ownership,
): Promise<{ place: Placer; beginChunk: () => Promise<void> }> {
  const users = await usersCollection(ctx.app.db).find({ _id: { $in: ids } }).toArray();
  const caps = new Map<string, number>();
  for (const user of users) {
    const cap = await capOf(ctx.app, user, ctx.entity.key);
    if (cap !== null) caps.set(user._id, cap);
  }
  const room = new Map<string, number>(); // agents without a cap are never in it: unlimited
  const full = new Set<string>();
  let turn = 0;

  // Import writes skip the per-person lock of caps.ts (a transaction per row would cost the import its
  // speed); a claim racing the import may therefore land one record over the cap, never the import alone.
  const records = ctx.app.records.system(ctx.entity.key);
  const beginChunk = async () => {
    for (const [id, cap] of caps) {
      if (full.has(id)) continue;
      const left = cap - (await records.count({ ownerId: id, deletedAt: null }));
      if (left <= 0) full.add(id);
      room.set(id, left);
    }
  };
  const place: Placer = async (_values, _source, now) => {
    for (let tried = 0; tried < ids.length; tried++) {
      const id = ids[turn++ % ids.length]!;
      if (full.has(id)) continue;
      const left = room.get(id);
      if (left === undefined) return owned(id, now);
      if (left <= 0) continue;
      room.set(id, left - 1);
      return owned(id, now);
    }
    return overflowPool ? inPool(overflowPool) : null;
  };
  return { place, beginChunk };
}
