import { localize, type LogEntryJson } from '@telesales/schemas';
import type { Db } from 'mongodb';
import type { RecordContext } from './context.js';
import { valueForReader } from './record-json.js';
import type { RecordDoc } from './record-doc.js';
import type { FieldChange } from './write-values.js';

export type OplogAction = 'create' | 'update' | 'delete' | 'restore';

/** One thing a person did to a record, with the raw values before and after (masked only when read). */
export interface OplogDoc {
  _id: string;
  entity: string;
  recordId: string;
  /** The record's version after the change: orders a record's entries even within one millisecond. */
  version: number;
  action: OplogAction;
  at: Date;
  by: { id: string; name: string };
  changes: FieldChange[];
}

export const oplogCollection = (db: Db) => db.collection<OplogDoc>('oplog');

export async function ensureOplogIndexes(db: Db): Promise<void> {
  await oplogCollection(db).createIndex({ entity: 1, recordId: 1, version: -1 }, { name: 'record_history' });
}



/**
 * A record's history as this reader may see it, newest first: changes of hidden fields (and of fields no
 * longer in the definition, whose visibility cannot be judged) are dropped, masked values are masked.
 */
export async function readLog(ctx: RecordContext, record: RecordDoc): Promise<LogEntryJson[]> {
  const recordId = record._id;
  const moved = await oplogCollection(ctx.app.db)
    .find({ entity: ctx.entity.key, recordId }).sort({ version: -1, at: -1 }).limit(1000).toArray();
  // Entries not yet moved by the outbox are still on the record; an entry may be in both for a moment.
  const ids = new Set(moved.map((e) => e._id));
  const entries = [...moved, ...(record.pendingLog ?? []).filter((e) => !ids.has(e._id))]
    .sort((a, b) => b.version - a.version || b.at.getTime() - a.at.getTime());
  return entries.map((e) => ({
    id: e._id,
    action: e.action,
    at: e.at.toISOString(),
    by: e.by,
    changes: e.changes.flatMap((c) => {
      const field = ctx.view.field(c.field);
      if (!field || !ctx.view.visible(field)) return [];
      return [{
        field: c.field,
        label: localize(field.label, ctx.locale),
        before: valueForReader(ctx, c.field, c.before) ?? null,
        after: valueForReader(ctx, c.field, c.after) ?? null,
      }];
    }),
  }));
}
