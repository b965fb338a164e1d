import { randomUUID } from 'node:crypto';
import { localize } from '@telesales/schemas';
import type { ClientSession, Db } from 'mongodb';
import type { RecordContext } from './context.js';
import { valueForReader } from './record-json.js';
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

/** Written inside the transaction of the change itself (see write-step.ts). */
export async function logChange(
  ctx: RecordContext, session: ClientSession,
  entry: { recordId: string; version: number; action: OplogAction; at: Date; changes?: FieldChange[] },
): Promise<void> {
  await oplogCollection(ctx.app.db).insertOne(
    { _id: randomUUID(), entity: ctx.entity.key, by: { id: ctx.user.id, name: ctx.user.name }, changes: [], ...entry },
    { session },
  );
}

export interface LogEntryJson {
  id: string;
  action: OplogAction;
  at: string;
  by: { id: string; name: string };
  changes: Array<{ field: string; label: string; before: unknown; after: unknown }>;
}

/**
 * A record's history as this reader may see it, newest first: changes of hidden fields (and of fields no
 * longer in the definition, whose visibility cannot be judged) are dropped, masked values are masked.
 */
export async function readLog(ctx: RecordContext, recordId: string): Promise<LogEntryJson[]> {
  const entries = await oplogCollection(ctx.app.db)
    .find({ entity: ctx.entity.key, recordId })
    .sort({ version: -1, at: -1 })
    .limit(1000)
    .toArray();
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
