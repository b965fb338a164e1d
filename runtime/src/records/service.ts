import type { FieldDefinition, Locale, LogEntryJson, RecordJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ClientSession, Document, Filter, Sort } from 'mongodb';
import type { UserPermissions } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { ApiError } from '../http/errors.js';
import { aggregateLog, aggregateRecords, drillLog, drillRecords, type AggregateBounds } from './aggregate.js';
import { notFound, recordContext, recordContextFor, type RecordAction, type RecordContext } from './context.js';
import { createRecord } from './create-record.js';
import { fieldView } from './field-view.js';
import { ensureReportIndex } from './indexes.js';
import { filterToMongo, parseFilterParam } from './filter-to-mongo.js';
import { findRecord, missedWrite, versionConflict } from './find-record.js';
import { listAll, listRecords, type ListInput, type ListPage } from './list-records.js';
import { spendMaskedImportRows, writesMaskedKey } from './masked-checks.js';
import { mergeRecords } from './merge.js';
import { numberView, type NumberView } from './number-view.js';
import { readLog } from './oplog.js';
import { findByPhone, lookupForFlow, type FlowLookup } from './phone-lookup.js';
import { quickSearch } from './quick-search.js';
import { collectionOf, recordsCollection, type RecordDoc } from './record-doc.js';
import { recordJson, recordsJson } from './record-json.js';
import { sortFor } from './sort.js';
import { shownValue } from './shown-value.js';
import { RecordStore, type RecordFilter, type StoredRecord } from './store.js';
import { updateRecord } from './update-record.js';

export type { Actor, FieldChange, LoggedChange, OplogDetail, Ownership, RecordFilter, RecordStore, StoredRecord } from './store.js';
export { valueOf } from './record-doc.js';
export type { AggregateBounds, FlowLookup, ListInput, ListPage, NumberView, RecordAction, RecordContext, RecordJson };

/**
 * The only way other capabilities read and write records. A reader's operations take the RecordContext of
 * `context` (permissions, data scope, field visibility, masking) and never see outside its scope; values leave
 * the server only through `json`, `log`, `numberView` and the look-ups, which all mask in one place
 * (shown-value.ts). Jobs that act for nobody (recycling, distribution, imports, template installs) use
 * `system`, whose every change carries its operation-log entry. The document layout and the collections stay
 * in this folder.
 */
export class RecordsService {
  constructor(private readonly app: FastifyInstance) {}

  /** The gate: unknown entity 404, action not granted 403, then the scope every query of the request carries. */
  context(request: FastifyRequest, entityKey: string, action: RecordAction): Promise<RecordContext> {
    return recordContext(this.app, request, entityKey, action);
  }

  /** The same gate for a person who is not the one asking (a call offered to an agent, pushed to their console). */
  contextFor(user: SessionUser, locale: Locale, entityKey: string, action: RecordAction): Promise<RecordContext> {
    return recordContextFor(this.app, user, locale, entityKey, action);
  }

  /** A pool's waiting records as its members read them: only that pool's, always masked (nobody owns them yet). */
  inPool(ctx: RecordContext, poolKey: string): RecordContext {
    return {
      ...ctx, unmask: false,
      view: fieldView(ctx.entity, (f) => ctx.permissions.fieldAccess(f), false),
      scope: { poolKey, ownerId: null },
    };
  }

  /** A record within the reader's scope, else 404 as for a missing one (deleted ones only for restorers). */
  find(ctx: RecordContext, id: string, opts: { deleted?: boolean } = {}): Promise<StoredRecord> {
    return findRecord(ctx, id, opts);
  }

  /** A live record within the reader's scope, or null. */
  findVisible(ctx: RecordContext, id: string): Promise<StoredRecord | null> {
    return collectionOf(ctx).findOne({ _id: id, deletedAt: null, ...ctx.scope });
  }

  /** A live record within the reader's scope by a phone field they may see. */
  findByPhone(ctx: RecordContext, number: string): Promise<StoredRecord | null> {
    return findByPhone(ctx, number);
  }

  /** Records within the reader's scope that also match `filter`. */
  findMany(ctx: RecordContext, filter: RecordFilter, opts: { sort?: Sort; limit?: number } = {}): Promise<StoredRecord[]> {
    const cursor = collectionOf(ctx).find(scoped(ctx, filter), { projection: { pendingLog: 0 } });
    if (opts.sort) cursor.sort(opts.sort);
    if (opts.limit) cursor.limit(opts.limit);
    return cursor.toArray();
  }

  count(ctx: RecordContext, filter: RecordFilter): Promise<number> {
    return collectionOf(ctx).countDocuments(scoped(ctx, filter));
  }

  /**
   * A value of one of the entity's fields as this reader may see it (masked where their role masks it): for values
   * that live outside a record (an outbound task's numbers and list columns) but belong to its fields.
   */
  shown(ctx: RecordContext, field: FieldDefinition, value: unknown): unknown {
    return shownValue(ctx.view, field, value);
  }

  /** A page of the list as the reader may see it (scope, filter, search, sort, masking). */
  list(ctx: RecordContext, input: ListInput): Promise<ListPage> {
    return listRecords(ctx, input);
  }

  /** The whole list (at most `cap`) as the reader may see it, in pages of `pageSize`: an export. */
  listAll(ctx: RecordContext, input: ListInput, cap: number, pageSize: number) {
    return listAll(ctx, input, cap, pageSize);
  }

