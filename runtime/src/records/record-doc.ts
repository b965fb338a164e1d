import type { Collection, Db } from 'mongodb';
import type { OplogDoc } from './oplog.js';

/** A record as stored: system fields at the top, the entity's own fields under `values`. */
export interface RecordDoc {
  _id: string;
  version: number;
  ownerId: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  deletedAt: Date | null;
  deletedBy: string | null;
  values: Record<string, unknown>;
  /** Records of owned entities: the pool the record waits in while nobody owns it (null otherwise). */
  poolKey?: string | null;
  /** The pool the current owner took it from: per-pool caps and which pool's recycle rules apply. */
  fromPool?: string | null;
  /** When the current owner got it (recycle rule "no deal within ..."). */
  ownedSince?: Date | null;
  /** When the owner last worked on it (claim, an edit, later a call); recycle rule "not followed up within ...". */
  followedUpAt?: Date | null;
  /** A pending "lost" or "invalid" verdict of the owner, waiting for a supervisor. */
  request?: OwnershipRequest | null;
  /** The import batch that brought it in. */
  importBatch?: string;
  /**
   * Operation-log entries written in the same single-document write as the change they describe (so a
   * change never exists without its entry), waiting to be moved to the `oplog` collection (log-outbox.ts).
   */
  pendingLog?: OplogDoc[];
  /** Set while pendingLog may hold entries, so the outbox finds them through an index. */
  logPending?: true;
}

export interface OwnershipRequest {
  type: 'lost' | 'invalid';
  reason: string;
  by: { id: string; name: string };
  at: Date;
}

/**
 * A stored value by field key. Keys come from definitions (`^[a-z][a-z0-9_]*$`), so one may well be
 * "constructor": only own properties count, never what a plain object inherits.
 */
export function valueOf(values: Record<string, unknown> | undefined, key: string): unknown {
  return values && Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * One collection per entity, so each gets the indexes its own definition asks for. Only the records service
 * (this folder) names it: other capabilities go through `app.records` (service.ts), which keeps the data scope,
 * the operation log and the masking.
 */
export function recordsCollection(db: Db, entityKey: string): Collection<RecordDoc> {
  return db.collection<RecordDoc>(`records_${entityKey}`);
}

/** The collection of the entity a request works on. */
export function collectionOf(ctx: { app: { db: Db }; entity: { key: string } }): Collection<RecordDoc> {
  return recordsCollection(ctx.app.db, ctx.entity.key);
}

/** System fields a client may filter and sort on, and where they live in the document. */
export const SYSTEM_DATE_FIELDS = new Set(['createdAt', 'updatedAt']);
export const SYSTEM_ID_FIELDS = new Set(['ownerId', 'createdBy']);
