import type { Collection, Db } from 'mongodb';
import type { FlowDefinition, LocalText, SkillGroupJson } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';

/** A skill group: the agents a flow's queue (or a transfer to a group) rings. */
export interface SkillGroupDoc {
  _id: string;
  key: string;
  name: LocalText;
  /** User ids. */
  members: string[];
  updatedAt: Date;
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

/** Keys of the published flows (latest versions) that queue to or transfer to this group: it may not be deleted under them. */
export async function flowsUsingSkillGroup(store: DefinitionStore, key: string): Promise<string[]> {
  const flows = (await store.listPublished('flow')) as FlowDefinition[];
  const rings = (f: FlowDefinition) =>
    f.nodes.some((n) => (n.type === 'queue' && n.config.skillGroup === key) || (n.type === 'transfer' && n.config.target.type === 'group' && n.config.target.ref === key));
  return flows.filter(rings).map((f) => f.key).sort();
}
