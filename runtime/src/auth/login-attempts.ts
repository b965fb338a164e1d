import type { Collection, Db } from 'mongodb';

const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES = 10;

interface AttemptDoc {
  _id: string;
  failures: number;
  expiresAt: Date;
}

/**
 * Failed logins per (login, address) in a sliding 15-minute window, kept in the database so that every
 * runtime process counts the same attempts. Guessing one account's password from one place stops after ten.
 */
export class LoginAttempts {
  private readonly attempts: Collection<AttemptDoc>;

  constructor(db: Db) {
    this.attempts = db.collection('login_attempts');
  }

  async init() {
    await this.attempts.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  private key(login: string, ip: string) {
    return `${login.toLowerCase()}|${ip}`;
  }

  async isBlocked(login: string, ip: string): Promise<boolean> {
    const doc = await this.attempts.findOne({ _id: this.key(login, ip), expiresAt: { $gt: new Date() } });
    return (doc?.failures ?? 0) >= MAX_FAILURES;
  }

  async recordFailure(login: string, ip: string) {
    await this.attempts.updateOne(
      { _id: this.key(login, ip) },
      { $inc: { failures: 1 }, $set: { expiresAt: new Date(Date.now() + WINDOW_MS) } },
      { upsert: true },
    );
  }

  async clear(login: string, ip: string) {
    await this.attempts.deleteOne({ _id: this.key(login, ip) });
  }
}
