import type { Document, Filter } from 'mongodb';
import { requireRestore, type RecordContext } from './context.js';
import { filterToMongo } from './filter-to-mongo.js';
import { spendMaskedCheck } from './masked-checks.js';
import { quickSearch } from './quick-search.js';
import { collectionOf, type RecordDoc } from './record-doc.js';
import { recordsJson, type RecordJson } from './record-json.js';
import { sortFor } from './sort.js';

export interface ListInput {
  filter?: unknown;
  q?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
  deleted?: boolean;
}

export interface ListPage {
  items: RecordJson[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The one query list, search, export and count share: scope first, so nothing outside it is ever counted.
 * A search that tests a masked value is paid for before it runs (masked-checks.ts).
 */
export async function listQuery(ctx: RecordContext, input: ListInput): Promise<Filter<RecordDoc>> {
  if (input.deleted) requireRestore(ctx);
  const parts: Document[] = [ctx.scope, input.deleted ? { deletedAt: { $ne: null } } : { deletedAt: null }];
  if (input.filter !== undefined && input.filter !== null) parts.push(filterToMongo(ctx, input.filter));
  if (input.q) {
    const search = quickSearch(ctx, input.q);
    if (search.testsMasked) await spendMaskedCheck(ctx);
    parts.push(search.query);
  }
  return { $and: parts.filter((p) => Object.keys(p).length) } as Filter<RecordDoc>;
}

export async function listRecords(ctx: RecordContext, input: ListInput): Promise<ListPage> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const query = await listQuery(ctx, input);
  const sort = sortFor(ctx, input.sort);
  const [total, docs] = await Promise.all([
    collectionOf(ctx).countDocuments(query),
    collectionOf(ctx).find(query, { projection: { pendingLog: 0 } }).sort(sort).skip((page - 1) * pageSize).limit(pageSize).toArray(),
  ]);
  return { items: await recordsJson(ctx, docs), total, page, pageSize };
}

/** The whole list (at most `cap` records) as the reader may see it, read in pages of `pageSize`: an export. */
export async function listAll(
  ctx: RecordContext, input: ListInput, cap: number, pageSize: number,
): Promise<{ total: number; pages: AsyncIterable<RecordJson[]> }> {
  const query = await listQuery(ctx, input);
  const sort = sortFor(ctx, input.sort);
  const total = await collectionOf(ctx).countDocuments(query);
  async function* pages(): AsyncIterable<RecordJson[]> {
    const cursor = collectionOf(ctx).find(query, { projection: { pendingLog: 0 } }).sort(sort).limit(cap).batchSize(1000);
    let group: RecordDoc[] = [];
    for await (const doc of cursor) {
      group.push(doc);
      if (group.length === pageSize) {
        yield await recordsJson(ctx, group);
        group = [];
      }
    }
    yield await recordsJson(ctx, group);
  }
  return { total, pages: pages() };
}
