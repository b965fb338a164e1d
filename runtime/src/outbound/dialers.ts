import { randomUUID } from 'node:crypto';
import type { CampaignDefinition } from '@telesales/schemas';
import type { CarrierEvent } from '../carriers/carrier.js';
import type { CallDoc } from '../calls/call-doc.js';
import type { CallsService } from '../calls/service.js';
import type { TaskCallHooks } from '../calls/task-calls.js';
import { TaskDialer } from './dialer.js';
import { applyOutcome } from './number-updates.js';
import { taskRunsCollection, type TaskRunDoc, type TaskStatus } from './task-doc.js';
import { within } from '../cluster/within.js';

/** How often each task's dialer decides (and this process renews its leases). */
export const TICK_MS = 1000;
/** A lease not renewed for this long is free: another process takes the task over within it. */
export const LEASE_MS = 5000;
/** Dial only with at least this much of the lease left, so a process that stalls never dials past its lease. */
const LEASE_MARGIN_MS = 1500;
/** How long the list of published tasks is kept before it is read again (real time). */
const PUBLISHED_CACHE_MS = 2000;

/**
 * The outbound dialers of this process. Every process runs the same loop; a running task is dialled by the one
 * that holds its lease in the database (outbound_tasks.leaseOwner/leaseUntil), renewed every tick; a process that
 * dies stops renewing and another takes over once the lease has run out. The calls a dialer placed stay with it
 * (they are carried here) until they end, even after a pause.
 */
export class OutboundDialers implements TaskCallHooks {
  readonly owner = randomUUID();
  readonly dialers = new Map<string, TaskDialer>();
  private readonly leases = new Map<string, number>();
  private handle: unknown = null;
  private publishedCache: { defs: CampaignDefinition[]; until: number } | null = null;
  /** The published version of each task's definition as last read (written on its dials). */
  private readonly versions = new Map<string, number>();
  private stopped = false;

  constructor(private readonly svc: CallsService) {}

  private get runs() { return taskRunsCollection(this.svc.app.db); }

  start(): void {
    this.stopped = false;
    this.svc.clockListeners.add(this.rearm);
    this.schedule();
  }

  /** Which arming of the tick is current: a timer left on a clock swapped out does nothing when it fires. */
  private armed = 0;
  private looping = false;
  /** The clock changed: the next tick is armed on the new one (unless a tick is running: it re-arms when done). */
  private readonly rearm = () => {
    this.armed++;
    if (!this.looping) this.schedule();
  };

  private schedule(): void {
    if (this.stopped) return;
    const mine = ++this.armed;
    this.handle = this.svc.clock.setTimeout(() => {
      if (mine !== this.armed) return;
      this.looping = true;
      this.svc.clock.track(this.loop().catch((err) => this.svc.app.log.error({ err }, 'outbound dialer loop failed')).finally(() => {
        this.looping = false;
        this.schedule();
      }));
    }, TICK_MS);
  }

  /** A task was published in this process: the next tick reads the list again (other processes within 2 s). */
  forgetPublished(): void {
    this.publishedCache = null;
  }

  /**
   * The published tasks, re-read at most every PUBLISHED_CACHE_MS of real time: the loop asks every tick, a
   * publish is rare, and the same object from tick to tick keeps each dialer's parsed rules.
   */
  async published(): Promise<CampaignDefinition[]> {
    if (!this.publishedCache || this.publishedCache.until <= Date.now()) {
      const fresh = await this.svc.app.definitions.listPublishedVersions('campaign');
      const old = new Map((this.publishedCache?.defs ?? []).map((d) => [d.key, d]));
      for (const { def, version } of fresh) this.versions.set(def.key, version);
      // Unchanged definitions keep their object (so each dialer keeps its parsed rules).
      const defs = fresh.map(({ def }) => { const d = def as CampaignDefinition; const o = old.get(d.key); return o && JSON.stringify(o) === JSON.stringify(d) ? o : d; });
      this.publishedCache = { defs, until: Date.now() + PUBLISHED_CACHE_MS };
    }
    return this.publishedCache.defs;
  }

