// Read-only views (create with viewOn + pipeline): reading one runs its pipeline over what it is defined on
// (a collection or another view), with the reader's own filter, sort, skip, limit and projection appended as
// stages, as mongod resolves them. Writes, indexes and change streams on a view are refused (166).
import type { Document } from 'bson';
import { ErrorCodes, ServerError } from '../errors.js';
import type { Storage } from '../storage/storage.js';

/** mongod's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

export interface ResolvedView {
  /** The collection the chain of views ends at. */
  base: string;
  /** The views' pipelines, innermost first. */
  pipeline: Document[];
}

/** The collection and pipeline behind `name`, or undefined when `name` is not a view. */
export function resolveView(storage: Storage, db: string, name: string): ResolvedView | undefined {
  let coll = storage.collection(db, name);
  if (!coll?.isView) return undefined;
  const pipelines: Document[][] = [];
  let base = name;
  for (let depth = 0; coll?.isView; depth++) {
    if (depth >= MAX_VIEW_DEPTH) throw new ServerError(ErrorCodes.ViewDepthLimitExceeded, `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`);
    pipelines.unshift(coll.options.pipeline as Document[]);
    base = coll.options.viewOn as string;
    coll = storage.collection(db, base);
  }
  return { base, pipeline: pipelines.flat() };
}

/** A find's options as the stages that follow a view's pipeline. */
export function findAsStages(filter: Document | undefined, sort: Document | undefined, skip: number, limit: number, projection: Document | undefined): Document[] {
  const stages: Document[] = [];
  if (filter && Object.keys(filter).length) stages.push({ $match: filter });
  if (sort && Object.keys(sort).length) stages.push({ $sort: sort });
  if (skip) stages.push({ $skip: skip });
  if (limit) stages.push({ $limit: limit });
  if (projection && Object.keys(projection).length) stages.push({ $project: projection });
  return stages;
}

export function notOnView(ns: string): ServerError {
  return new ServerError(ErrorCodes.CommandNotSupportedOnView, `Namespace ${ns} is a view, not a collection`);
}
