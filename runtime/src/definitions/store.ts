import { isDeepStrictEqual } from 'node:util';
import type { Collection, Db } from 'mongodb';
import {
  validateDefinition, type AnyDefinition, type Author, type DefinitionKind, type EntityDefinition, type PoolDefinition, type Locale, type ValidationIssue,
} from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { text } from './messages.js';
export type { Author };

declare module 'fastify' {
  interface FastifyInstance {
    definitions: DefinitionStore;
  }
}


/** The head of one definition: its draft and the latest published version (immutable copies elsewhere). */
export interface DefinitionDoc {
  _id: string; // `${kind}:${key}`
  id: string;
  kind: DefinitionKind;
  key: string;
  version: number;
  published: AnyDefinition | null;
  publishedAt: Date | null;
  publishedBy: Author | null;
  draft: AnyDefinition | null;
  draftUpdatedAt: Date | null;
  draftUpdatedBy: Author | null;
}

export interface VersionDoc {
  _id: string; // `${kind}:${key}:${version}`
  id: string;
  kind: DefinitionKind;
  key: string;
  version: number;
  definition: AnyDefinition;
  message: string;
  publishedAt: Date;
  publishedBy: Author;
}

export type PublishListener = (def: AnyDefinition, previous: AnyDefinition | null) => Promise<void>;
export type PublishCheck = (next: AnyDefinition, previous: AnyDefinition | null, locale: Locale) => Promise<ValidationIssue[]>;

const CACHE_MS = 3000;

/**
 * Drafts, immutable published versions, and the published definitions the rest of the runtime interprets.
 * Published definitions are cached a few seconds per process (and dropped at once on a local publish), so
 * other runtime processes see a publish within that time.
 */
export class DefinitionStore {
  readonly heads: Collection<DefinitionDoc>;
  readonly versions: Collection<VersionDoc>;
  private readonly listeners: PublishListener[] = [];
  private readonly checks = new Map<string, PublishCheck[]>();
  private readonly cache = new Map<string, { def: AnyDefinition | null; version: number; until: number }>();
  /** The published definitions of a kind, for hot paths that read them per request (pools, agent states, outcomes). */
  private readonly listCache = new Map<DefinitionKind, { defs: AnyDefinition[]; until: number }>();

  constructor(db: Db) {
    this.heads = db.collection('definitions');
    this.versions = db.collection('definition_versions');
  }

  async init() {
    await this.heads.createIndex({ kind: 1, key: 1 }, { unique: true });
    await this.heads.createIndex({ id: 1 }, { unique: true });
    await this.versions.createIndex({ kind: 1, key: 1, version: -1 });
  }

  onPublish(listener: PublishListener) {
    this.listeners.push(listener);
  }

  addPublishCheck(kind: DefinitionKind, check: PublishCheck) {
    this.checks.set(kind, [...(this.checks.get(kind) ?? []), check]);
  }

  head(kind: string, key: string) {
    return this.heads.findOne({ _id: `${kind}:${key}` });
  }

  async getPublished(kind: DefinitionKind, key: string): Promise<AnyDefinition | null> {
    const id = `${kind}:${key}`;
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.def;
    const version = (await this.heads.findOne({ _id: id }, { projection: { version: 1 } }))?.version ?? 0;
    // The same version keeps the same object, so what others compiled from it (validators) stays cached.
    const def = hit && hit.version === version ? hit.def
      : ((await this.heads.findOne({ _id: id }, { projection: { published: 1 } }))?.published ?? null);
    this.cache.set(id, { def, version, until: Date.now() + CACHE_MS });
    return def;
  }

  async getPublishedEntity(key: string): Promise<EntityDefinition | null> {
    return (await this.getPublished('entity', key)) as EntityDefinition | null;
  }

  async listPublished(kind: DefinitionKind): Promise<AnyDefinition[]> {
    return (await this.listPublishedVersions(kind)).map((d) => d.def);
  }

  /** The published definitions of a kind with their version numbers (what a record of their use may name). */
  async listPublishedVersions(kind: DefinitionKind): Promise<Array<{ def: AnyDefinition; version: number }>> {
    const docs = await this.heads.find({ kind, published: { $ne: null } }).sort({ key: 1 }).toArray();
    return docs.map((d) => ({ def: d.published!, version: d.version }));
  }

  /**
   * listPublished, cached like getPublished (CACHE_MS, dropped at once on a publish here): for what requests read
   * every time (an agent-state change, a dial and an outcome each asked for the agent states and outcomes two to five
   * times). Publish checks keep listPublished: they must see the database as it is now.
   */
  async cachedPublished(kind: DefinitionKind): Promise<AnyDefinition[]> {
    const hit = this.listCache.get(kind);
    if (hit && hit.until > Date.now()) return hit.defs;
    const defs = await this.listPublished(kind);
    this.listCache.set(kind, { defs, until: Date.now() + CACHE_MS });
    return defs;
  }

  /** Every published pool (cached briefly: claims and lists ask often). */
  async publishedPools(entity?: string): Promise<PoolDefinition[]> {
    const pools = (await this.cachedPublished('pool')) as PoolDefinition[];
    return entity ? pools.filter((p) => p.entity === entity) : pools;
  }

