import type { PoolDefinition, SessionUser } from '@telesales/schemas';
import type { Db } from 'mongodb';
import type { UserPermissions } from '../auth/permissions.js';
import { teamsCollection } from '../org/teams.js';
import { usersCollection } from '../org/users.js';

type Principal = NonNullable<PoolDefinition['members']>[number];

export interface PoolRole {
  member: boolean;
  admin: boolean;
}

/** The team ids from the root down to the user's team: a principal naming any of them includes the user. */
async function teamPath(db: Db, teamId: string | null): Promise<string[]> {
  if (!teamId) return [];
  return (await teamsCollection(db).findOne({ _id: teamId }, { projection: { path: 1 } }))?.path ?? [];
}

function names(list: Principal[] | undefined, user: SessionUser, teams: string[]): boolean {
  return (list ?? []).some((p) =>
    (p.type === 'user' && p.ref === user.id) || (p.type === 'role' && p.ref === user.role) || (p.type === 'team' && teams.includes(p.ref)));
}

/**
 * What a person is to a pool. Admins of the workspace (who may change definitions) administer every pool;
 * a pool's admins are its members too (they may take from it).
 */
export async function poolRole(db: Db, pool: PoolDefinition, user: SessionUser, permissions: UserPermissions): Promise<PoolRole> {
  const teams = await teamPath(db, user.teamId);
  const admin = permissions.manageDefinitions || names(pool.admins, user, teams);
  return { admin, member: admin || names(pool.members, user, teams) };
}

/** The enabled users a pool's members list names: whom automatic distribution deals to. */
export async function memberUserIds(db: Db, pool: PoolDefinition): Promise<string[]> {
  const members = pool.members ?? [];
  const userIds = members.filter((p) => p.type === 'user').map((p) => p.ref);
  const roles = members.filter((p) => p.type === 'role').map((p) => p.ref);
  const rootTeams = members.filter((p) => p.type === 'team').map((p) => p.ref);
  const teams = rootTeams.length
    ? (await teamsCollection(db).find({ path: { $in: rootTeams } }, { projection: { _id: 1 } }).toArray()).map((t) => t._id)
    : [];
  const users = await usersCollection(db).find(
    { disabled: { $ne: true }, $or: [{ _id: { $in: userIds } }, { role: { $in: roles } }, { teamId: { $in: teams } }] },
    { projection: { _id: 1 } },
  ).sort({ _id: 1 }).toArray();
  return users.map((u) => u._id);
}
