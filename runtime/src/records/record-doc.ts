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
  /**
   * Operation-log entries written in the same single-document write as the change they describe (so a
   * change never exists without its entry), waiting to be moved to the `oplog` collection (log-outbox.ts).
   */
  pendingLog?: OplogDoc[];
  /** Set while pendingLog may hold entries, so the outbox finds them through an index. */
  logPending?: true;
}

/**
 * A stored value by field key. Keys come from definitions (`^[a-z][a-z0-9_]*$`), so one may well be
 * "constructor": only own properties count, never what a plain object inherits.
 */
export function valueOf(values: Record<string, unknown> | undefined, key: string): unknown {
  return values && Object.hasOwn(values, key) ? values[key] : undefined;
}

/** One collection per entity, so each gets the indexes its own definition asks for. */
export function recordsCollection(db: Db, entityKey: string): Collection<RecordDoc> {
  return db.collection<RecordDoc>(`records_${entityKey}`);
}

/** System fields a client may filter and sort on, and where they live in the document. */
export const SYSTEM_DATE_FIELDS = new Set(['createdAt', 'updatedAt']);
export const SYSTEM_ID_FIELDS = new Set(['ownerId', 'createdBy']);
