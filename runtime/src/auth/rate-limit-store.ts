import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Collection, Db } from 'mongodb';

interface WindowDoc {
  _id: string;
  count: number;
  expiresAt: Date;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What @fastify/rate-limit hands a store: the plugin's settings, a route's merged into them for a child. */
interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method: string | string[]; url: string };
}

const COLLECTION = 'rate_limits';

/**
 * A store for @fastify/rate-limit in the database, so that every runtime process behind the load balancer counts
 * the same requests (its default store is one process's memory: N processes would allow N times the limit).
 * Fixed windows as the default store has them: the first request of a key opens a window of `timeWindow` ms,
 * later ones count in it. One atomic upsert per request: the count and the window are decided by the database,
 * never by a read followed by a write that a request on another process could slip between. A TTL index removes
 * ended windows. Returns the store class the plugin instantiates; `init()` creates the index first.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor & { init(): Promise<void> } {
  const windows: Collection<WindowDoc> = db.collection(COLLECTION);

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(options: StoreOptions = {}, prefix = '') {
      // Options this store does not implement are refused, not ignored (none of our routes uses them).
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('the database rate-limit store implements fixed windows only (no continueExceeding, no exponentialBackoff)');
      }
      this.prefix = prefix;
    }

    static async init() {
      await windows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      void this.count(`${this.prefix}${key}`, timeWindow).then((result) => callback(null, result), (error: Error) => callback(error));
    }

    /** The plugin's non-mutating peek (`increment: false`). */
    read(key: string, callback: Callback) {
      void windows.findOne({ _id: `${this.prefix}${key}` }).then((doc) => {
        const ttl = doc ? doc.expiresAt.getTime() - Date.now() : 0;
        callback(null, ttl > 0 ? { current: doc!.count, ttl } : { current: 0, ttl: 0 });
      }, (error: Error) => callback(error));
    }

    /** A route's own counters: its limits are its own, as the default store keeps one map per route. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
      // The typings name a route's options; the plugin passes its settings merged with the route's (and routeInfo).
      const options = routeOptions as unknown as StoreOptions;
      const route = options.routeInfo;
      return new DatabaseRateLimitStore(options, route ? `${[route.method].flat().join(',')} ${route.url}|` : this.prefix);
    }

    private async count(_id: string, timeWindow: number, retried = false): Promise<{ current: number; ttl: number }> {
      const now = new Date();
      const open = { $gt: ['$expiresAt', now] };
      try {
        const doc = await windows.findOneAndUpdate(
          { _id },
          [{ $set: {
            count: { $cond: [open, { $add: ['$count', 1] }, 1] },
            expiresAt: { $cond: [open, '$expiresAt', new Date(now.getTime() + timeWindow)] },
          } }],
          { upsert: true, returnDocument: 'after' },
        );
        return { current: doc!.count, ttl: Math.max(0, doc!.expiresAt.getTime() - now.getTime()) };
      } catch (error) {
        // Two processes opening the same key's first window at once: one insert wins; the other counts in it.
        if ((error as { code?: number }).code === 11000 && !retried) return this.count(_id, timeWindow, true);
        throw error;
      }
    }
  }
  return DatabaseRateLimitStore;
}
