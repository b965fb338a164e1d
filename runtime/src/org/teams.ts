import type { Collection, Db } from 'mongodb';
import type { LocalText } from '@telesales/schemas';
import { usersCollection } from './users.js';

export interface TeamDoc {
  _id: string;
  key: string;
  name: LocalText;
  parentId: string | null;
  /** Ids from the root down to this team itself: "this team and below" is one indexed query. */
  path: string[];
}

export function teamsCollection(db: Db): Collection<TeamDoc> {
  return db.collection<TeamDoc>('teams');
}

export async function ensureTeamIndexes(db: Db) {
  await teamsCollection(db).createIndex({ key: 1 }, { unique: true });
  await teamsCollection(db).createIndex({ path: 1 });
}

/** The ids of every user in a team or any team below it. */
export async function usersInTeamTree(db: Db, teamId: string): Promise<string[]> {
  const teams = await teamsCollection(db).find({ path: teamId }, { projection: { _id: 1 } }).toArray();
  const users = await usersCollection(db)
    .find({ teamId: { $in: teams.map((t) => t._id) } }, { projection: { _id: 1 } })
    .toArray();
  return users.map((u) => u._id);
}

/**
 * Moves a team under another (or to the top) and rewrites the paths of its whole subtree, refusing a move
 * under itself or one of its own descendants.
 */
export async function moveTeam(db: Db, teamId: string, parentId: string | null): Promise<'ok' | 'cycle' | 'missing'> {
  const teams = teamsCollection(db);
  const team = await teams.findOne({ _id: teamId });
  const parent = parentId ? await teams.findOne({ _id: parentId }) : null;
  if (!team || (parentId && !parent)) return 'missing';
  if (parent?.path.includes(teamId)) return 'cycle';
  const prefix = [...(parent?.path ?? []), teamId];
  const subtree = await teams.find({ path: teamId }).toArray();
  for (const t of subtree) {
    const rest = t.path.slice(t.path.indexOf(teamId) + 1);
    await teams.updateOne({ _id: t._id }, { $set: { path: [...prefix, ...rest], ...(t._id === teamId ? { parentId } : {}) } });
  }
  return 'ok';
}
