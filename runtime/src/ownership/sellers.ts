import type { FastifyInstance } from 'fastify';
import type { UserPermissions } from '../auth/permissions.js';
import { usersCollection, type UserDoc } from '../org/users.js';
import { asSessionUser } from './people.js';

/**
 * Who sells: the people records are given to (assign-to-agent) and who hold reward and penalty tickets.
 * The rule, from the role definitions: a role that may work an entity's records (update) and does not run
 * the workspace. Workspace admins (manageDefinitions or manageUsers) get every right through "*", so their
 * rights cannot tell them from a seller; they configure, they do not own customers. Supervisors stay: their
 * roles own records (the template's lost and invalid pools are theirs). A cap is not the test: it limits
 * hoarding, and a seller's role may have none.
 */
export function sells(permissions: UserPermissions, entity?: string): boolean {
  if (permissions.manageDefinitions || permissions.manageUsers || !permissions.role) return false;
  if (entity) return permissions.entity(entity).update;
  return Object.values(permissions.role.entities).some((p) => p?.update);
}

/** The enabled users who sell (an entity, or any), by name. */
export async function sellers(app: FastifyInstance, entity?: string): Promise<UserDoc[]> {
  const users = await usersCollection(app.db).find({ disabled: { $ne: true } }).sort({ name: 1 }).toArray();
  const keep = await Promise.all(users.map(async (u) => sells(await app.permissions.of(asSessionUser(u)), entity)));
  return users.filter((_, i) => keep[i]);
}
