import type { SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { usersCollection, type UserDoc } from '../org/users.js';

/** A user as the permission layer sees a session's user, for checks made on someone else's behalf. */
export function asSessionUser(user: UserDoc): SessionUser {
  return { id: user._id, login: user.login, name: user.name, role: user.role, teamId: user.teamId, locale: user.locale ?? 'zh' };
}

/** The most records of an entity this user may own (their role's cap), null when none. */
export async function capOf(app: FastifyInstance, user: UserDoc, entity: string): Promise<number | null> {
  return (await app.permissions.of(asSessionUser(user))).entity(entity).cap;
}

export async function enabledUser(app: FastifyInstance, id: string): Promise<UserDoc | null> {
  return usersCollection(app.db).findOne({ _id: id, disabled: { $ne: true } });
}
