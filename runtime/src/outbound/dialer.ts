import { randomUUID } from 'node:crypto';
import type { CampaignCarrierOutcome, CampaignDefinition, CallFailure } from '@telesales/schemas';
import { mayDial } from '@telesales/engines/compliance';
import { decidePacing, type PacingState } from '@telesales/engines/pacing';
import type { CarrierEvent } from '../carriers/carrier.js';
import { callsCollection, type CallDoc } from '../calls/call-doc.js';
import { outcomeOfFailure } from '../calls/call-failure.js';
import { outboundEnded } from '../calls/carrier-events.js';
import { ring, withdrawOffer } from '../calls/queue.js';
import { endLostCall } from '../calls/process-lost.js';
import type { CallsService } from '../calls/service.js';
import { CallerRotation } from './caller-numbers.js';
import { callingRulesOf, type TaskCallingRules } from './calling-rules.js';
import { logDial, markAbandoned, recentDials } from './dial-log.js';
import { dncAmong } from './dnc-doc.js';
import { taskNumbersCollection, type TaskNumberDoc } from './number-doc.js';
import { taskRunsCollection, type TaskRunDoc } from './task-doc.js';
import { applyOutcome, localDayOf, tallyInc } from './number-updates.js';

/** Seconds an answered call may wait for a free agent (the 2-second rule). */
export const SECONDS_TO_AGENT = 2;
/** Seconds an offer rings on an agent's console before the next agent gets it. */
const TASK_OFFER_SEC = 8;
/** Consecutive dials failing with cause `failed` before the task pauses itself (the carrier stopped answering). */
export const FAILURES_BEFORE_PAUSE = 10;
const HOPPER_MIN = 20;
/** How often due callbacks are looked for (and an idle dialer reads its agents). */
const CALLBACK_CHECK_MS = 5000;
const LEVEL_WRITE_MS = 5000;
const RECENT_DIALS = 300;
/** How often numbers of a dead holder's calls still under their owner's lease are looked at again. */
const ORPHAN_RETRY_MS = 2000;

interface LiveCall {
  numberId: string;
  /** The number as the dial claimed it (its attempts, its callback's agent): its outcome needs no read. */
  number: TaskNumberDoc;
  phone: string;
  dialledAt: number;
  answeredAt?: number;
  stage: 'ringing' | 'waiting' | 'offered' | 'talking' | 'abandoning';
  /** A callback's agent, reserved before the dial. */
  reserved?: string;
  /** Offered once already: a later offer reads who declined it. */
  offered?: boolean;
}

/** Running means and spreads, as the pacing engine takes them. */
class Stats {
  n = 0; mean = 0; m2 = 0;
  add(x: number) { this.n++; const d = x - this.mean; this.mean += d / this.n; this.m2 += d * (x - this.mean); }
  json() { return this.n ? { mean: this.mean, sd: Math.sqrt(this.n > 1 ? this.m2 / (this.n - 1) : 0), count: this.n } : undefined; }
}

/**
 * One running task's dialer, on the one process that holds its lease (dialers.ts). Each tick asks the pacing
 * engine how many to dial, picks that many numbers from the hopper (callbacks due, retries due, fresh), asks the
 * compliance engine again at the moment of dialling, and follows its calls: answered -> offered to a free agent of
 * the task within 2 s or abandoned with the message; line outcomes and dispositions -> the task's rules.
 */
export class TaskDialer {
  readonly live = new Map<string, LiveCall>();
  private hopper: TaskNumberDoc[] = [];
  private rules: TaskCallingRules;
  private pacing: PacingState | null = null;
  private recent: boolean[] = [];
  private readonly ringStats = new Stats();
  private readonly talkStats = new Stats();
  private failedInARow = 0;
  /** An empty refill is not repeated for a while: an exhausted list costs no query per tick. */
  private emptyUntil = 0;
  /** Numbers of a dead holder's calls whose owner lease had not run out yet (adoptOrphans). */
  private orphansLeft = false;
  private orphansCheckedAt = -Infinity;
  private callbacksCheckedAt = -Infinity;
  private levelToShow: Pick<TaskRunDoc, 'dialLevel' | 'lastReason'> | null = null;
  private levelShownAt = -Infinity;
  private callers: CallerRotation;
  /** The agents who joined, as this tick's run said: offers ring them without reading the run again. */
  private joined: string[] = [];
  /** The published version of the definition: written on each dial, so the compliance report judges it by its own rules. */
  private version: number | undefined;
  /** Numbers taken from the hopper for this tick's dials and not dialled yet: a refill meanwhile must not add them again. */
  private readonly picked = new Set<string>();
  /** This tick's dials are over (every caller number rests). */
  private stopDialling = false;
  private restingSaid = false;
  stopped = false;

