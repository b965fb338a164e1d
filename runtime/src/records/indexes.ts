import type { EntityDefinition } from '@telesales/schemas';
import type { Db, IndexDescription } from 'mongodb';
import { recordsCollection } from './record-doc.js';

/** Index names carry their kind and fields, so a changed definition maps to a different name. */
const MANAGED = /^(?:uniq|dup|idx|sys):/;

/**
 * The indexes an entity's definition asks for: system ones for scope, recency and the recycle bin; a
 * unique index per unique field and per duplicate key (the duplicate check: the index, not a prior
 * read, is what keeps two agents from creating the same customer at the same moment); and a plain index
 * for each field people search, sort or list by.
 */
export function indexesFor(entity: EntityDefinition): IndexDescription[] {
  const active = entity.fields.filter((f) => !f.retired);
  const exists = (keys: string[]) => Object.fromEntries(keys.map((k) => [`values.${k}`, { $exists: true }]));
  const unique = active.filter((f) => f.unique).map((f) => f.key);
  const indexes: IndexDescription[] = [
    // _id last: the list's default order (-updatedAt, ties by _id) is read straight off the index.
    { key: { ownerId: 1, updatedAt: -1, _id: -1 }, name: 'sys:owner_updated_id' },
    { key: { updatedAt: -1, _id: -1 }, name: 'sys:updated_id' },
    { key: { deletedAt: 1 }, name: 'sys:deleted' },
    // Reports' default date range (created in a period), alone and within an owner's scope.
    { key: { createdAt: -1 }, name: 'sys:created' },
    { key: { ownerId: 1, createdAt: -1 }, name: 'sys:owner_created' },
    { key: { logPending: 1 }, name: 'sys:log_pending' },
    ...(entity.owned === false ? [] : [
      // A pool's list, newest first; the recycle sweeps (by pool taken from, then the clocks); the review list.
      { key: { poolKey: 1, updatedAt: -1, _id: -1 }, name: 'sys:pool_updated_id' },
      { key: { fromPool: 1, followedUpAt: 1 }, name: 'sys:from_followed' },
      { key: { fromPool: 1, ownedSince: 1 }, name: 'sys:from_owned' },
      { key: { 'request.at': 1 }, name: 'sys:request', partialFilterExpression: { 'request.at': { $exists: true } } },
    ]),
    ...unique.map((k) => ({ key: { [`values.${k}`]: 1 }, name: `uniq:${k}`, unique: true, partialFilterExpression: exists([k]) })),
    ...(entity.duplicateKeys ?? []).map((keys) => ({
      key: Object.fromEntries(keys.map((k) => [`values.${k}`, 1])),
      name: `dup:${keys.join('+')}`, unique: true, partialFilterExpression: exists(keys),
    })),
  ];
  for (const f of active) {
    if ((f.searchable || f.sortable || f.showInList) && !unique.includes(f.key)) {
      indexes.push({ key: { [`values.${f.key}`]: 1 }, name: `idx:${f.key}` });
    }
  }
  return indexes;
}

/** Brings the record collection's indexes in line with the definition just published. */
export async function syncIndexes(db: Db, entity: EntityDefinition): Promise<void> {
  const collection = recordsCollection(db, entity.key);
  const wanted = indexesFor(entity);
  const names = new Set(wanted.map((i) => i.name));
  const existing = await collection.listIndexes().toArray().catch(() => []);
  for (const index of existing) {
    if (MANAGED.test(index.name) && !names.has(index.name)) await collection.dropIndex(index.name);
  }
  const have = new Set(existing.map((i) => i.name as string));
  const missing = wanted.filter((i) => !have.has(i.name!));
  if (missing.length) await collection.createIndexes(missing);
}

/**
 * An index on one field for a report's date range (a date field people neither search nor sort by has none). Kept
 * apart from the definition's managed indexes (`rpt:` is not theirs to drop); one that exists under another name is fine.
 */
export async function ensureReportIndex(db: Db, entityKey: string, fieldKey: string): Promise<void> {
  try {
    await recordsCollection(db, entityKey).createIndex({ [`values.${fieldKey}`]: 1 }, { name: `rpt:${fieldKey}` });
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code !== 85 && code !== 86) throw e; // IndexOptionsConflict / IndexKeySpecsConflict: the key is indexed already
  }
}
