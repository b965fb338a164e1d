import type { RecordContext } from '../records/service.js';
import { mappingsCollection, type ImportMappingDoc } from './collections.js';
import { mappableFields, type Mapping } from './mapping.js';

/**
 * Saved column mappings, one per source (a lead vendor, a campaign), in two layers:
 * - the workspace's mapping of a source, which every importer of the entity starts from, is written only by
 *   people who manage definitions (the admins who set up sources): an agent's save never changes what
 *   everybody else's next file maps to;
 * - anyone else saves a mapping of their own, which only they read and which, for them, comes before the
 *   workspace's.
 * Ids: the workspace's is `entity:source` as it always was; a personal one starts with "@", which no
 * entity key does, so the two can never be the same document.
 */
const workspaceId = (entity: string, source: string) => `${entity}:${source}`;
const personalId = (entity: string, source: string, userId: string) => `@${userId}/${entity}:${source}`;

export interface SavedMappingJson {
  source: string;
  mapping: Mapping;
  updatedAt: string;
  /** The workspace's mapping (true) or the reader's own (false). */
  shared: boolean;
}

/** Only the pairs whose field this reader may fill: a saved mapping never names a field hidden from them. */
function toJson(ctx: RecordContext, doc: ImportMappingDoc): SavedMappingJson {
  const fields = new Set(mappableFields(ctx).map((f) => f.key));
  const mapping = Object.fromEntries(Object.entries(doc.mapping).filter(([, key]) => fields.has(key)));
  return { source: doc.source, mapping, updatedAt: doc.updatedAt.toISOString(), shared: !doc.userId };
}

/** The mappings this person reads (all sources, or one): their own where they saved one, else the workspace's. */
export async function readMappings(ctx: RecordContext, source?: string): Promise<SavedMappingJson[]> {
  const docs = await mappingsCollection(ctx.app.db)
    .find({ entity: ctx.entity.key, userId: { $in: [null, ctx.user.id] }, ...(source === undefined ? {} : { source }) })
    .limit(1000).toArray();
  const bySource = new Map<string, ImportMappingDoc>();
  for (const doc of docs) if (doc.userId || !bySource.has(doc.source)) bySource.set(doc.source, doc);
  return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)).map((d) => toJson(ctx, d));
}

/** Saves a (checked) mapping: the workspace's for people who manage definitions, else the saver's own. */
export async function saveMapping(ctx: RecordContext, source: string, mapping: Mapping): Promise<SavedMappingJson> {
  const userId = ctx.permissions.manageDefinitions ? null : ctx.user.id;
  const doc: ImportMappingDoc = {
    _id: userId ? personalId(ctx.entity.key, source, userId) : workspaceId(ctx.entity.key, source),
    entity: ctx.entity.key, source, userId, mapping, updatedAt: new Date(), updatedBy: { id: ctx.user.id, name: ctx.user.name },
  };
  await mappingsCollection(ctx.app.db).replaceOne({ _id: doc._id }, doc, { upsert: true });
  return toJson(ctx, doc);
}
