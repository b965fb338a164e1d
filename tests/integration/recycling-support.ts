// Shared by the recycling-* suites: owned customers seeded straight into the collection, and the log reader.
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { OplogDoc } from '@telesales/runtime/records/oplog';
import type { RecordDoc } from '@telesales/runtime/records/record-doc';
import type { UserDoc } from '@telesales/runtime/org/users';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The insurance template's default pool rules (templates/insurance/pools/default.json). */
export const NO_FOLLOW_UP = '0d7f3b8e-2a41-4c8a-b1f6-7e2d9c5a3b11';
export const NO_DEAL = '5a9e1c2d-7b3f-4e6a-8d0c-2f1b4a6e9c22';
export const ONLINE_NO_FOLLOW_UP = 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e077';

export const customers = (db: Db) => db.collection<RecordDoc>('records_customer');

export async function userId(db: Db, login: string): Promise<string> {
  const user = await db.collection<UserDoc>('users').findOne({ login });
  if (!user) throw new Error(`no user ${login}`);
  return user._id;
}

export interface Owned {
  ownerId: string;
  fromPool: string | null;
  ownedSince: Date;
  followedUpAt?: Date | null;
  status?: string;
  name?: string;
  deletedAt?: Date | null;
}

/** An owned customer as the ownership operations store it (no phone: the duplicate index ignores it). */
export function ownedDoc(o: Owned): RecordDoc {
  const id = randomUUID();
  return {
    _id: id, version: 1, ownerId: o.ownerId, createdAt: o.ownedSince, createdBy: o.ownerId, updatedAt: o.ownedSince, updatedBy: o.ownerId,
    deletedAt: o.deletedAt ?? null, deletedBy: o.deletedAt ? o.ownerId : null,
    values: { name: o.name ?? `Seed ${id.slice(0, 8)}`, status: o.status ?? 'following' },
    poolKey: null, fromPool: o.fromPool, ownedSince: o.ownedSince, followedUpAt: o.followedUpAt === undefined ? o.ownedSince : o.followedUpAt,
    request: null,
  };
}

export async function seed(db: Db, list: Owned[]): Promise<string[]> {
  const docs = list.map(ownedDoc);
  for (let i = 0; i < docs.length; i += 1000) await customers(db).insertMany(docs.slice(i, i + 1000));
  return docs.map((d) => d._id);
}

/**
 * Every 'recycle' entry of the records, wherever it is: moved to `oplog` or still waiting on the record
 * (an entry may be in both for a moment, so they are counted once by id).
 */
export async function recycleEntries(db: Db, ids: string[]): Promise<Map<string, OplogDoc[]>> {
  // Records first, then the oplog: the outbox inserts an entry into the oplog before it pulls it from the
  // record, so read in this order an entry it moves meanwhile shows in both places (deduped below), never in neither.
  const docs = await customers(db).find({ _id: { $in: ids } }, { projection: { pendingLog: 1 } }).toArray();
  const moved = await db.collection<OplogDoc>('oplog').find({ entity: 'customer', recordId: { $in: ids }, action: 'recycle' }).toArray();
  const byId = new Map<string, OplogDoc>();
  for (const e of [...moved, ...docs.flatMap((d) => d.pendingLog ?? [])]) if (e.action === 'recycle') byId.set(e._id, e);
  const byRecord = new Map<string, OplogDoc[]>(ids.map((id) => [id, []]));
  for (const e of byId.values()) byRecord.get(e.recordId)?.push(e);
  return byRecord;
}
