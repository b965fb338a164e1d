import {
  BUILT_IN_PATHS, recordSourceFields, SCOPE_PATH, SOURCE_FIELDS, sourceEntity, sourceKind,
  type EntityDefinition, type Locale, type ReportField, type SourceKind,
} from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { Document } from 'mongodb';
import type { UserPermissions } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { agentStateIntervals } from '../calls/agent-state-intervals.js';
import { callsCollection } from '../calls/call-doc.js';
import { callReader, callsJson } from '../calls/call-json.js';
import { scopedAgents } from '../calls/call-scope.js';
import { ApiError } from '../http/errors.js';
import { dialLogCollection } from '../outbound/dial-log.js';
import type { AggregateBounds } from '../records/service.js';
import { text } from './messages.js';
import { sourceFilterMatch } from './source-filter.js';

/** Who runs a report: its figures are theirs (data scope, field visibility), never anyone else's. */
export interface Viewer {
  user: SessionUser;
  locale: Locale;
  permissions: UserPermissions;
}

export interface Page {
  skip: number;
  limit: number;
}

/** A report's source opened for one viewer: what they may use of it and how to run stages within their scope. */
export interface ViewerSource {
  kind: SourceKind;
  /** The fields the viewer may use; `hidden` those the source has but the viewer may not see or only sees masked. */
  fields: Map<string, ReportField>;
  hidden: Set<string>;
  /** Two viewers with the same key see exactly the same documents and fields (the cache never crosses it). */
  scopeKey: string;
  /** The entity of a records source (its options' labels). */
  entity: EntityDefinition | null;
  /** Export of a records source needs the entity's `export` permission; aggregates of calls are the viewer's own. */
  mayExport: boolean;
  filterMatch(filter: unknown): Document;
  aggregate(stages: Document[], bounds: AggregateBounds): Promise<Document[]>;
  drill(match: Document, page: Page): Promise<{ items: unknown[]; total: number }>;
}

/** The viewer's scope on a source whose documents belong to a person (agent, mover), as the calls' rules say. */
async function peopleScope(app: FastifyInstance, viewer: Viewer, kind: SourceKind): Promise<{ match: Document; key: string }> {
  const agents = await scopedAgents(app, viewer);
  const path = SCOPE_PATH[kind];
  if (agents === null) return { match: {}, key: `all:${viewer.user.role}` };
  if (!path) throw new ApiError(403, 'forbidden', text('scope_all_only', viewer.locale));
  return { match: { [path]: { $in: agents } }, key: `${[...agents].sort().join(',')}:${viewer.user.role}` };
}

const within = (scope: Document, match: Document): Document =>
  ({ $and: [scope, match].filter((p) => Object.keys(p).length) });

async function recordsSource(app: FastifyInstance, viewer: Viewer, entityKey: string): Promise<ViewerSource> {
  const ctx = await app.records.contextFor(viewer.user, viewer.locale, entityKey, 'read');
  const all = recordSourceFields(ctx.entity);
  const usable = (f: ReportField) => {
    const def = ctx.view.field(f.key);
    return !def || (ctx.view.visible(def) && !ctx.view.masked(def));
  };
  return {
    kind: 'records',
    fields: new Map(all.filter(usable).map((f) => [f.key, f])),
    hidden: new Set(all.filter((f) => !usable(f)).map((f) => f.key)),
    scopeKey: `${JSON.stringify(ctx.scope)}:${viewer.user.role}:${ctx.unmask}`,
    entity: ctx.entity,
    mayExport: ctx.permissions.entity(ctx.entity.key).export,
    filterMatch: (filter) => app.records.filterMatch(ctx, filter),
    aggregate: (stages, bounds) => app.records.aggregate(ctx, stages, bounds),
    drill: (match, page) => app.records.drill(ctx, match, page),
  };
}