  constructor(
    private readonly svc: CallsService,
    public def: CampaignDefinition,
    version: number | undefined,
    /** This process's id, written on each dial (who dialled it). */
    private readonly owner: string,
    /** Holds the lease still (renewed by the host); false: dial nothing more. */
    private readonly holdsLease: () => Promise<boolean>,
    private readonly pause: (code: string, text: { zh: string; en: string }) => Promise<void>,
  ) {
    this.rules = callingRulesOf(def);
    this.version = version;
    this.callers = new CallerRotation(svc.app.db);
  }

  private get db() { return this.svc.app.db; }
  private now(): number { return this.svc.clock.now(); }

  setDefinition(def: CampaignDefinition, version: number | undefined): void {
    this.def = def;
    this.version = version;
    this.rules = callingRulesOf(def);
  }

  /**
   * Calls left by a holder that died: its numbers get the `failed` rule (never dialled twice at once). A call still
   * up is ended the way any lost process's call is (calls/process-lost.ts: the agent on it wraps up, an offer is
   * withdrawn), but only once its owner's lease ran out: until then its owner may still be alive, and the number
   * waits (the tick asks again every ORPHAN_RETRY_MS).
   */
  async adoptOrphans(): Promise<void> {
    this.orphansCheckedAt = this.now();
    this.orphansLeft = false;
    const orphans = await taskNumbersCollection(this.db).find({ task: this.def.key, state: 'dialling' }).toArray();
    for (const n of orphans) {
      if (n.lastCallId && this.live.has(n.lastCallId)) continue;
      const call = n.lastCallId ? await callsCollection(this.db).findOne({ _id: n.lastCallId }) : null;
      if (call && !call.endAt) {
        if (call.owner && call.owner.until.getTime() >= Date.now()) {
          this.orphansLeft = true;
          continue;
        }
        if (call.owner) await this.svc.run(call._id, () => endLostCall(this.svc, call));
        else {
          await callsCollection(this.db).updateOne({ _id: call._id, endAt: { $exists: false } }, {
            $set: { status: 'ended', endAt: new Date(this.now()), hangupBy: 'system', failure: { cause: 'failed' }, updatedAt: new Date(this.now()) },
          });
        }
      }
      if (n.lastCallId) await applyOutcome(this.svc, this.def, { numberId: n._id, callId: n.lastCallId }, { outcome: 'failed' }, new Date(this.now()), n);
    }
  }