  /**
   * A tick of every published task: its run document (created planned), closed after its last day, and a tick of
   * its dialer when this process holds its lease. The holder reads the run while renewing its lease (one round
   * trip a tick); the others read it and take the lease only when it is free.
   */
  async loop(): Promise<void> {
    const now = this.svc.clock.now();
    for (const def of await this.published()) {
      const held = this.leases.has(def.key) && !this.stopped;
      let run = held ? await this.lease(def.key, now) : null;
      if (!run) {
        run = await this.runOf(def.key);
        if (run.status === 'running' && !this.stopped && (!run.leaseUntil || run.leaseUntil.getTime() < now || run.leaseOwner === this.owner)) {
          run = (await this.lease(def.key, now)) ?? run;
        }
      }
      let dialer = this.dialers.get(def.key);
      if (this.leases.has(def.key) && run.status === 'running') {
        if (!dialer || dialer.stopped) {
          dialer = new TaskDialer(this.svc, def, this.versions.get(def.key), this.owner, async () => (this.leases.get(def.key) ?? 0) - this.svc.clock.now() > LEASE_MARGIN_MS,
            async (code, text) => { await this.setStatus(def.key, 'paused', { code, ...text }); });
          this.dialers.set(def.key, dialer);
          await dialer.adoptOrphans();
        }
      } else if (dialer && run.status === 'running') dialer.stopped = true;
      if (dialer) {
        if (dialer.def !== def) dialer.setDefinition(def, this.versions.get(def.key));
        await dialer.tick(run);
      }
    }
  }

  /** Takes or renews the task's lease; the run document when this process holds it, else null. */
  private async lease(key: string, now: number): Promise<TaskRunDoc | null> {
    const until = new Date(now + LEASE_MS);
    const got = await this.runs.findOneAndUpdate(
      { _id: key, status: 'running', $or: [{ leaseOwner: this.owner }, { leaseUntil: null }, { leaseUntil: { $lt: new Date(now) } }] },
      { $set: { leaseOwner: this.owner, leaseUntil: until } },
      { returnDocument: 'after' },
    );
    if (got?.leaseOwner === this.owner) {
      this.leases.set(key, until.getTime());
      return got;
    }
    this.leases.delete(key);
    return null;
  }

  async runOf(key: string): Promise<TaskRunDoc> {
    const now = new Date(this.svc.clock.now());
    return (await this.runs.findOneAndUpdate(
      { _id: key },
      { $setOnInsert: { status: 'planned', joined: [], updatedAt: now } },
      { upsert: true, returnDocument: 'after' },
    ))!;
  }

  async setStatus(key: string, status: TaskStatus, reason: TaskRunDoc['pausedReason'] = null): Promise<TaskRunDoc | null> {
    await this.runOf(key);
    const at = new Date(this.svc.clock.now());
    const doc = await this.runs.findOneAndUpdate({ _id: key }, {
      $set: { status, pausedReason: status === 'paused' ? reason : null, updatedAt: at },
      $push: { history: { status, at, by: reason ? 'dialer' : 'person' } },
    }, { returnDocument: 'after' });
    if (reason) this.svc.app.log.warn({ task: key, code: reason.code }, reason.en);
    return doc;
  }

  async join(key: string, userId: string, on: boolean): Promise<void> {
    await this.runOf(key);
    await this.runs.updateOne({ _id: key }, on ? { $addToSet: { joined: userId } } : { $pull: { joined: userId } });
  }

  // TaskCallHooks: the calls module routes a task's call events and dispositions here.
  owns(callId: string): boolean {
    for (const d of this.dialers.values()) if (d.live.has(callId)) return true;
    return false;
  }

  async event(e: CarrierEvent): Promise<void> {
    for (const d of this.dialers.values()) if (d.live.has(e.callId)) return d.event(e);
  }

  async disposed(doc: CallDoc): Promise<void> {
    if (!doc.task || !doc.disposition) return;
    const def = (await this.svc.app.definitions.getPublished('campaign', doc.task.key)) as CampaignDefinition | null;
    if (!def) return;
    const { key, contactAt, by } = doc.disposition;
    // For this call only: a disposition given after the number was dialled again changes nothing (applyOutcome).
    await applyOutcome(this.svc, def, { numberId: doc.task.numberId, callId: doc._id }, { disposition: key, agentId: by, ...(contactAt ? { contactAt } : {}) }, this.svc.now());
  }

  /** Frees this process's leases at once (a clean shutdown hands its tasks over without waiting for them to run out). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.armed++;
    this.svc.clockListeners.delete(this.rearm);
    if (this.handle !== null) this.svc.clock.clearTimeout(this.handle);
    for (const d of this.dialers.values()) d.stopped = true;
    // Hands the leases over at once; with the database gone they run out on their own (5 s).
    await within(this.runs.updateMany({ leaseOwner: this.owner }, { $set: { leaseOwner: null, leaseUntil: null } }), 2_000);
  }
}
