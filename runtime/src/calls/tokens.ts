import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

/** How long a click-to-call token may be dialled. */
export const TOKEN_TTL_MS = 2 * 60_000;

interface TokenDoc {
  /** SHA-256 of the token: a copy of the database does not hold dialable tokens. */
  _id: string;
  callId: string;
  userId: string;
  /** The real number, kept on the server only. */
  number: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface RedeemedToken {
  callId: string;
  userId: string;
  number: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Click-to-call tokens: the browser dials an opaque token (sip:<token>@domain), the server side turns it
 * into the number toward the carrier. Random, short-lived and good for one dial.
 */
export class CallTokens {
  private readonly tokens: Collection<TokenDoc>;

  constructor(db: Db, private readonly now: () => number) {
    this.tokens = db.collection<TokenDoc>('call_tokens');
  }

  async init(): Promise<void> {
    // Used and expired tokens are swept by the database an hour later.
    await this.tokens.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600, name: 'sweep' });
  }

  async issue(callId: string, userId: string, number: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.now() + TOKEN_TTL_MS);
    await this.tokens.insertOne({ _id: hash(token), callId, userId, number, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /**
   * The number behind a token, once: a second use, an expired or an unknown token answer null. With `userId`
   * (the SIP user dialling it), another person's token is unknown too, and stays good for its owner: someone who
   * got hold of it can neither dial it nor use it up.
   */
  async redeem(token: string, userId?: string): Promise<RedeemedToken | null> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const now = new Date(this.now());
    const doc = await this.tokens.findOneAndUpdate(
      { _id: hash(token), usedAt: null, expiresAt: { $gt: now }, ...(userId === undefined ? {} : { userId }) },
      { $set: { usedAt: now } },
    );
    return doc ? { callId: doc.callId, userId: doc.userId, number: doc.number } : null;
  }
}