  /** The `filter` query parameter (JSON text) parsed, or 400 with its path. */
  parseFilter(ctx: RecordContext, raw: string): unknown {
    return parseFilterParam(ctx, raw);
  }

  /**
   * The filter language as a query stage for a report over this reader's records: checked as a list checks it
   * (fields the reader may see, masked fields only for emptiness; 400 with the path), then translated.
   */
  filterMatch(ctx: RecordContext, filter: unknown): Document {
    return filterToMongo(ctx, filter);
  }

  /** A report's aggregation over the reader's live records (scope first; runtime/src/reports/ builds the stages). */
  aggregate(ctx: RecordContext, stages: Document[], bounds: AggregateBounds): Promise<Document[]> {
    return aggregateRecords(ctx, stages, bounds);
  }

  /** An index on an entity's date field a published report counts periods by (the system dates have theirs). */
  ensureReportIndex(entityKey: string, fieldKey: string): Promise<void> {
    return ensureReportIndex(this.app.db, entityKey, fieldKey);
  }

  /** The records behind a report's cell, within the reader's scope, as the reader may see them. */
  drill(ctx: RecordContext, match: Document, page: { skip: number; limit: number }): Promise<{ items: RecordJson[]; total: number }> {
    return drillRecords(ctx, match, page);
  }

  /** A report over the operation log's entries (ownership moves, changes); `scope` (whose entries) comes first. */
  aggregateLog(scope: Document, stages: Document[], bounds: AggregateBounds): Promise<Document[]> {
    return aggregateLog(this.app.db, scope, stages, bounds);
  }

  /** The log entries behind a report's cell (without the changed values, which the record's own log shows per reader). */
  drillLog(match: Document, page: { skip: number; limit: number }) {
    return drillLog(this.app.db, match, page);
  }

  /** Checks a filter, search and sort as a list would (fields the reader may use), without running them. */
  checkQuery(ctx: RecordContext, query: { filter?: unknown; q?: string | undefined; sort?: string | undefined }): void {
    if (query.filter !== undefined) filterToMongo(ctx, query.filter);
    if (query.q) quickSearch(ctx, query.q);
    if (query.sort) sortFor(ctx, query.sort);
  }

  create(ctx: RecordContext, body: { values: Record<string, unknown>; ownerId?: string }, opts: { session?: ClientSession } = {}): Promise<RecordJson> {
    return createRecord(ctx, body, opts.session);
  }

  update(ctx: RecordContext, id: string, body: { version: number; values: Record<string, unknown> }): Promise<RecordJson> {
    return updateRecord(ctx, id, body);
  }

  /** Merges A into B (both within the reader's scope); who may merge is the caller's to decide. */
  merge(ctx: RecordContext, fromId: string, intoId: string): Promise<StoredRecord> {
    return mergeRecords(ctx, fromId, intoId);
  }

  /** An import whose mapping writes masked key fields tests `rows` guesses: paid from the daily budget first. */
  async spendMaskedImportRows(ctx: RecordContext, keys: Iterable<string>, rows: number): Promise<void> {
    if (writesMaskedKey(ctx, keys)) await spendMaskedImportRows(ctx, rows);
  }

  /** Records as the reader may see them: visible fields only, masked ones masked. */
  json(ctx: RecordContext, docs: StoredRecord[]): Promise<RecordJson[]> {
    return recordsJson(ctx, docs);
  }

  jsonOne(ctx: RecordContext, doc: StoredRecord): Promise<RecordJson> {
    return recordJson(ctx, doc);
  }

  /** A record's operation log as the reader may see it. */
  log(ctx: RecordContext, doc: StoredRecord): Promise<LogEntryJson[]> {
    return readLog(ctx, doc);
  }

  /** How a reader sees a call's outside number on calls of this entity (masked like its phone field). */
  numberView(permissions: UserPermissions, entityKey: string): Promise<NumberView> {
    return numberView(this.app, permissions, entityKey);
  }

  /** A call flow's look-up of the caller by number: for nobody, so masked fields come masked. */
  lookupForFlow(entityKey: string, number: string): Promise<FlowLookup> {
    return lookupForFlow(this.app, entityKey, number);
  }

  notFound(locale: Locale): ApiError {
    return notFound({ locale });
  }

  /** A write matched nothing: 404 when the record left the scope or was deleted, 409 when its version moved on. */
  missedWrite(ctx: RecordContext, id: string): Promise<ApiError> {
    return missedWrite(ctx, id);
  }

  versionConflict(ctx: RecordContext, current: number): ApiError {
    return versionConflict(ctx, current);
  }

  /** The records of an entity for jobs and checks that act for nobody in particular (see store.ts). */
  system(entityKey: string): RecordStore {
    return new RecordStore(recordsCollection(this.app.db, entityKey), entityKey);
  }
}

/** `filter` within the reader's scope: $and, so a filter naming a scoped field (ownerId) narrows the scope, never replaces it. */
function scoped(ctx: RecordContext, filter: RecordFilter): Filter<RecordDoc> {
  return Object.keys(ctx.scope).length ? { $and: [ctx.scope, filter as Filter<RecordDoc>] } : (filter as Filter<RecordDoc>);
}

declare module 'fastify' {
  interface FastifyInstance {
    records: RecordsService;
  }
}

/** `app.records` for every capability. */
export const recordsServicePlugin = fp(async (app) => {
  app.decorate('records', new RecordsService(app));
}, { name: 'records', dependencies: ['db', 'definitions', 'auth', 'log-outbox'] });
