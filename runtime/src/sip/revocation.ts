import type { FastifyBaseLogger } from 'fastify';
import type { Db } from 'mongodb';
import { KamailioRpc, kamailioRpcToken } from '@telesales/telephony';
import { usersCollection } from '../org/users.js';

/**
 * Ephemeral SIP credentials stay valid until they expire, whatever happens to the user. So when a user is
 * disabled the SIP server is told at once: Kamailio lists them as blocked (their REGISTER and calls are refused
 * with 403, calls to them with 480) and forgets their registrations; re-enabling removes them from the list.
 */
export interface SipRevocation {
  /** A user's `disabled` flag was set: block them and drop their registrations, or unblock them. Never throws. */
  userChanged(userId: string, disabled: boolean): Promise<void>;
  /** Makes the SIP server's blocked list match the disabled users. Never throws; false when it was not reached. */
  resync(): Promise<boolean>;
  close(): void;
}

/** TELEPHONY=simulated, or SIP_RPC_URL=off: there is no SIP server to tell. */
export const noRevocation: SipRevocation = { userChanged: async () => {}, resync: async () => true, close: () => {} };

/** The blocked list is compared with the users anyway this often: Kamailio may have restarted (it keeps no list). */
const RESYNC_EVERY_MS = 60_000;
/** After a failure the next attempt comes this soon, then twice as late each time up to RESYNC_EVERY_MS. */
const FIRST_RETRY_MS = 2_000;

export interface KamailioRevocationOptions {
  db: Db;
  /** SIP_RPC_URL: Kamailio's JSON-RPC over HTTP. */
  url: string;
  /** The shared SIP secret (the control channel's token is derived from it). */
  secret: string;
  /** The SIP domain: a user's registrations are those of `<userId>@<domain>`. */
  domain: string;
  log: FastifyBaseLogger;
}

export class KamailioRevocation implements SipRevocation {
  private readonly rpc: KamailioRpc;
  private timer?: NodeJS.Timeout;
  private retryMs = FIRST_RETRY_MS;
  private failing = false;
  private closed = false;
  /** Counts userChanged calls, so a resync that overlapped one runs again instead of undoing it. */
  private changes = 0;

  constructor(private readonly options: KamailioRevocationOptions) {
    this.rpc = new KamailioRpc(options.url, kamailioRpcToken(options.secret));
  }

  async userChanged(userId: string, disabled: boolean): Promise<void> {
    this.changes++;
    try {
      if (disabled) await this.block(userId);
      else await this.rpc.unblock(userId);
      this.reached();
    } catch (error) {
      this.unreached(error); // the admin's change stands; the retry's resync applies it
    }
  }

  async resync(): Promise<boolean> {
    const seen = this.changes;
    try {
      // Kamailio's list first, the users second: a user disabled in between is then disabled in what we read, so
      // they are never unblocked by mistake. (Another runtime process can still race us: the next resync mends it.)
      const blocked = new Set(await this.rpc.blocked());
      const disabled = new Set(await usersCollection(this.options.db).distinct('_id', { disabled: true }));
      for (const id of disabled) if (!blocked.has(id)) await this.block(id);
      for (const id of blocked) if (!disabled.has(id)) await this.rpc.unblock(id);
      this.reached();
    } catch (error) {
      this.unreached(error);
      return false;
    }
    if (this.changes !== seen) return this.resync();
    this.schedule(RESYNC_EVERY_MS);
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Blocked before the registrations are dropped, so the softphone's next REGISTER is already refused. */
  private async block(userId: string): Promise<void> {
    await this.rpc.block(userId);
    await this.rpc.dropRegistrations(`${userId}@${this.options.domain}`);
  }

  private reached(): void {
    if (this.failing) this.options.log.info({ url: this.options.url }, 'SIP server control channel answers again');
    this.failing = false;
    this.retryMs = FIRST_RETRY_MS;
  }

  private unreached(error: unknown): void {
    if (this.closed) return;
    // One warning per outage, not one per attempt.
    if (!this.failing) this.options.log.warn({ err: error, url: this.options.url }, 'SIP server control channel failed: disabled users may keep SIP access until it answers (retrying)');
    this.failing = true;
    this.schedule(this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RESYNC_EVERY_MS);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.resync(), ms);
    this.timer.unref(); // a pending resync must not keep the process alive
  }
}