/** Calls, dials, moves and agent-state intervals: the table's fields, the people's scope, their own collections. */
async function documentsSource(app: FastifyInstance, viewer: Viewer, kind: Exclude<SourceKind, 'records'>): Promise<ViewerSource> {
  const scope = await peopleScope(app, viewer, kind);
  const fields = SOURCE_FIELDS[kind];
  const base = {
    kind, fields: new Map(fields.map((f) => [f.key, f])), hidden: new Set<string>(), scopeKey: `${kind}:${scope.key}`,
    entity: null, mayExport: true, filterMatch: (filter: unknown) => sourceFilterMatch(filter, fields, viewer.locale),
  };
  const page = <T extends Document>(find: (q: Document) => { sort(s: Document): { skip(n: number): { limit(n: number): { toArray(): Promise<T[]> } } } }, count: (q: Document) => Promise<number>, sort: Document) =>
    async (match: Document, p: Page) => {
      const q = within(scope.match, match);
      const [total, docs] = await Promise.all([count(q), find(q).sort(sort).skip(p.skip).limit(p.limit).toArray()]);
      return { total, docs };
    };
  switch (kind) {
    case 'calls': {
      const calls = callsCollection(app.db);
      const read = page((q) => calls.find(q), (q) => calls.countDocuments(q), { ringAt: -1, _id: 1 });
      return {
        ...base,
        aggregate: (stages, b) => calls.aggregate([{ $match: scope.match }, ...stages], { maxTimeMS: b.maxTimeMS }).toArray(),
        // Calls leave the server through call-json.ts only: the outside number masked as this reader sees it.
        drill: async (match, p) => {
          const { total, docs } = await read(match, p);
          return { total, items: await callsJson(app, await callReader(app, viewer.user), docs) };
        },
      };
    }
    case 'agentStates': {
      const intervals = agentStateIntervals(app.db);
      const read = page((q) => intervals.find(q), (q) => intervals.countDocuments(q), { from: -1, _id: 1 });
      return {
        ...base,
        aggregate: (stages, b) => intervals.aggregate([{ $match: scope.match }, ...stages], { maxTimeMS: b.maxTimeMS }).toArray(),
        drill: async (match, p) => {
          const { total, docs } = await read(match, p);
          return { total, items: docs.map((d) => ({ id: d._id, agentId: d.agentId, state: d.state, kind: d.kind, from: d.from.toISOString(), to: d.to.toISOString(), sec: d.sec })) };
        },
      };
    }
    case 'dials': {
      const dials = dialLogCollection(app.db);
      const read = page((q) => dials.find(q, { projection: { phone: 0 } }), (q) => dials.countDocuments(q), { at: -1, _id: 1 });
      return {
        ...base,
        aggregate: (stages, b) => dials.aggregate([{ $match: scope.match }, ...stages], { maxTimeMS: b.maxTimeMS }).toArray(),
        // The dialled number stays in the dial log: a drill-down lists the dials (their call ids), never the numbers.
        drill: async (match, p) => {
          const { total, docs } = await read(match, p);
          return { total, items: docs.map((d) => ({ id: d._id, task: d.task, at: d.at.toISOString(), abandoned: !!d.abandoned, reserved: !!d.reserved })) };
        },
      };
    }
    case 'moves':
      return {
        ...base,
        aggregate: (stages, b) => app.records.aggregateLog(scope.match, stages, b),
        drill: (match, p) => app.records.drillLog(within(scope.match, match), p),
      };
  }
}

/** The report's source as this viewer may use it: 404 for an unknown entity, 403 for one they may not read. */
export async function openSource(app: FastifyInstance, viewer: Viewer, source: string): Promise<ViewerSource> {
  const entity = sourceEntity(source);
  if (entity) return recordsSource(app, viewer, entity);
  return documentsSource(app, viewer, sourceKind(source) as Exclude<SourceKind, 'records'>);
}

/** Where the people a team filter narrows live in the source's documents (owners, agents, movers), if anywhere. */
export const peoplePath = (kind: SourceKind): string | null => BUILT_IN_PATHS[kind].owner ?? null;
