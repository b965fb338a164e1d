import { localize, type LogDetailJson, type LogEntryJson } from '@telesales/schemas';
import type { Db } from 'mongodb';
import { userNames } from '../org/users.js';
import type { RecordContext } from './context.js';
import { valueForReader } from './shown-value.js';
import type { RecordDoc } from './record-doc.js';
import type { FieldChange } from './write-values.js';

export type OplogAction = LogEntryJson['action'];

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
  /** Ownership moves: from and to whom or which pool, the rule that fired, the reason given. */
  detail?: OplogDetail;
}

/** Ownership moves: from and to whom or which pool, the rule that fired, the reason given (ids and keys as stored). */
export type OplogDetail = LogDetailJson;

export const oplogCollection = (db: Db) => db.collection<OplogDoc>('oplog');

export async function ensureOplogIndexes(db: Db): Promise<void> {
  await oplogCollection(db).createIndex({ entity: 1, recordId: 1, version: -1 }, { name: 'record_history' });
  // Reports over moves and changes in a period: everyone's, and one person's (or a team's) within their scope.
  await oplogCollection(db).createIndex({ at: -1 }, { name: 'recent' });
  await oplogCollection(db).createIndex({ 'by.id': 1, at: -1 }, { name: 'by_recent' });
}



/**
 * A record's history as this reader may see it, newest first: changes of hidden fields (and of fields no
 * longer in the definition, whose visibility cannot be judged) are dropped, masked values are masked.
 */
export async function readLog(ctx: RecordContext, record: RecordDoc): Promise<LogEntryJson[]> {
  const moved = await oplogCollection(ctx.app.db)
    .find({ entity: ctx.entity.key, recordId: record._id }).sort({ version: -1, at: -1 }).toArray();
  // Entries not yet moved by the outbox are still on the record; an entry may be in both for a moment.
  const ids = new Set(moved.map((e) => e._id));
  const entries = [...moved, ...(record.pendingLog ?? []).filter((e) => !ids.has(e._id))]
    // By time (a merged record's history interleaves two version sequences), then version within a millisecond.
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.version - a.version);
  if (!entries.some((e) => e.action === 'create')) entries.push(await creationEntry(ctx, record, entries));
  const shown = entries.slice(0, 1000);
  const describe = await detailReader(ctx, shown);
  return shown.map((e) => ({
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
    ...(e.detail ? { detail: describe(e.detail) } : {}),
  }));
}

/** Ownership details as people read them: names instead of user ids, pool labels instead of keys. */
async function detailReader(ctx: RecordContext, entries: OplogDoc[]): Promise<(d: OplogDetail) => LogDetailJson> {
  const ids = entries.flatMap((e) => [e.detail?.fromOwner, e.detail?.toOwner]).filter((v): v is string => !!v);
  const names = ids.length ? await userNames(ctx.app.db, [...new Set(ids)]) : new Map<string, string>();
  const published = await ctx.app.definitions.publishedPools(ctx.entity.key);
  const pools = new Map(published.map((p) => [p.key, localize(p.label, ctx.locale)]));
  // A recycle entry keeps the rule's id; readers get what kind of rule it was (not followed up / no deal).
  const rules = new Map(published.flatMap((p) => (p.recycle ?? []).map((r) => [r.id, r.when] as const)));
  const person = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : id);
  const pool = (key: string | null | undefined) => (key ? (pools.get(key) ?? key) : key);
  return (d) => ({
    ...d,
    ...('fromOwner' in d ? { fromOwner: person(d.fromOwner) } : {}),
    ...('toOwner' in d ? { toOwner: person(d.toOwner) } : {}),
    ...('fromPool' in d ? { fromPool: pool(d.fromPool) } : {}),
    ...('toPool' in d ? { toPool: pool(d.toPool) } : {}),
    ...(d.rule ? { rule: rules.get(d.rule) ?? d.rule } : {}),
  });
}

/**
 * A create writes no log entry of its own (one insert, nothing else): the record says who created it and
 * when, and its first values are its current values with every later change undone, newest first, from
 * the before-values each update entry keeps.
 */
async function creationEntry(ctx: RecordContext, record: RecordDoc, newestFirst: OplogDoc[]): Promise<OplogDoc> {
  const values: Record<string, unknown> = { ...record.values };
  for (const entry of newestFirst) {
    for (const change of entry.changes) {
      if (change.before === undefined || change.before === null) delete values[change.field];
      else values[change.field] = change.before;
    }
  }
  const names = await userNames(ctx.app.db, [record.createdBy]);
  return {
    _id: `${record._id}:created`, entity: ctx.entity.key, recordId: record._id, version: 1, action: 'create',
    at: record.createdAt, by: { id: record.createdBy, name: names.get(record.createdBy) ?? record.createdBy },
    // In the order of the definition's fields, as the card shows them.
    changes: ctx.entity.fields.filter((f) => Object.hasOwn(values, f.key)).map((f) => ({ field: f.key, after: values[f.key] })),
  };
}
