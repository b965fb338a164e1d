// A collection in memory: documents as the exact BSON bytes clients sent (so every type round-trips and a
// document costs little more than its size, see DocStore), keyed by a canonical _id key, plus its indexes.
import { deserialize, UUID, type Document } from 'bson';
import { ErrorCodes, ServerError } from '../errors.js';
import { CollectionIndex, type IndexSpec } from './collection-index.js';
import { DocStore } from './doc-store.js';

export type Doc = Record<string, unknown>;

/** Decoding for queries: numbers promoted to JS numbers, as mingo compares them. */
export function decode(raw: Uint8Array): Doc {
  return deserialize(raw) as Doc;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class Collection {
  readonly db: string;
  name: string;
  readonly uuid: UUID;
  readonly options: Document;
  readonly docs = new DocStore();
  readonly indexes = new Map<string, CollectionIndex>();
  /** Total BSON bytes of the documents (capped collections are bounded by it; stats report it). */
  bytes = 0;

  constructor(db: string, name: string, options: Document = {}, uuid?: UUID) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.uuid = uuid ?? new UUID();
    this.indexes.set(ID_INDEX.name, new CollectionIndex(ID_INDEX));
  }

  get isView(): boolean {
    return this.options.viewOn !== undefined;
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** Secondary indexes that enforce uniqueness (_id is enforced by the document map itself). */
  uniqueIndexes(): CollectionIndex[] {
    return [...this.indexes.values()].filter((i) => i.spec.unique && i.name !== ID_INDEX.name);
  }

  /** The duplicate-key error mongod gives when `doc` (to be stored under `id`) breaks a unique index. */
  checkUnique(doc: Doc, id: string, skip?: (otherId: string) => boolean): ServerError | undefined {
    for (const index of this.uniqueIndexes()) {
      const dup = index.findDuplicate(doc, id, skip);
      if (dup) return duplicateKeyError(this.ns, index, dup);
    }
    return undefined;
  }

  /** Stores a document (insert or replace); `oldDoc` is the decoded previous version, if any. */
  put(id: string, raw: Uint8Array, doc: Doc, oldDoc?: Doc): void {
    this.bytes += raw.length - (this.docs.get(id)?.length ?? 0);
    for (const index of this.indexes.values()) {
      if (oldDoc) index.update(oldDoc, doc, id);
      else index.add(doc, id);
    }
    this.docs.set(id, raw);
  }

  remove(id: string): void {
    const raw = this.docs.get(id);
    if (!raw) return;
    const doc = decode(raw);
    for (const index of this.indexes.values()) index.remove(doc, id);
    this.docs.delete(id);
    this.bytes -= raw.length;
  }

  /** Builds an index over the existing documents; refuses (leaving nothing behind) if they break it. */
  addIndex(spec: IndexSpec): void {
    const index = new CollectionIndex(spec);
    for (const [id, raw] of this.docs) {
      const doc = decode(raw);
      if (spec.unique) {
        const dup = index.findDuplicate(doc, id);
        if (dup) throw duplicateKeyError(this.ns, index, dup);
      }
      index.add(doc, id);
    }
    this.indexes.set(spec.name, index);
  }
}

export function duplicateKeyError(ns: string, index: CollectionIndex, values: unknown[]): ServerError {
  const keyPattern: Doc = {};
  const keyValue: Doc = {};
  index.fields.forEach((f, i) => {
    keyPattern[f] = index.spec.key[f];
    keyValue[f] = values[i] === undefined ? null : values[i];
  });
  const shown = index.fields.map((f) => `${f}: ${JSON.stringify(keyValue[f])}`).join(', ');
  return new ServerError(
    ErrorCodes.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${shown} }`,
    { keyPattern, keyValue },
  );
}
