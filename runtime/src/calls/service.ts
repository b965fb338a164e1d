import type { FastifyInstance } from 'fastify';
import type { Filter } from 'mongodb';
import { systemClock, type Clock } from '@telesales/telephony/simulated/index';
import type { SessionUser } from '../auth/sessions.js';
import { toSessionUser } from '../auth/sessions.js';
import { usersCollection } from '../org/users.js';
import type { Carrier, TelephonyHealth } from '../carriers/carrier.js';
import type { FlowToRun } from './flow-to-run.js';
import { AgentStates, type AgentStateDoc } from './agent-states.js';
import { callsCollection, type CallDoc, type CallOwner } from './call-doc.js';
import { callJson, callReader } from './call-json.js';
import type { CallTable } from './call-table.js';
import { CallEvents } from './events.js';
import type { TaskCallHooks } from './task-calls.js';
import { CallTokens } from './tokens.js';

export type TelephonyMode = 'simulated' | 'sip';

/** How long pushCall trusts a user it read (the sessions' cache time). */
const PUSH_USER_MS = 5_000;
export type { TelephonyHealth };

/** What the lifecycle asks of call ownership (call-owner.ts `CallOwners`, which imports this module's type). */
export interface CallOwnership {
  /** The owner fields of a call this process starts now. */
  lease(): CallOwner;
  /** This process took up a call another one recorded. */
  claim(callId: string): Promise<void>;
  /** Offers a queued call to the ready agents, in the process that holds it. */
  offer(callId: string): void;
}

/** What carries this service's calls: the call table its carrier reports into, and the carrier (carriers/start.ts). */
export type CarrierFactory = (svc: CallsService) => { table: CallTable; carrier: Carrier };

/**
 * Everything the calls capability holds while the process runs: the call table and its timers, the carrier
 * (simulated, or the SIP endpoint: carriers/), the injectable clock, the agents' event streams, and a queue of work per call so the
 * events of one call are handled one at a time, in order, while many calls proceed side by side.
 */
export class CallsService {
  /** The calls in progress, their timers and the one ordered stream of their events (call-table.ts). */
  readonly table: CallTable;
  /** What carries the calls (carriers/carrier.ts); the SIP carrier takes over once the endpoint starts. */
  carrier: Carrier;
  readonly tokens: CallTokens;
  readonly states: AgentStates;
  readonly events: CallEvents;
  /** Which process holds each live call; a call's requests are carried out there (call-owner.ts; the plugin sets it). */
  owners!: CallOwnership;
  // The maps below are per process by design: they belong to calls this process owns, and every piece of a call's
  // work runs in its owner (requests received elsewhere are sent there), so no other process needs them. A lost
  // owner's calls are ended (process-lost.ts), not resumed elsewhere.
  /** The flow each inbound call runs, loaded once per call (a cache: flowOf reloads it from the call record). */
  readonly flows = new Map<string, FlowToRun>();
  /** The last gather's inter-digit timeout per call (keys restart it). */
  readonly gatherMs = new Map<string, number>();
  /** A lookup's answer, delivered to the flow when its (short) simulated delay is over. */
  readonly lookups = new Map<string, { found: boolean; values?: Record<string, unknown> }>();
  /** Set by the outbound tasks plugin: its dialers' calls and dispositions (task-calls.ts). */
  taskCalls: TaskCallHooks | null = null;
  private current: Clock = systemClock;
  /** Each call's work queue in this process (its owner's: see above). */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly pushUsers = new Map<string, { user: SessionUser | null; until: number }>();

  /** Time for everything call-related; tests swap in a manual clock with `useClock`. */
  readonly clock: Clock & { track(p: Promise<unknown>): void } = {
    now: () => this.current.now(),
    setTimeout: (fn, ms) => this.current.setTimeout(fn, ms),
    clearTimeout: (handle) => this.current.clearTimeout(handle),
    track: (p) => this.track(p),
  };

  /** What GET /api/health and the start banner say of telephony. */
  telephony(): TelephonyHealth {
    return this.carrier.health();
  }

  constructor(readonly app: FastifyInstance, carrierFor: CarrierFactory) {
    this.events = new CallEvents(app);
    this.tokens = new CallTokens(app.db, () => this.clock.now());
    this.states = new AgentStates(app, this.clock, (userId, doc) => this.stateChanged(userId, doc));
    const { table, carrier } = carrierFor(this);
    this.table = table;
    this.carrier = carrier;
  }

  /** Told after every change of a call or an agent's state in this process (the wallboard: monitoring/). */
  readonly changeListeners = new Set<() => void>();

  /** Hook for the agent-state module: set by the plugin (pushes the state, offers waiting calls). */
  onStateChanged: (userId: string, doc: AgentStateDoc) => Promise<void> = async () => undefined;

