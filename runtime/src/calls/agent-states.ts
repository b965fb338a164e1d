import type { AgentStateDefinition, AgentStateJson, AgentStateKind } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { Collection } from 'mongodb';
import { localDay, startOfLocalDay } from '../ownership/agent-status.js';
import { randomUUID } from 'node:crypto';
import { agentStateIntervals, ensureIntervalIndexes } from './agent-state-intervals.js';
import { publishedAgentStates } from './call-definitions.js';

/** One agent's phone state, with today's totals up to `since` (the running stretch is added when read). */
export interface AgentStateDoc {
  _id: string;
  state: string | null;
  kind: AgentStateKind | null;
  since: Date | null;
  /** The day the totals belong to (YYYY-MM-DD in the workspace's time zone, TIME_ZONE). */
  day: string;
  onlineSec: number;
  busySec: number;
  /** The call the agent is on or wrapping up. */
  callId: string | null;
  /** The inbound call ringing on the agent's console now: nothing else is offered meanwhile. */
  offerCallId: string | null;
  /**
   * After-call work with a maximum time: when it runs out. Stored (not only a timer) so the console's countdown
   * survives a reload and a restarted runtime can arm the timer again (`init`).
   */
  wrapupEndsAt?: Date | null;
}

/** How late after-call work must be before another process's sweep ends it (its own timer comes first). */
const SWEEP_GRACE_MS = 1000;

const isBusyKind = (kind: AgentStateKind | null) => kind === 'busy' || kind === 'wrapup';

/**
 * Agent states: set by the agent (ready, breaks) and by calls (busy when a call is answered or dialled,
 * after-call work when it ends, ready again after the disposition or the after-call work's maximum time).
 */
export class AgentStates {
  readonly docs: Collection<AgentStateDoc>;
  /**
   * After-call work's end, timed in the process that started it (exact, and on the tests' manual clock). Not the
   * only record: `wrapupEndsAt` is on the document, and `startSweep` ends overdue ones whichever process set them,
   * so a process that dies does not leave its agents in after-call work.
   */
  private readonly wrapupTimers = new Map<string, unknown>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  /**
   * Told when after-call work runs out, before the agent is made ready: the call module records the call the
   * agent still owed an outcome for as "no outcome given" (outcome.ts).
   */
  onWrapupTimeout: (userId: string, callId: string | null) => Promise<void> = async () => undefined;

