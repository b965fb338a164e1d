import { randomUUID } from 'node:crypto';
import type { CampaignDefinition } from '@telesales/schemas';
import type { CarrierEvent } from '../carriers/carrier.js';
import type { CallDoc } from '../calls/call-doc.js';
import type { CallsService } from '../calls/service.js';
import type { TaskCallHooks } from '../calls/task-calls.js';
import { TaskDialer } from './dialer.js';
import { applyOutcome, localDayOf } from './number-updates.js';
import { taskRunsCollection, type TaskRunDoc, type TaskStatus } from './task-doc.js';

/** How often each task's dialer decides (and this process renews its leases). */
export const TICK_MS = 1000;
/** A lease not renewed for this long is free: another process takes the task over within it. */
export const LEASE_MS = 5000;
/** Dial only with at least this much of the lease left, so a process that stalls never dials past its lease. */
const LEASE_MARGIN_MS = 1500;

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
  private stopped = false;

  constructor(private readonly svc: CallsService) {}

  private get runs() { return taskRunsCollection(this.svc.app.db); }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.handle = this.svc.clock.setTimeout(() => {
      this.svc.clock.track(this.loop().catch((err) => this.svc.app.log.error({ err }, 'outbound dialer loop failed')).finally(() => this.schedule()));
    }, TICK_MS);
  }

  async published(): Promise<CampaignDefinition[]> {
    return (await this.svc.app.definitions.listPublished('campaign')) as CampaignDefinition[];
  }

  /** The run document of each published task (created planned), then a tick of every task whose lease this process holds. */
  async loop(): Promise<void> {
    const now = this.svc.clock.now();
    for (const def of await this.published()) {
      const run = await this.runOf(def.key);
      // The schedule's last day is over: the task closes (a paused or planned one too).
      if (run.status !== 'closed' && def.schedule.endDate && localDayOf(now, def) > def.schedule.endDate) await this.setStatus(def.key, 'closed');
      let dialer = this.dialers.get(def.key);
      if (run.status === 'running' && !this.stopped) {
        if (await this.lease(def.key, now)) {
          if (!dialer || dialer.stopped) {
            dialer = new TaskDialer(this.svc, def, this.owner, async () => (this.leases.get(def.key) ?? 0) - this.svc.clock.now() > LEASE_MARGIN_MS,
              async (code, text) => { await this.setStatus(def.key, 'paused', { code, ...text }); });
            this.dialers.set(def.key, dialer);
            await dialer.adoptOrphans();
          }
        } else if (dialer) dialer.stopped = true;
      }
      if (dialer) {
        dialer.setDefinition(def);
        await dialer.tick(await this.runOf(def.key));
      }
    }
  }

  private async lease(key: string, now: number): Promise<boolean> {
    const until = new Date(now + LEASE_MS);
    const got = await this.runs.findOneAndUpdate(
      { _id: key, status: 'running', $or: [{ leaseOwner: this.owner }, { leaseUntil: null }, { leaseUntil: { $lt: new Date(now) } }] },
      { $set: { leaseOwner: this.owner, leaseUntil: until } },
      { returnDocument: 'after' },
    );
    if (got?.leaseOwner === this.owner) this.leases.set(key, until.getTime());
    else this.leases.delete(key);
    return this.leases.has(key);
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
    const doc = await this.runs.findOneAndUpdate({ _id: key }, {
      $set: { status, pausedReason: status === 'paused' ? reason : null, updatedAt: new Date(this.svc.clock.now()) },
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
    await applyOutcome(this.svc, def, doc.task.numberId, { disposition: key, agentId: by, ...(contactAt ? { contactAt } : {}) }, this.svc.now());
  }

  /** Frees this process's leases at once (a clean shutdown hands its tasks over without waiting for them to run out). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.svc.clock.clearTimeout(this.handle);
    for (const d of this.dialers.values()) d.stopped = true;
    await this.runs.updateMany({ leaseOwner: this.owner }, { $set: { leaseOwner: null, leaseUntil: null } });
  }
}