  private async stateChanged(userId: string, doc: AgentStateDoc): Promise<void> {
    for (const listener of this.changeListeners) listener();
    await this.onStateChanged(userId, doc);
  }

  useClock(clock: Clock): void {
    this.current = clock;
    // Repeating work (the outbound dialers' tick) re-arms on the new clock: a timer set on the old one would fire
    // in the old clock's time, leaving the new one without it until then.
    for (const listener of this.clockListeners) listener();
  }

  /** Called after each `useClock`. */
  readonly clockListeners = new Set<() => void>();

  now(): Date {
    return new Date(this.clock.now());
  }

  /** Runs work for one call after the work queued before it; the result (or error) goes to the caller. */
  run<T>(callId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(callId) ?? Promise.resolve();
    const result = previous.then(work);
    const settled = result.catch((err) => { this.app.log.error({ err, callId }, 'call work failed'); });
    this.chains.set(callId, settled);
    void settled.finally(() => {
      if (this.chains.get(callId) === settled) this.chains.delete(callId);
    });
    this.track(settled);
    return result;
  }

  /** Queues work for a call without waiting for it (from inside another piece of work, or a carrier event). */
  later(callId: string, work: () => Promise<unknown>): void {
    void this.run(callId, work).catch(() => undefined);
  }

  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Resolves when no call work is pending (tests advance a manual clock between settled points). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async user(userId: string): Promise<SessionUser | null> {
    const doc = await usersCollection(this.app.db).findOne({ _id: userId });
    return doc && !doc.disabled ? toSessionUser(doc) : null;
  }

  /**
   * Whom a call event is pushed to, cached a few seconds as sessions are (auth/sessions.ts): a call's ringing, answer
   * and end each push to its agent. A change of role or a disabled user shows within PUSH_USER_MS, as for requests.
   */
  private async pushUser(userId: string): Promise<SessionUser | null> {
    const hit = this.pushUsers.get(userId);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await this.user(userId);
    if (this.pushUsers.size > 10_000) this.pushUsers.clear();
    this.pushUsers.set(userId, { user, until: Date.now() + PUSH_USER_MS });
    return user;
  }

  async call(callId: string): Promise<CallDoc | null> {
    return callsCollection(this.app.db).findOne({ _id: callId });
  }

  /** Writes a change to a call and returns the call as it is now (null: no such call, or `where` did not hold). */
  async update(callId: string, set: Partial<CallDoc>, unset: (keyof CallDoc)[] = [], where: Filter<CallDoc> = {}): Promise<CallDoc | null> {
    const doc = await callsCollection(this.app.db).findOneAndUpdate(
      { ...where, _id: callId },
      { $set: { ...set, updatedAt: this.now() }, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}) },
      { returnDocument: 'after' },
    );
    if (doc) this.carrier.legsChanged(doc);
    if (doc) for (const listener of this.changeListeners) listener();
    // A call ended: one line at info with why, for an admin following calls in the log (no number: never `to`).
    if (doc && set.endAt) {
      this.app.log.info({
        callId, direction: doc.direction, status: doc.status, hangupBy: doc.hangupBy ?? null, talkSec: doc.talkSec,
        cause: doc.failure?.cause ?? null, sipStatus: doc.failure?.sipStatus ?? null,
      }, doc.failure ? `call failed: ${doc.failure.cause}` : 'call ended');
    }
    return doc;
  }

  /**
   * A disposed call with a customer is a follow-up of that customer when the agent owns them: it restarts the
   * "not followed up within..." clock of the recycle rules. One conditional update (ownership is checked by the
   * filter, so a record that changed hands meanwhile is left alone); a system field, so no log entry. An
   * outcome that marks the number invalid was no conversation with the customer: the record is left as it is.
   */
  async followedUp(doc: CallDoc): Promise<void> {
    const { customer, agentId, disposition } = doc;
    if (!customer || !agentId || !disposition || disposition.invalidNumber) return;
    await this.app.records.system(customer.entity).followedUp(customer.id, agentId, disposition.at);
  }

  /**
   * Sends the call, as that agent may see it, to an agent's console. `known`: the agent as the caller already has
   * them (the request's own user), which spares reading them again.
   */
  async pushCall(userId: string | null | undefined, doc: CallDoc | null, known?: SessionUser): Promise<void> {
    if (!userId || !doc || !this.events.connected(userId)) return;
    const user = known?.id === userId ? known : await this.pushUser(userId);
    if (!user) return;
    this.events.send(userId, 'call', { call: await callJson(this.app, await callReader(this.app, user), doc) });
  }

  stop(): void {
    this.table.stop();
    this.states.stop();
    this.events.closeAll();
  }
}
