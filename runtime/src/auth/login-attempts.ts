import type { Collection, Db } from 'mongodb';

const WINDOW_MS = 15 * 60_000;
/** Wrong passwords for one account from one address. */
export const MAX_FAILURES = 10;
/**
 * Wrong passwords for one account from anywhere. Addresses are cheap (a botnet, or a forged header behind a
 * misconfigured proxy), so the account itself is counted too, with room for a few people mistyping at once.
 */
export const MAX_FAILURES_PER_LOGIN = 30;

interface AttemptDoc {
  _id: string;
  failures: number;
  expiresAt: Date;
}

/**
 * Failed logins in a sliding 15-minute window, per (login, address) and per login, kept in the database so
 * that every runtime process counts the same attempts. Guessing one account's password stops after ten tries
 * from one place, or thirty from many.
 */
export class LoginAttempts {
  private readonly attempts: Collection<AttemptDoc>;

  constructor(db: Db) {
    this.attempts = db.collection('login_attempts');
  }

  async init() {
    await this.attempts.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  private keys(login: string, ip: string) {
    const account = login.toLowerCase();
    return { fromAddress: `${account}|${ip}`, anywhere: `${account}|*` };
  }

  async isBlocked(login: string, ip: string): Promise<boolean> {
    const { fromAddress, anywhere } = this.keys(login, ip);
    const docs = await this.attempts.find({ _id: { $in: [fromAddress, anywhere] }, expiresAt: { $gt: new Date() } }).toArray();
    const failures = (id: string) => docs.find((d) => d._id === id)?.failures ?? 0;
    return failures(fromAddress) >= MAX_FAILURES || failures(anywhere) >= MAX_FAILURES_PER_LOGIN;
  }

  async recordFailure(login: string, ip: string) {
    const expiresAt = new Date(Date.now() + WINDOW_MS);
    await Promise.all(Object.values(this.keys(login, ip)).map((_id) => this.attempts.updateOne(
      { _id }, { $inc: { failures: 1 }, $set: { expiresAt } }, { upsert: true },
    )));
  }

  /**
   * After a right password: forget this address's failures. The account's count stays until its window ends,
   * or else the owner signing in would hand a distributed guesser a fresh thirty tries each time.
   */
  async clear(login: string, ip: string) {
    await this.attempts.deleteOne({ _id: this.keys(login, ip).fromAddress });
  }
}
