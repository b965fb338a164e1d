import type { Collection, Db } from 'mongodb';
import type { LocalText } from '@telesales/schemas';

/** A skill group: the agents a flow's queue (or a transfer to a group) rings. */
export interface SkillGroupDoc {
  _id: string;
  key: string;
  name: LocalText;
  /** User ids. */
  members: string[];
  updatedAt: Date;
}

export interface SkillGroupJson {
  id: string;
  key: string;
  name: LocalText;
  members: string[];
}

export function skillGroupsCollection(db: Db): Collection<SkillGroupDoc> {
  return db.collection<SkillGroupDoc>('skill_groups');
}

export async function ensureSkillGroupIndexes(db: Db) {
  await skillGroupsCollection(db).createIndex({ key: 1 }, { unique: true });
  await skillGroupsCollection(db).createIndex({ members: 1 });
}

export const toSkillGroupJson = (g: SkillGroupDoc): SkillGroupJson => ({ id: g._id, key: g.key, name: g.name, members: g.members });

/** The keys of every skill group (for publish checks). */
export async function skillGroupKeys(db: Db): Promise<Set<string>> {
  const docs = await skillGroupsCollection(db).find({}, { projection: { key: 1 } }).toArray();
  return new Set(docs.map((d) => d.key));
}