  /** One pacing decision and its dials. */
  async tick(run: TaskRunDoc): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    if (this.orphansLeft && now - this.orphansCheckedAt >= ORPHAN_RETRY_MS) await this.adoptOrphans();
    // Nothing up and nothing to dial (the list is exhausted until a retry falls due): the agents need not be read
    // every second; a due callback or retry waits at most CALLBACK_CHECK_MS / the empty list's pause.
    if (!this.live.size && !this.hopper.length && now < this.emptyUntil && now < this.callbacksCheckedAt + CALLBACK_CHECK_MS) return;
    this.joined = run.joined;
    const agents = await this.agentStates(run.joined);
    for (const [callId, call] of this.live) if (call.stage === 'waiting') this.svc.later(callId, () => this.offer(callId));
    if (run.status !== 'running') return;
    const since = (d: Date | null | undefined) => (d ? Math.max(0, (now - d.getTime()) / 1000) : 0);
    const calls = [...this.live.values()];
    const tally = run.tally ?? {};
    const today = tally[localDayOf(now, this.def)] ?? {};
    const month = Object.entries(tally).filter(([day]) => day >= localDayOf(now - 30 * 86_400_000, this.def)).map(([, t]) => t);
    const sum = (k: 'answered' | 'abandoned') => month.reduce((n, t) => n + (t[k] ?? 0), 0);
    const p = { ...this.def, ...run.pacing };
    const decision = decidePacing({
      mode: this.def.dialMode, ...(p.ratio ? { ratio: p.ratio } : {}),
      agents: {
        ready: agents.filter((a) => a.kind === 'ready' && !a.offerCallId).map((a) => since(a.since)),
        talking: agents.filter((a) => a.kind === 'busy').map((a) => since(a.since)),
        wrapUp: agents.filter((a) => a.kind === 'wrapup').map((a) => since(a.since)),
      },
      calls: {
        ringing: calls.filter((c) => c.stage === 'ringing').map((c) => (now - c.dialledAt) / 1000),
        waiting: calls.filter((c) => c.stage === 'waiting' || c.stage === 'offered').map((c) => (now - (c.answeredAt ?? now)) / 1000),
      },
      answerRate: { dialed: this.recent.length, answered: this.recent.filter(Boolean).length },
      ...(this.ringStats.json() ? { ringTime: this.ringStats.json()! } : {}),
      ...(this.talkStats.json() ? { talkTime: this.talkStats.json()! } : {}),
      wrapUp: { mean: this.def.wrapupSec ?? 15, sd: 1, count: 100 },
      noAnswerTimeout: this.def.ringTimeoutSec ?? 25,
      secondsToAgent: SECONDS_TO_AGENT,
      abandon: {
        today: { answered: today.answered ?? 0, abandoned: today.abandoned ?? 0 },
        rolling30Days: { answered: sum('answered'), abandoned: sum('abandoned') },
        target: (p.abandonTarget ?? 3) / 100,
      },
      maxConcurrentCalls: p.maxConcurrent,
      ...(p.maxLinesPerAgent ? { maxLinesPerAgent: p.maxLinesPerAgent } : {}),
      state: this.pacing,
    });
    if (!this.pacing || Math.abs(decision.state.dialLevel - this.pacing.dialLevel) > 1e-9) {
      this.svc.app.log.info({ task: this.def.key, launch: decision.launch, limit: decision.reason.limit }, decision.text.en);
      this.levelToShow = { dialLevel: decision.state.dialLevel, lastReason: { ...decision.text, at: new Date(now) } };
    }
    // The level can change every second; the supervisor's figures get its latest change at most every LEVEL_WRITE_MS.
    if (this.levelToShow && now - this.levelShownAt >= LEVEL_WRITE_MS) {
      await taskRunsCollection(this.db).updateOne({ _id: this.def.key }, { $set: this.levelToShow });
      this.levelToShow = null;
      this.levelShownAt = now;
    }
    this.pacing = decision.state;
    // Never above the task's lines, whatever the engine says (a callback's reserved agent is one line too).
    const room = Math.max(0, p.maxConcurrent - this.live.size - agents.filter((a) => a.kind === 'busy' && !this.isMine(a.callId)).length);
    let launch = Math.min(decision.launch, room);
    this.stopDialling = false;
    const readyIds = new Set(agents.filter((a) => a.kind === 'ready' && !a.offerCallId).map((a) => a._id));
    // Callbacks due whose agent is free are dialled first, each with its agent reserved (not counted by pacing).
    const callbacks = await this.dueCallbacks(readyIds);
    if (callbacks.length) {
      const verdicts = await this.verdicts(callbacks, true);
      for (const n of callbacks) {
        if (this.live.size >= p.maxConcurrent || this.stopDialling) break;
        if (await this.dial(n, verdicts.get(n._id)!, n.callbackAgent)) { readyIds.delete(n.callbackAgent!); launch = Math.max(0, launch - 1); }
      }
    }
    // The tick's numbers are checked at the dial together (one DNC and one history read for all): a task's numbers
    // are distinct phones, so one dial of the batch cannot change another's verdict.
    // A number whose dial was not made this tick (taken by someone else, a write that failed) is not tried again
    // until the next: the refill would hand it back at once.
    const tried = new Set<string>();
    while (launch > 0 && !this.stopped && !this.stopDialling) {
      const batch: TaskNumberDoc[] = [];
      while (batch.length < launch) {
        const n = await this.pick();
        if (!n) break;
        if (tried.has(n._id)) { this.hopper.unshift(n); break; }
        tried.add(n._id);
        this.picked.add(n._id);
        batch.push(n);
      }
      if (!batch.length) break;
      try {
        const verdicts = await this.verdicts(batch);
        for (const [i, n] of batch.entries()) {
          if (launch <= 0 || this.stopped || this.stopDialling) { this.hopper.unshift(...batch.slice(i)); break; }
          if (await this.dial(n, verdicts.get(n._id)!)) launch--;
        }
      } finally {
        this.picked.clear();
      }
    }
  }

  private isMine(callId: string | null): boolean {
    return !!callId && this.live.has(callId);
  }

  private async agentStates(joined: string[]) {
    return joined.length ? this.svc.states.docs.find({ _id: { $in: joined } }).toArray() : [];
  }

  /** Callbacks due to these free agents; asked every CALLBACK_CHECK_MS (their times are to the minute), not every tick. */
  private async dueCallbacks(ready: Set<string>): Promise<TaskNumberDoc[]> {
    if (this.now() < this.callbacksCheckedAt + CALLBACK_CHECK_MS) return [];
    this.callbacksCheckedAt = this.now();
    if (!ready.size) return [];
    return taskNumbersCollection(this.db).find({
      task: this.def.key, state: 'scheduled', callbackAgent: { $in: [...ready] }, nextAt: { $lte: new Date(this.now()) },
    }).limit(ready.size).toArray();
  }

  /** The next number from the hopper, refilled ahead of need: retries due first, then fresh numbers, each checked at pick. */
  private async pick(): Promise<TaskNumberDoc | null> {
    if (this.hopper.length < HOPPER_MIN / 2) await this.refill();
    return this.hopper.shift() ?? null;
  }

  private async refill(): Promise<void> {
    if (this.now() < this.emptyUntil) return;
    const now = new Date(this.now());
    const numbers = taskNumbersCollection(this.db);
    const have = new Set([...this.hopper.map((n) => n._id), ...this.picked]);
    const due = await numbers.find({ task: this.def.key, state: 'scheduled', callbackAgent: { $exists: false }, nextAt: { $lte: now } })
      .sort({ nextAt: 1 }).limit(HOPPER_MIN * 2).toArray();
    const fresh = due.length >= HOPPER_MIN * 2 ? [] : await numbers.find({ task: this.def.key, state: 'fresh' }).sort({ createdAt: 1, _id: 1 }).limit(HOPPER_MIN * 2).toArray();
    const candidates = [...due, ...fresh].filter((n) => !have.has(n._id));
    // Exhausted only when nothing is due at all (numbers already in the hopper, or handed back by a dial that could
    // not be written, are not an empty list).
    if (!due.length && !fresh.length) this.emptyUntil = this.now() + 30_000;
    const verdicts = await this.verdicts(candidates);
    for (const n of candidates) {
      const v = verdicts.get(n._id)!;
      if (v.allowed) this.hopper.push(n);
      else await this.refused(n, v.reason === 'doNotCall' ? 'dnc' : null, v.nextAt);
    }
  }

  /** Compliance for these numbers now: windows (callee's zone where known), limits, workspace caps, DNC, abandon cool-off. */
  private async verdicts(numbers: TaskNumberDoc[], reserved = false) {
    const now = this.now();
    const phones = numbers.map((n) => n.phone);
    const [dnc, history] = await Promise.all([dncAmong(this.db, phones), recentDials(this.db, phones, now)]);
    return new Map(numbers.map((n) => {
      const { rules, calleeZone } = this.rulesFor(n.phone);
      // The log reaches back 8 days; the number's own count carries the task's lifetime attempts beyond it.
      const own = history.get(n.phone)!;
      const ownCount = own.filter((a) => a.taskId === this.def.key).length;
      const older = Array.from({ length: Math.max(0, n.attempts - ownCount) }, () => ({ at: 0, taskId: this.def.key }));
      return [n._id, mayDial({
        taskId: this.def.key, at: now, rules, agentReserved: reserved,
        number: { timeZone: calleeZone, doNotCall: dnc.has(n.phone), attempts: [...older, ...own] },
      })] as const;
    }));
  }

  private rulesFor(phone: string) {
    return this.rules.rulesFor(phone);
  }

  /** A number the rules refuse now: on the DNC list for good, scheduled for when they allow, or finished (never allowed again). */
  private async refused(n: TaskNumberDoc, state: 'dnc' | null, nextAt: number | null): Promise<void> {
    const set = state === 'dnc' ? { state: 'dnc' as const } : nextAt === null ? { state: 'done' as const } : { state: 'scheduled' as const, nextAt: new Date(nextAt) };
    await taskNumbersCollection(this.db).updateOne({ _id: n._id, state: n.state }, { $set: { ...set, updatedAt: new Date(this.now()) } });
  }

  /**
   * Dials one number (`v`: the compliance engine's verdict at this moment): the number claimed, the call record, the
   * dial log and the day's count written, then the carrier asked. The four writes are one transaction: a process
   * killed or a write failing between them would otherwise leave a number claimed without its call record or log
   * entry (never dialled, yet counted against its limits and stuck in `dialling`), and figures that no longer
   * reconcile with the records. A transaction, not a repair by the next holder: nothing half-written is ever
   * visible, so the compliance report and the figures need no notion of a half-made dial. A callback's agent is
   * reserved first (calls' own document, outside the transaction) and released if the dial is not made.
   */
  private async dial(n: TaskNumberDoc, v: ReturnType<typeof mayDial>, reserved?: string): Promise<boolean> {
    if (!(await this.holdsLease())) { this.stopped = true; return false; }
    if (!v.allowed) { await this.refused(n, v.reason === 'doNotCall' ? 'dnc' : null, v.nextAt); return false; }
    const nowMs = this.now();
    // A reported caller number rests for the task's cool-down; with all of them resting the task dials nothing.
    const callerId = await this.callers.next(this.def, nowMs);
    if (callerId === null) { await this.callersResting(); return false; }
    this.restingSaid = false;
    const callId = randomUUID();
    if (reserved && !(await this.svc.states.claimForOffer([reserved], callId, []))) return false;
    let claimed: TaskNumberDoc | null = null;
    try {
      claimed = await this.writeDial(n, callId, callerId, nowMs, !!reserved);
    } catch (err) {
      this.svc.app.log.error({ err, task: this.def.key, number: n._id }, 'outbound: a dial could not be written; the number stays as it was');
    }
    if (!claimed) {
      if (reserved) await this.svc.states.releaseOffer(reserved, callId);
      return false;
    }
    this.live.set(callId, { numberId: n._id, number: claimed, phone: n.phone, dialledAt: nowMs, stage: 'ringing', ...(reserved ? { reserved } : {}) });
    this.svc.carrier.dialOut({
      callId, number: n.phone, ringTimeoutSec: this.def.ringTimeoutSec ?? 25, taskKey: this.def.key, ...(callerId ? { callerId } : {}),
    });
    return true;
  }

  /** The dial's writes, in one transaction (see dial); the number as claimed, or null when someone else took it first. */
  private async writeDial(n: TaskNumberDoc, callId: string, callerId: string | undefined, nowMs: number, reserved: boolean): Promise<TaskNumberDoc | null> {
    const now = new Date(nowMs);
    const day = localDayOf(nowMs, this.def);
    const doc: CallDoc = {
      _id: callId, direction: 'out', from: callerId ?? this.def.key, to: n.phone, phoneEntity: this.def.entity ?? 'customer',
      agentId: null, customer: n.customerId ? { entity: this.def.entity ?? 'customer', id: n.customerId } : null,
      ringAt: now, talkSec: 0, status: 'ringing', updatedAt: now, task: { key: this.def.key, numberId: n._id },
      wrapupSec: this.def.wrapupSec ?? 15, owner: this.svc.owners.lease(),
    };
    const session = this.svc.app.mongoClient.startSession();
    try {
      return await session.withTransaction(async () => {
        // The claim is conditional on the state it was read in: two dialers (or a pick and a person) never both take it.
        const claimed = await taskNumbersCollection(this.db).findOneAndUpdate(
          { _id: n._id, state: n.state },
          {
            $set: {
              state: 'dialling', nextAt: now, lastCallId: callId, lastDialAt: now, updatedAt: now, dialBy: this.owner,
              attemptsDay: day, attemptsToday: n.attemptsDay === day ? (n.attemptsToday ?? 0) + 1 : 1,
            },
            $inc: { attempts: 1 },
          },
          { returnDocument: 'after', session },
        );
        if (!claimed) {
          await session.abortTransaction();
          return null;
        }
        await callsCollection(this.db).insertOne({ ...doc }, { session });
        await logDial(this.db, {
          _id: callId, phone: n.phone, task: this.def.key, numberId: n._id, at: now, by: this.owner,
          ...(this.version !== undefined ? { version: this.version } : {}), ...(reserved ? { reserved: true } : {}),
        }, session);
        await tallyInc(this.svc, this.def, { dialled: 1 }, session);
        return claimed;
      }) ?? null;
    } finally {
      await session.endSession();
    }
  }

  /** Says why the task dials nothing (the supervisor's figures show the last reason); once, not every tick. */
  private async callersResting(): Promise<void> {
    this.stopDialling = true;
    if (this.restingSaid) return;
    this.restingSaid = true;
    const text = { zh: '所有主叫号码都在被投诉后的冷却期内，暂停拨号', en: 'Every caller number is resting after a report: no dials until one is free' };
    this.svc.app.log.warn({ task: this.def.key }, text.en);
    await taskRunsCollection(this.db).updateOne({ _id: this.def.key }, { $set: { lastReason: { ...text, at: new Date(this.now()) } } });
  }

  /** A carrier event of one of this dialer's calls, in the call's work queue. */
  async event(e: CarrierEvent): Promise<void> {
    const call = this.live.get(e.callId);
    if (!call) return;
    switch (e.type) {
      case 'answered': return this.answered(e.callId, call);
      case 'busy': case 'noAnswer': return this.lineOutcome(e.callId, call, { cause: e.type });
      case 'failed': return this.lineOutcome(e.callId, call, { cause: e.reason === 'empty_number' ? 'emptyNumber' : 'failed' });
      case 'refused': return this.lineOutcome(e.callId, call, { cause: e.cause, ...(e.sipStatus ? { sipStatus: e.sipStatus } : {}) });
      case 'timer':
        if (e.name === 'task-wait' && call.stage === 'waiting') return this.abandon(e.callId, call);
        if (e.name === 'offer' && call.stage === 'offered') return this.offerTimedOut(e.callId, call);
        return;
      case 'promptDone':
        if (call.stage === 'abandoning') this.svc.table.hangup(e.callId, 'system');
        return;
      case 'hangup': return this.hungUp(e.callId, call, e.side, e.talkSec);
      default: return;
    }
  }

  private async answered(callId: string, call: LiveCall): Promise<void> {
    const now = this.now();
    call.answeredAt = now;
    call.stage = 'waiting';
    this.note(true);
    this.ringStats.add((now - call.dialledAt) / 1000);
    await this.svc.update(callId, { status: 'queued', answerAt: new Date(now), queuedAt: new Date(now), offeredTo: null });
    await tallyInc(this.svc, this.def, { answered: 1 });
    this.failedInARow = 0;
    await this.offer(callId);
    if (call.stage === 'waiting') this.svc.table.after(callId, 'task-wait', SECONDS_TO_AGENT * 1000);
  }

  /** Rings a free agent of the task (the callback's own agent, reserved before the dial); the screen pop is the lifecycle's. */
  private async offer(callId: string): Promise<void> {
    const call = this.live.get(callId);
    if (!call || call.stage !== 'waiting') return;
    let agentId: string | null = call.reserved ?? null;
    if (!agentId) {
      // The joined agents as this second's tick read them (a join or leave counts from the next tick), and who declined
      // the call only when it was offered before: the first offer of an answered call costs no read.
      const declined = call.offered ? (await this.svc.call(callId))?.declined ?? [] : [];
      agentId = await this.svc.states.claimForOffer(this.joined, callId, declined);
    }
    if (!agentId) return;
    this.svc.table.cancel(callId, 'task-wait');
    call.stage = 'offered';
    call.offered = true;
    const doc = await this.svc.update(callId, { status: 'ringing', offeredTo: agentId });
    this.svc.table.after(callId, 'offer', TASK_OFFER_SEC * 1000);
    await ring(this.svc, agentId, doc!);
  }

  private async offerTimedOut(callId: string, call: LiveCall): Promise<void> {
    const doc = await this.svc.call(callId);
    if (!doc) return;
    await withdrawOffer(this.svc, doc, { decline: true });
    call.stage = 'waiting';
    delete call.reserved;
    await this.svc.update(callId, { status: 'queued' });
    await this.offer(callId);
    // Past the 2 seconds already: no agent now means the message and goodbye.
    if (call.stage === 'waiting') await this.abandon(callId, call);
  }

  /** The 2-second rule: nobody free, so the callee hears the company's message, the line is hung up, and it counts as abandoned. */
  private async abandon(callId: string, call: LiveCall): Promise<void> {
    call.stage = 'abandoning';
    await this.svc.update(callId, { abandoned: true, status: 'queued' });
    await markAbandoned(this.db, callId);
    await tallyInc(this.svc, this.def, { abandoned: 1 });
    const text = this.def.abandonMessage ?? {};
    const label = this.def.label;
    this.svc.carrier.prompt(callId, { text: text.zh || `您好，这里是${label.zh}，稍后再与您联系，谢谢。` }, 'zh', false);
  }

  /** The line said no (busy, no answer, empty, switched off...): the call ends and the task's rule for it applies. */
  private async lineOutcome(callId: string, call: LiveCall, failure: CallFailure): Promise<void> {
    this.live.delete(callId);
    const now = new Date(this.now());
    if (call.reserved) await this.svc.states.releaseOffer(call.reserved, callId);
    const outcome: CampaignCarrierOutcome = failure.cause === 'noCodec' || failure.cause === 'noMedia' || failure.cause === 'processLost' ? 'failed' : failure.cause;
    this.note(false);
    // The record's coarse outcome as click-to-call keeps it (an empty number is `failed` there too).
    await this.svc.update(callId, { status: 'ended', failure, endAt: now, hangupBy: 'system', outcome: outcomeOfFailure(failure) });
    await applyOutcome(this.svc, this.def, { numberId: call.numberId, callId }, { outcome }, now, call.number);
    this.failedInARow = failure.cause === 'failed' ? this.failedInARow + 1 : 0;
    if (this.failedInARow >= FAILURES_BEFORE_PAUSE) {
      this.failedInARow = 0;
      await this.pause('carrier_failing', {
        zh: `线路连续 ${FAILURES_BEFORE_PAUSE} 次呼叫失败，任务已自动暂停`, en: `The line failed ${FAILURES_BEFORE_PAUSE} calls in a row: the task paused itself`,
      });
    }
  }

  private async hungUp(callId: string, call: LiveCall, side: 'caller' | 'agent' | 'system', talkSec: number): Promise<void> {
    this.live.delete(callId);
    const doc = await this.svc.call(callId);
    if (!doc) return;
    const now = new Date(this.now());
    if (doc.status === 'talking') {
      this.talkStats.add(talkSec);
      await outboundEnded(this.svc, doc, side, talkSec, now);
      await tallyInc(this.svc, this.def, { connected: 1, talkSec });
      // Finished unless the agent's disposition says otherwise (disposed() then applies its rule).
      await taskNumbersCollection(this.db).updateOne({ _id: call.numberId, state: 'dialling', lastCallId: callId }, {
        $set: { state: 'done', lastOutcome: { kind: 'carrier', key: 'answered' }, lastAgent: doc.agentId ?? undefined, updatedAt: now },
        $unset: { callbackAgent: '', dialBy: '' },
      });
      return;
    }
    // Answered but never connected: abandoned by the rule (message played) or by the callee giving up.
    if (doc.offeredTo) await withdrawOffer(this.svc, doc);
    if (call.reserved) await this.svc.states.releaseOffer(call.reserved, callId);
    // The callee gave up before the 2 seconds: abandoned now, counted with the outcome in one write.
    const gaveUp = call.stage !== 'ringing' && !doc.abandoned;
    if (gaveUp) await markAbandoned(this.db, callId);
    await this.svc.update(callId, { status: 'ended', endAt: now, hangupBy: side, ...(call.stage !== 'ringing' ? { abandoned: true } : {}) });
    await applyOutcome(this.svc, this.def, { numberId: call.numberId, callId }, { outcome: call.stage === 'ringing' ? 'failed' : 'abandoned' }, now, call.number, gaveUp ? { abandoned: 1 } : {});
  }

  private note(answered: boolean): void {
    this.recent.push(answered);
    if (this.recent.length > RECENT_DIALS) this.recent.shift();
  }
}
