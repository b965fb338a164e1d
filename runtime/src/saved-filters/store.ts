import type { Collection, Db } from 'mongodb';

/** A quick filter a person saved for themself: only its owner ever lists, uses or deletes it. */
export interface SavedFilterDoc {
  _id: string;
  userId: string;
  entity: string;
  name: string;
  filter: unknown;
  q: string | null;
  sort: string | null;
  createdAt: Date;
}

export interface SavedFilterJson {
  id: string;
  entity: string;
  name: string;
  filter: unknown;
  q: string | null;
  sort: string | null;
}

export const savedFilters = (db: Db): Collection<SavedFilterDoc> => db.collection<SavedFilterDoc>('saved_filters');

export async function ensureSavedFilterIndexes(db: Db): Promise<void> {
  await savedFilters(db).createIndex({ userId: 1, entity: 1, name: 1 }, { unique: true, name: 'user_entity_name' });
}

export const toJson = (d: SavedFilterDoc): SavedFilterJson => ({
  id: d._id, entity: d.entity, name: d.name, filter: d.filter ?? null, q: d.q ?? null, sort: d.sort ?? null,
});
