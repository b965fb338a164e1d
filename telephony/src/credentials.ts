import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a SIP user agent signs in with: the digest username and password Kamailio's auth_ephemeral checks. */
export interface SipCredentials {
  /** `${expiryUnixSeconds}:${userId}` (auth_ephemeral's default username format). */
  username: string;
  /** base64(HMAC-SHA1(secret, username)). */
  password: string;
  /** When the server stops accepting them. */
  expiresAt: Date;
}

/** The password that goes with an ephemeral username (auth_ephemeral's sha_algorithm 0). */
export function sipPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * Ephemeral SIP credentials for one user: nothing is stored anywhere, the SIP server recomputes the
 * password from the shared secret and refuses it once the expiry in the username has passed.
 */
export function sipCredentials(secret: string, userId: string, ttlSec: number, now: Date = new Date()): SipCredentials {
  if (!secret) throw new Error('sipCredentials needs the shared SIP secret');
  // A colon would make the username ambiguous; SIP user parts take no spaces or '@' either.
  if (!/^[^\s:@]+$/.test(userId)) throw new Error(`"${userId}" cannot be a SIP user id`);
  if (!(ttlSec > 0)) throw new Error(`SIP credential lifetime must be positive, got ${ttlSec}`);
  const expiry = Math.floor(now.getTime() / 1000) + Math.floor(ttlSec);
  const username = `${expiry}:${userId}`;
  return { username, password: sipPassword(secret, username), expiresAt: new Date(expiry * 1000) };
}

/** The same check the SIP server makes (for tests and for a PBX adapter that verifies credentials itself). */
export function verifySipCredentials(secret: string, username: string, password: string, now: Date = new Date()): boolean {
  const expiry = Number(username.split(':', 1)[0]);
  if (!Number.isInteger(expiry) || expiry * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(sipPassword(secret, username));
  const given = Buffer.from(password);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
