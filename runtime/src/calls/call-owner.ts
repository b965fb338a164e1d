import type { Locale } from '@telesales/schemas';
import type { Filter } from 'mongodb';
import type { SessionUser } from '../auth/sessions.js';
import { CommandBus, CommandFailed, CommandTimeout } from '../cluster/command-bus.js';
import { ApiError } from '../http/errors.js';
import { callsCollection, type CallDoc, type CallOwner } from './call-doc.js';
import { runCallRequest, type CallCommand, type CallRequest } from './call-commands.js';
import { text } from './messages.js';
import { endLostCall } from './process-lost.js';
import type { CallsService } from './service.js';
import { within } from '../cluster/within.js';

/** How long a call's owner lease lasts and how long a request waits for the owner (env: tests shorten them). */
export interface OwnerSettings {
  leaseMs: number;
  /** Renewals and the sweep for lost processes run this often (a third of the lease). */
  everyMs: number;
  commandTimeoutMs: number;
}

export function ownerSettings(env: NodeJS.ProcessEnv = process.env): OwnerSettings {
  const leaseMs = positive(env.CALL_OWNER_LEASE_MS, 15_000);
  return { leaseMs, everyMs: Math.max(100, Math.floor(leaseMs / 3)), commandTimeoutMs: positive(env.CALL_COMMAND_TIMEOUT_MS, 5_000) };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

const STOP_MS = 2_000;

/** A call not ended: `endAt` is never stored as null, so null matches exactly the calls without it, through the index. */
const NOT_ENDED = { endAt: null } as unknown as Filter<CallDoc>;

/**
 * Which runtime process holds each live call (its simulated line or SIP media, its flow's timers, its work queue),
 * and getting a call's requests carried out there whichever process received them.
 *
 * Through the database, not HTTP forwarding (DESIGN.md, Scale): the receiving process writes a command that the
 * owner follows with a change stream (cluster/command-bus.ts), runs in the call's work queue and answers. No process
 * publishes its address, it works the same on a replica set across machines, and a command the owner never took is
 * given up atomically (503), never carried out late. The owner is recorded on the call (`owner: { process, until }`),
 * a lease renewed while the process lives; when it runs out, any survivor ends the call as `processLost`.
 */
export class CallOwners {
  readonly bus: CommandBus;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(private readonly svc: CallsService, readonly settings: OwnerSettings = ownerSettings()) {
    this.bus = new CommandBus(svc.app.db, (name, args) => this.received(name, args), svc.app.log);
  }

  /** This process, as calls name their owner. */
  get id(): string {
    return this.bus.id;
  }

  /** The owner fields of a call this process starts now. */
  lease(): CallOwner {
    return { process: this.id, until: new Date(Date.now() + this.settings.leaseMs) };
  }

  /** This process took up a call another one recorded (a click-to-call's media reached this process's endpoint). */
  async claim(callId: string): Promise<void> {
    await callsCollection(this.svc.app.db).updateOne({ _id: callId, endAt: { $exists: false } }, { $set: { owner: this.lease() } });
  }

  async start(): Promise<void> {
    // Live calls first: both sweeps below ask for calls without an end (`endAt: null`, never stored as null: so "not
    // ended"), a few among all the calls ever made. The lease index that preceded it held every call with an owner,
    // ended ones too, so each sweep of every process visited the whole history.
    const calls = callsCollection(this.svc.app.db);
    await calls.createIndex({ endAt: 1, 'owner.until': 1 }, { name: 'owner_live' });
    await calls.dropIndex('owner_lease').catch(() => undefined);
    await this.bus.ready;
    this.timer = setInterval(() => { this.sweeping ??= this.tick().finally(() => { this.sweeping = null; }); }, this.settings.everyMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const calls = callsCollection(this.svc.app.db);
      await calls.updateMany({ ...NOT_ENDED, 'owner.process': this.id }, { $set: { 'owner.until': new Date(Date.now() + this.settings.leaseMs) } });
      // Another process's calls whose lease ran out: it died (or lost the database for a whole lease). Each is ended
      // once: endLostCall's update holds only while the lease is still out and the call not ended.
      const lost = await calls.find({ ...NOT_ENDED, 'owner.until': { $lt: new Date() }, 'owner.process': { $ne: this.id } }).limit(100).toArray();
      for (const doc of lost) await this.svc.run(doc._id, () => endLostCall(this.svc, doc));
    } catch (err) {
      this.svc.app.log.warn({ err }, 'call owners: lease renewal or sweep failed');
    }
  }

  /**
   * Carries out a request for a call where the call is held: here when this process owns it (or nobody does any more:
   * an ended call, one from before owners were recorded), else through its owner. The owner's lease ran out: the
   * call is ended as lost first, then the request is answered here as for any ended call.
   */
  async run(callId: string, command: CallCommand, userId: string | null, locale: Locale, user?: SessionUser): Promise<CallDoc | null> {
    const req: CallRequest = { callId, command, userId, locale };
    const doc = await this.svc.call(callId);
    const owner = doc && !doc.endAt ? doc.owner : undefined;
    if (!owner || owner.process === this.id) return runCallRequest(this.svc, req, user);
    if (owner.until.getTime() < Date.now()) {
      await this.svc.run(callId, () => endLostCall(this.svc, doc!));
      return runCallRequest(this.svc, req, user);
    }
    try {
      return (await this.bus.send(owner.process, 'call', req, this.settings.commandTimeoutMs)) as CallDoc | null;
    } catch (err) {
      if (err instanceof CommandTimeout) throw new ApiError(503, 'call_owner_unreachable', text('call_owner_unreachable', locale));
      if (err instanceof CommandFailed && err.error.statusCode && err.error.code) {
        const e = err.error;
        throw new ApiError(e.statusCode!, e.code!, e.message, e.errors as ApiError['errors'], e.extra);
      }
      throw err;
    }
  }

  /** A queued call is offered to the ready agents by the process that holds it (its offer timer lives there). */
  offer(callId: string): void {
    this.svc.track(this.run(callId, { name: 'offer' }, null, 'en')
      .catch((err: unknown) => this.svc.app.log.warn({ err, callId }, 'offer not made')));
  }

  private received(name: string, args: unknown): Promise<unknown> {
    if (name !== 'call') throw new Error(`unknown command ${name}`);
    return runCallRequest(this.svc, args as CallRequest);
  }

  /** Stops renewing (a stopped process's calls are ended by the others once the lease runs out) and following commands. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // With the database gone the driver would wait for it: a shutdown is never held longer than STOP_MS.
    await within(Promise.all([this.sweeping, this.bus.stop()]), STOP_MS);
  }
}