  async publishedPool(key: string): Promise<PoolDefinition | null> {
    return (await this.publishedPools()).find((p) => p.key === key) ?? null;
  }

  /** The pool unowned records of an entity go to when nothing else is said: its `default` system pool. */
  async defaultPoolOf(entity: string): Promise<string | null> {
    return (await this.publishedPools(entity)).find((p) => p.system === 'default')?.key ?? null;
  }

  /** Creates the head of a new definition with a draft. Its key and id are fixed from then on. `locale`: of the errors. */
  async create(def: AnyDefinition, by: Author, locale: Locale): Promise<DefinitionDoc> {
    const doc: DefinitionDoc = {
      _id: `${def.kind}:${def.key}`, id: def.id, kind: def.kind as DefinitionKind, key: def.key, version: 0,
      published: null, publishedAt: null, publishedBy: null, draft: def, draftUpdatedAt: new Date(), draftUpdatedBy: by,
    };
    try {
      await this.heads.insertOne(doc);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) {
        throw new ApiError(409, 'definition_exists', text('definition_exists', locale, { kind: def.kind, key: def.key, id: def.id }));
      }
      throw e;
    }
    return doc;
  }

  async saveDraft(kind: DefinitionKind, key: string, def: AnyDefinition, by: Author, locale: Locale): Promise<DefinitionDoc> {
    const head = await this.requireHead(kind, key, locale);
    if (def.kind !== kind || def.key !== key || def.id !== head.id) {
      throw new ApiError(400, 'identity_changed', text('identity_changed_create', locale), [
        { path: def.kind !== kind ? '/kind' : def.key !== key ? '/key' : '/id', code: 'immutable', message: text('cannot_change', locale) },
      ]);
    }
    const updated = await this.heads.findOneAndUpdate(
      { _id: head._id },
      { $set: { draft: def, draftUpdatedAt: new Date(), draftUpdatedBy: by } },
      { returnDocument: 'after' },
    );
    return updated!;
  }

  async discardDraft(kind: DefinitionKind, key: string, locale: Locale) {
    await this.requireHead(kind, key, locale);
    await this.heads.updateOne({ _id: `${kind}:${key}` }, { $set: { draft: null, draftUpdatedAt: null, draftUpdatedBy: null } });
  }

  async requireHead(kind: string, key: string, locale: Locale): Promise<DefinitionDoc> {
    const head = await this.head(kind, key);
    if (!head) throw new ApiError(404, 'not_found', text('definition_not_found', locale, { kind, key }));
    return head;
  }

  /**
   * Publishes `def` as version N+1. Order matters for a crash: the immutable version is written first (its
   * _id makes a second publish of the same N fail), then the head moves to it only if it still points at
   * N-1; listeners (index creation) are idempotent and rerun on the next publish or start if interrupted.
   */
  async publish(kind: DefinitionKind, key: string, def: AnyDefinition, message: string, by: Author, locale: Locale) {
    const head = await this.requireHead(kind, key, locale);
    if (def.kind !== kind || def.key !== key || def.id !== head.id) {
      throw new ApiError(400, 'identity_changed', text('identity_changed', locale));
    }
    const issues = validateDefinition(def, locale);
    if (issues.length) {
      throw new ApiError(400, 'invalid_definition', text('invalid_definition', locale, { kind, key, path: issues[0]!.path, message: issues[0]!.message }), issues);
    }
    const breaking = (await Promise.all((this.checks.get(kind) ?? []).map((c) => c(def, head.published, locale)))).flat();
    if (breaking.length) throw new ApiError(409, 'breaks_data', breaking[0]!.message, breaking);

    const version = head.version + 1;
    const publishedAt = new Date();
    try {
      await this.versions.insertOne({ _id: `${kind}:${key}:${version}`, id: head.id, kind, key, version, definition: def, message, publishedAt, publishedBy: by });
    } catch (e) {
      if ((e as { code?: number }).code === 11000) throw new ApiError(409, 'concurrent_publish', text('concurrent_publish', locale));
      throw e;
    }
    // Publishing the draft consumes it; publishing something else (a rollback, a template) keeps it.
    const clearDraft = isDeepStrictEqual(head.draft, def) ? { draft: null, draftUpdatedAt: null, draftUpdatedBy: null } : {};
    const moved = await this.heads.updateOne(
      { _id: head._id, version: head.version },
      { $set: { version, published: def, publishedAt, publishedBy: by, ...clearDraft } },
    );
    if (!moved.matchedCount) throw new ApiError(409, 'concurrent_publish', text('concurrent_publish', locale));
    this.cache.delete(head._id);
    this.listCache.delete(kind);
    for (const listener of this.listeners) await listener(def, head.published);
    return { version, publishedAt };
  }

  /** Runs the publish listeners again for every published definition (on start: finishes interrupted work). */
  async replayListeners() {
    const heads = await this.heads.find({ published: { $ne: null } }).toArray();
    for (const head of heads) for (const listener of this.listeners) await listener(head.published!, head.published);
  }
}
