import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { SessionUser } from '@telesales/schemas';
import type { UserDoc } from '../org/users.js';
export type { SessionUser };

export const SESSION_COOKIE = 'sid';
export const SESSION_HOURS = 12;


export interface Session {
  user: SessionUser;
  csrfToken: string;
}

interface SessionDoc {
  _id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  /**
   * Set when the user's password changed or the user was disabled: the session never comes back (not even
   * when the user is enabled again), yet its owner is still known (see userIdOf).
   */
  revokedAt?: Date;
}

/** Only a hash of the cookie is stored, so a copy of the database does not hand out live sessions. */
const hashOf = (sid: string) => createHash('sha256').update(sid).digest('base64url');

export const toSessionUser = (u: UserDoc): SessionUser => ({
  id: u._id, login: u.login, name: u.name, role: u.role, teamId: u.teamId ?? null, locale: u.locale ?? 'zh',
});

/**
 * Sessions live in MongoDB (any runtime process can serve any request). Each process keeps a
 * few seconds' cache so a busy agent's requests do not each cost two database round trips. The process that
 * ends a session (logout, password change, disabled user) drops it from its cache at once; the others cannot
 * be told without a message bus, so they keep answering from their cache until the entry expires, at most
 * `cacheMs` (5 s) later, and then read the ended session from the database.
 */
export class SessionStore {
  private readonly sessions: Collection<SessionDoc>;
  private readonly users: Collection<UserDoc>;
  private readonly cache = new Map<string, { session: Session; until: number }>();
  /** Counts revocations, so a lookup that overlapped one does not put the ended session back in the cache. */
  private revocations = 0;

  constructor(db: Db, private readonly cacheMs = 5000) {
    this.sessions = db.collection('sessions');
    this.users = db.collection('users');
  }

  async init() {
    await this.sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  async create(user: UserDoc): Promise<{ sid: string; session: Session }> {
    const sid = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = new Date();
    await this.sessions.insertOne({
      _id: hashOf(sid), userId: user._id, csrfToken, createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    });
    return { sid, session: { user: toSessionUser(user), csrfToken } };
  }

  async find(sid: string): Promise<Session | null> {
    const id = hashOf(sid);
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.session;
    this.cache.delete(id);
    const revocations = this.revocations;
    const doc = await this.sessions.findOne({ _id: id, expiresAt: { $gt: new Date() }, revokedAt: { $exists: false } });
    if (!doc) return null;
    const user = await this.users.findOne({ _id: doc.userId, disabled: { $ne: true } });
    if (!user) return null;
    const session = { user: toSessionUser(user), csrfToken: doc.csrfToken };
    if (this.cache.size > 10_000) this.cache.clear();
    if (revocations === this.revocations) this.cache.set(id, { session, until: Date.now() + this.cacheMs });
    return session;
  }

  /** The user a live session belongs to, even a disabled one (so a route can say "disabled" rather than "sign in"). */
  async userIdOf(sid: string): Promise<string | null> {
    const doc = await this.sessions.findOne({ _id: hashOf(sid), expiresAt: { $gt: new Date() } }, { projection: { userId: 1 } });
    return doc?.userId ?? null;
  }

  async destroy(sid: string) {
    const id = hashOf(sid);
    this.cache.delete(id);
    await this.sessions.deleteOne({ _id: id });
  }

  /**
   * Ends every session of a user (a password change, a disabled user) except `keepSid`, the cookie of the
   * person who changed their own password. They are marked, not deleted, so a disabled user's softphone
   * can still be told why it is refused.
   */
  async revokeUser(userId: string, keepSid?: string) {
    const keep = keepSid ? [hashOf(keepSid)] : [];
    await this.sessions.updateMany(
      { userId, _id: { $nin: keep }, revokedAt: { $exists: false } },
      { $set: { revokedAt: new Date() } },
    );
    // After the write: any lookup that began before it has seen an older count and will not cache.
    this.revocations++;
    for (const [id, entry] of this.cache) if (entry.session.user.id === userId && !keep.includes(id)) this.cache.delete(id);
  }

  /** After a user is changed (role, team, disabled), drop what this process remembers of them. */
  forgetUser(userId: string) {
    for (const [id, entry] of this.cache) if (entry.session.user.id === userId) this.cache.delete(id);
  }
}
