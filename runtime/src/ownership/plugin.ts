import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PoolDefinition } from '@telesales/schemas';
import { DEFAULT_TIME_ZONE } from '../config.js';
import { agentStatusCollection } from './agent-status.js';
import { distributePool } from './distribute-pool.js';
import { checkPoolReferences } from './pool-checks.js';
import { ownershipRoutes } from './routes.js';
import { ensureTicketIndexes } from './tickets.js';

declare module 'fastify' {
  interface FastifyInstance {
    ownership: OwnershipService;
  }
}

export interface OwnershipService {
  /** The workspace's time zone (IANA, TIME_ZONE): where "this week" of the distribution's fairness begins. */
  readonly timeZone: string;
  /** Deals an automatic pool now (no-op for manual pools). */
  distributePool(poolKey: string): Promise<void>;
  /** Records arrived in a pool (release, recycle, import, approval): an automatic pool deals them shortly. */
  landed(poolKey: string): void;
}

/**
 * Pools, claims, transfers, lost/invalid reviews, tickets and automatic distribution. Every operation goes
 * through the records permission layer and writes its log entry in the same write as the change.
 */
export const ownershipPlugin = fp(async (app: FastifyInstance, options: { timeZone?: string }) => {
  await ensureTicketIndexes(app.db);
  await agentStatusCollection(app.db).createIndex({ lastSeenAt: 1 }, { name: 'last_seen' });
  app.definitions.addPublishCheck('pool', (next, _previous, locale) => checkPoolReferences(app.definitions, next as PoolDefinition, locale));

  // One run at a time per pool in this process; a request for a pool already waiting joins that run. Per process
  // on purpose: runs on two processes may overlap, and each chunk's transaction (distribute-pool.ts) settles that.
  const queued = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const distributeNow = async (poolKey: string) => {
    const pool = await app.definitions.publishedPool(poolKey);
    if (pool?.mode === 'auto') await distributePool(app, pool);
  };
  const service: OwnershipService = {
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    distributePool: distributeNow,
    landed(poolKey) {
      if (queued.has(poolKey)) return;
      const run = new Promise<void>((resolve) => setTimeout(resolve, 100))
        .then(() => { queued.delete(poolKey); return distributeNow(poolKey); })
        .catch((error) => app.log.error({ err: error, pool: poolKey }, 'automatic distribution failed'))
        .finally(() => running.delete(run));
      queued.set(poolKey, run);
      running.add(run);
    },
  };
  app.decorate('ownership', service);
  app.addHook('preClose', async () => {
    await Promise.all(running);
  });
  await app.register(ownershipRoutes);
}, { name: 'ownership', dependencies: ['db', 'definitions', 'auth', 'log-outbox', 'records'] });
