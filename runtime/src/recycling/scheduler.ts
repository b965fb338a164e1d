import { hostname } from 'node:os';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { PoolDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { sweepPool } from './sweep.js';

export const JOBS_COLLECTION = 'agendaJobs';

export interface SchedulerOptions {
  /** How often each pool is swept (Agenda's human interval, e.g. '5 minutes', or milliseconds). */
  every: string | number;
  /** How often Agenda looks for due jobs. */
  processEvery?: string | number;
  /** How long a job's lock holds without a touch; a sweep touches it after every batch. */
  lockLifetime?: number;
}

export const jobName = (poolKey: string) => `recycle pool ${poolKey}`;

/**
 * One repeating Agenda job per pool with recycle rules. Agenda's lock keeps two runtime processes from
 * sweeping the same pool at the same time (less wasted work), but correctness never depends on it: the
 * sweep itself is safe to run concurrently and to rerun after a crash (sweep.ts).
 */
export class RecycleScheduler {
  private agenda: Agenda | null = null;
  private readonly closing = new AbortController();

  constructor(private readonly app: FastifyInstance, private readonly options: SchedulerOptions) {}

  async start(): Promise<void> {
    const agenda = new Agenda({
      name: `${hostname()}:${process.pid}`,
      backend: new MongoBackend({ mongo: this.app.db, collection: JOBS_COLLECTION }),
      processEvery: this.options.processEvery ?? '30 seconds',
      defaultLockLifetime: this.options.lockLifetime ?? 5 * 60_000,
      // A sweep is safe to repeat; one at a time per process is plenty.
      defaultConcurrency: 1,
    });
    // Agenda reports failures as events; an EventEmitter without an 'error' listener would throw.
    agenda.on('error', (error: unknown) => this.app.log.error({ err: error }, 'recycling: agenda error'));
    agenda.on('fail', (error: unknown, job: { attrs: { name: string } }) => this.app.log.error({ err: error, job: job.attrs.name }, 'recycling: sweep failed'));
    await agenda.ready;
    this.agenda = agenda;
    for (const pool of await this.app.definitions.publishedPools()) await this.schedule(pool);
    await agenda.start();
  }

  /**
   * (Re)schedules a pool's sweep after a publish. A job that already repeats at the same interval is left
   * alone: rescheduling would push its next run back at every start of every process.
   */
  async schedule(pool: PoolDefinition): Promise<void> {
    const agenda = this.agenda;
    if (!agenda) return; // not started: start() schedules every pool
    const name = jobName(pool.key);
    if (!pool.recycle?.length) {
      await agenda.cancel({ name });
      return;
    }
    if (!agenda.definitions[name]) {
      agenda.define(name, async (job) => {
        await sweepPool(this.app, pool.key, new Date(), { signal: this.closing.signal, afterBatch: () => job.touch() });
      });
    }
    const existing = await this.app.db.collection(JOBS_COLLECTION).findOne({ name, type: 'single' }, { projection: { repeatInterval: 1 } });
    if (existing && String(existing.repeatInterval) === String(this.options.every)) return;
    await agenda.every(this.options.every, name, { pool: pool.key }, { skipImmediate: true });
  }

  /** On close: running sweeps stop after their batch, Agenda waits for them and lets go of its locks. */
  async stop(): Promise<void> {
    this.closing.abort();
    const agenda = this.agenda;
    this.agenda = null;
    if (!agenda) return;
    const drained = await agenda.drain({ timeout: 10_000, closeConnection: false });
    if (drained.timedOut) this.app.log.warn({ running: drained.running }, 'recycling: sweeps still running at close');
  }
}