  constructor(
    private readonly app: FastifyInstance,
    /** Time, and a tracker for work a timer starts (tests wait for it through the service's `settled()`). */
    private readonly clock: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void; track(p: Promise<unknown>): void },
    /** Told after every change, to push the new state to the agent and offer waiting calls to the ready. */
    private readonly changed: (userId: string, doc: AgentStateDoc) => Promise<void>,
  ) {
    this.docs = app.db.collection<AgentStateDoc>('agent_states');
  }

  async init(): Promise<void> {
    await this.docs.createIndex({ kind: 1, offerCallId: 1, since: 1 }, { name: 'ready' });
    await ensureIntervalIndexes(this.app.db);
    // After-call work that was running when the runtime stopped ends on time all the same (at once if overdue).
    for (const doc of await this.docs.find({ kind: 'wrapup', wrapupEndsAt: { $ne: null } }).toArray()) this.armWrapupEnd(doc);
  }

  definitions(): Promise<AgentStateDefinition[]> {
    return publishedAgentStates(this.app);
  }

  async get(userId: string): Promise<AgentStateDoc> {
    return (await this.docs.findOne({ _id: userId })) ?? {
      _id: userId, state: null, kind: null, since: null, day: this.dayOf(this.clock.now()), onlineSec: 0, busySec: 0, callId: null, offerCallId: null,
    };
  }

  /** The state as the API shows it: the running stretch counted into today's totals. */
  async json(userId: string): Promise<AgentStateJson> {
    return this.jsonOf(await this.get(userId));
  }

  /** The same for a state at hand (the one `set` just wrote): no second read. */
  async jsonOf(doc: AgentStateDoc): Promise<AgentStateJson> {
    const totals = this.totalsAt(doc, this.clock.now());
    const states = await this.definitions();
    return {
      state: doc.state, kind: doc.kind, since: doc.since?.toISOString() ?? null,
      onlineSec: totals.onlineSec, busySec: totals.busySec,
      states: states.map((s) => ({ key: s.key, label: s.label, kind: s.kind, ...(s.maxSec ? { maxSec: s.maxSec } : {}) })),
      callId: doc.callId,
      wrapupEndsAt: doc.kind === 'wrapup' && doc.wrapupEndsAt ? doc.wrapupEndsAt.toISOString() : null,
      wrapupLeftSec: doc.kind === 'wrapup' && doc.wrapupEndsAt ? Math.max(0, Math.ceil((doc.wrapupEndsAt.getTime() - this.clock.now()) / 1000)) : null,
    };
  }

  /** Moves the agent to a state (null: offline), counting the time spent in the one they leave. */
  /** `opts.before`: the state as the caller read it a moment ago (spares reading it again). */
  async set(userId: string, key: string | null, opts: { callId?: string | null; wrapupSec?: number; before?: AgentStateDoc } = {}): Promise<AgentStateDoc> {
    const definition = key === null ? null : (await this.definitions()).find((s) => s.key === key) ?? null;
    if (key !== null && !definition) throw new Error(`unknown agent state ${key}`);
    const now = this.clock.now();
    const before = opts.before ?? await this.get(userId);
    const totals = this.totalsAt(before, now);
    const doc: AgentStateDoc = {
      _id: userId, state: key, kind: definition?.kind ?? null, since: key === null ? null : new Date(now), day: this.dayOf(now),
      onlineSec: totals.onlineSec, busySec: totals.busySec,
      callId: opts.callId !== undefined ? opts.callId : before.callId,
      // A state other than ready takes back whatever rang.
      offerCallId: definition?.kind === 'ready' ? before.offerCallId : null,
      wrapupEndsAt: definition?.kind === 'wrapup' && (opts.wrapupSec ?? definition.maxSec) ? new Date(now + (opts.wrapupSec ?? definition.maxSec!) * 1000) : null,
    };
    await this.docs.replaceOne({ _id: userId }, doc, { upsert: true });
    await this.recordInterval(userId, before, now);
    this.armWrapupEnd(doc);
    await this.changed(userId, doc);
    return doc;
  }

  /** The stretch the agent just left, for reports (occupancy, time in state); nothing for offline. */
  private async recordInterval(userId: string, left: AgentStateDoc, now: number): Promise<void> {
    if (!left.state || !left.kind || !left.since) return;
    const sec = Math.max(0, (now - left.since.getTime()) / 1000);
    await agentStateIntervals(this.app.db).insertOne({
      _id: randomUUID(), agentId: userId, state: left.state, kind: left.kind, from: left.since, to: new Date(now), sec, callId: left.callId,
    });
  }

  /** The first state of a kind (busy, wrapup) or the ready state. */
  async keyOfKind(kind: AgentStateKind): Promise<string | null> {
    return (await this.definitions()).find((s) => s.kind === kind)?.key ?? null;
  }

  /**
   * The call machinery moves the agent (answered -> busy, ended -> wrap-up); nothing happens without such a state.
   * `wrapupSec`: an outbound task's wrap-up time, in place of the state's maxSec.
   */
  async toKind(userId: string, kind: AgentStateKind, callId: string | null, wrapupSec?: number): Promise<void> {
    const key = await this.keyOfKind(kind);
    if (key) await this.set(userId, key, { callId, ...(wrapupSec !== undefined ? { wrapupSec } : {}) });
  }

  /** Reserves a ready agent for an offer, atomically (two calls never ring the same agent). */
  async claimForOffer(userIds: string[], callId: string, exclude: string[]): Promise<string | null> {
    const candidates = userIds.filter((id) => !exclude.includes(id));
    if (!candidates.length) return null;
    // The agent ready the longest gets the call.
    const doc = await this.docs.findOneAndUpdate(
      { _id: { $in: candidates }, kind: 'ready', offerCallId: null },
      { $set: { offerCallId: callId } },
      { sort: { since: 1 } },
    );
    return doc?._id ?? null;
  }

  async releaseOffer(userId: string, callId: string): Promise<void> {
    await this.docs.updateOne({ _id: userId, offerCallId: callId }, { $set: { offerCallId: null } });
  }

  /** Today where the agents work (midnight in TIME_ZONE, as the workbench's call figures count), not in UTC. */
  private dayOf(ms: number): string {
    return localDay(new Date(ms), this.app.ownership.timeZone).toISOString().slice(0, 10);
  }

  private totalsAt(doc: AgentStateDoc, now: number): { onlineSec: number; busySec: number } {
    const today = this.dayOf(now);
    let { onlineSec, busySec } = doc.day === today ? doc : { onlineSec: 0, busySec: 0 };
    if (doc.since && doc.state !== null) {
      // Only the part of the running stretch that falls on today counts today.
      const from = Math.max(doc.since.getTime(), startOfLocalDay(new Date(now), this.app.ownership.timeZone).getTime());
      const sec = Math.max(0, Math.round((now - from) / 1000));
      onlineSec += sec;
      if (isBusyKind(doc.kind)) busySec += sec;
    }
    return { onlineSec, busySec };
  }

  /** One timer per agent: a new state replaces the last; after-call work with an end gets a new one. */
  private armWrapupEnd(doc: AgentStateDoc): void {
    const userId = doc._id;
    const previous = this.wrapupTimers.get(userId);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    this.wrapupTimers.delete(userId);
    if (doc.kind !== 'wrapup' || !doc.wrapupEndsAt || !doc.since) return;
    const since = doc.since.getTime();
    this.wrapupTimers.set(userId, this.clock.setTimeout(() => {
      this.wrapupTimers.delete(userId);
      this.clock.track(this.endWrapup(userId, since));
    }, Math.max(0, doc.wrapupEndsAt.getTime() - this.clock.now())));
  }

  /**
   * After-call work ran out: a call still without an outcome is recorded as "no outcome given" (never silently
   * left), then the agent is ready again, unless they moved on meanwhile.
   */
  private async endWrapup(userId: string, since: number): Promise<void> {
    // Taken by one process only (its timer, or another's sweep): the end is cleared on the stretch it belongs to.
    const doc = await this.docs.findOneAndUpdate(
      { _id: userId, kind: 'wrapup', since: new Date(since), wrapupEndsAt: { $ne: null } },
      { $set: { wrapupEndsAt: null } },
    );
    if (!doc) return;
    await this.onWrapupTimeout(userId, doc.callId);
    // The outcome may have come meanwhile (the disposition made the agent ready already).
    if ((await this.get(userId)).since?.getTime() !== since) return;
    const ready = await this.keyOfKind('ready');
    if (ready) await this.set(userId, ready, { callId: null });
  }

  /**
   * Every `everyMs`, ends after-call work that is overdue by more than a second: its own process's timer would have
   * done it (that process stopped or died). Time is the service's clock, as for the timers.
   */
  startSweep(everyMs: number): void {
    this.sweeper = setInterval(() => this.clock.track(this.sweep().catch(() => undefined)), everyMs);
    this.sweeper.unref();
  }

  private async sweep(): Promise<void> {
    const overdue = await this.docs.find({ kind: 'wrapup', wrapupEndsAt: { $ne: null, $lt: new Date(this.clock.now() - SWEEP_GRACE_MS) } }).limit(100).toArray();
    for (const doc of overdue) if (doc.since) await this.endWrapup(doc._id, doc.since.getTime());
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const handle of this.wrapupTimers.values()) this.clock.clearTimeout(handle);
    this.wrapupTimers.clear();
  }
}
