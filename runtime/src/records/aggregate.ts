import type { Db, Document, Filter } from 'mongodb';
import type { RecordContext } from './context.js';
import { oplogCollection, type OplogDoc } from './oplog.js';
import { collectionOf } from './record-doc.js';
import { recordsJson, type RecordJson } from './record-json.js';

/** Bounds every aggregate a reader's report runs: the database stops it rather than the API waiting on it. */
export interface AggregateBounds {
  maxTimeMS: number;
}

/**
 * A report's aggregation over the reader's live records: the scope and "not deleted" are the first stage, so the
 * stages after it (built by runtime/src/reports/ from the entity's field paths) never see another person's record.
 */
export function aggregateRecords(ctx: RecordContext, stages: Document[], bounds: AggregateBounds): Promise<Document[]> {
  const first = { $match: Object.keys(ctx.scope).length ? { $and: [ctx.scope, { deletedAt: null }] } : { deletedAt: null } };
  return collectionOf(ctx).aggregate([first, ...stages], { maxTimeMS: bounds.maxTimeMS }).toArray();
}

/** The records behind one cell of a report: the same scope, the cell's match, a page of them as the reader sees them. */
export async function drillRecords(
  ctx: RecordContext, match: Document, page: { skip: number; limit: number },
): Promise<{ items: RecordJson[]; total: number }> {
  const query = { $and: [ctx.scope, { deletedAt: null }, match].filter((p) => Object.keys(p).length) };
  const [total, docs] = await Promise.all([
    collectionOf(ctx).countDocuments(query),
    collectionOf(ctx).find(query, { projection: { pendingLog: 0 } }).sort({ updatedAt: -1, _id: -1 }).skip(page.skip).limit(page.limit).toArray(),
  ]);
  return { items: await recordsJson(ctx, docs), total };
}

/** Operation-log entries (moves and changes) as a report counts them; `scope` comes first. */
export function aggregateLog(db: Db, scope: Document, stages: Document[], bounds: AggregateBounds): Promise<Document[]> {
  return oplogCollection(db).aggregate([{ $match: scope }, ...stages], { maxTimeMS: bounds.maxTimeMS }).toArray();
}

/** A page of operation-log entries without their field values (a report's drill-down lists the moves, not the values). */
export async function drillLog(db: Db, match: Document, page: { skip: number; limit: number }) {
  const query = match as Filter<OplogDoc>;
  const [total, docs] = await Promise.all([
    oplogCollection(db).countDocuments(query),
    oplogCollection(db).find(query, { projection: { changes: 0 } }).sort({ at: -1, _id: 1 }).skip(page.skip).limit(page.limit).toArray(),
  ]);
  return {
    total,
    items: docs.map((d) => ({ id: d._id, entity: d.entity, recordId: d.recordId, action: d.action, at: d.at.toISOString(), by: d.by, ...(d.detail ? { detail: d.detail } : {}) })),
  };
}
