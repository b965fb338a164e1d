import type { Collection, Db } from 'mongodb';
import type { Locale, PublicUser } from '@telesales/schemas';

export interface UserDoc {
  _id: string;
  login: string;
  name: string;
  passwordHash: string;
  role: string;
  teamId: string | null;
  locale?: Locale;
  disabled?: boolean;
  createdAt: Date;
  updatedAt?: Date;
}


export const toPublicUser = (u: UserDoc): PublicUser => ({
  id: u._id, login: u.login, name: u.name, role: u.role, teamId: u.teamId ?? null, locale: u.locale ?? 'zh', disabled: !!u.disabled,
});

export function usersCollection(db: Db): Collection<UserDoc> {
  return db.collection<UserDoc>('users');
}

export async function ensureUserIndexes(db: Db) {
  await usersCollection(db).createIndex({ login: 1 }, { unique: true });
  await usersCollection(db).createIndex({ teamId: 1 });
}

/** Names of users by id, for showing owners and authors without a lookup per row. */
export async function userNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (!unique.length) return new Map();
  const docs = await usersCollection(db).find({ _id: { $in: unique } }, { projection: { name: 1 } }).toArray();
  return new Map(docs.map((d) => [d._id, d.name]));
}
