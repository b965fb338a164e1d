import type { CampaignDefinition, TaskFiguresJson, TaskPacingJson, TaskSummaryJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { callsCollection } from '../calls/call-doc.js';
import { taskNumbersCollection } from './number-doc.js';
import { localDayOf } from './number-updates.js';
import type { DayTally, TaskRunDoc } from './task-doc.js';

const PACING_KEYS = ['maxConcurrent', 'ratio', 'maxLinesPerAgent', 'abandonTarget'] as const;

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The pacing settings in force (published, with the live override on top) and which of them were changed live. */
export function pacingOf(def: CampaignDefinition, run: TaskRunDoc): { pacing: TaskPacingJson; overridden: string[] } {
  const pacing: TaskPacingJson = { maxConcurrent: def.maxConcurrent, abandonTarget: def.abandonTarget ?? 3, maxLinesPerAgent: def.maxLinesPerAgent ?? 3, ...(def.ratio ? { ratio: def.ratio } : {}) };
  const overridden: string[] = [];
  for (const k of PACING_KEYS) {
    const v = run.pacing?.[k];
    if (v !== undefined) { pacing[k] = v; overridden.push(k); }
  }
  return { pacing, overridden };
}

/**
 * A task's live figures, read from the database (the run's tallies, the numbers, the calls up, the joined agents'
 * states), so any process answers the same whichever one holds the dialer.
 */
export async function figuresOf(app: FastifyInstance, def: CampaignDefinition, run: TaskRunDoc, now: number): Promise<TaskFiguresJson> {
  const tally = run.tally ?? {};
  const today: DayTally = tally[localDayOf(now, def)] ?? {};
  const since = localDayOf(now - (def.abandonWindowDays ?? 30) * 86_400_000, def);
  const window = Object.entries(tally).filter(([day]) => day > since).map(([, t]) => t);
  const sum = (k: 'answered' | 'abandoned') => window.reduce((n, t) => n + (t[k] ?? 0), 0);
  const [byState, dialled, lines, states] = await Promise.all([
    taskNumbersCollection(app.db).aggregate<{ _id: string; n: number }>([{ $match: { task: def.key } }, { $group: { _id: '$state', n: { $sum: 1 } } }]).toArray(),
    taskNumbersCollection(app.db).countDocuments({ task: def.key, attempts: { $gt: 0 } }),
    callsCollection(app.db).countDocuments({ 'task.key': def.key, status: { $in: ['ringing', 'queued', 'talking'] } }),
    run.joined.length ? app.calls.states.docs.find({ _id: { $in: run.joined } }).toArray() : Promise.resolve([]),
  ]);
  const n = (s: string) => byState.find((b) => b._id === s)?.n ?? 0;
  const answered = today.answered ?? 0;
  return {
    dialLevel: run.dialLevel ?? null,
    // Its age by the runtime's clock beside it: the reason names the figures of its own moment, not today's.
    lastReason: run.lastReason ? {
      zh: run.lastReason.zh, en: run.lastReason.en, at: run.lastReason.at.toISOString(), ageSec: Math.max(0, Math.round((now - run.lastReason.at.getTime()) / 1000)),
    } : null,
    linesInUse: lines,
    agents: {
      joined: run.joined.length,
      ready: states.filter((s) => s.kind === 'ready').length,
      talking: states.filter((s) => s.kind === 'busy').length,
      wrapUp: states.filter((s) => s.kind === 'wrapup').length,
    },
    today: {
      dialled: today.dialled ?? 0, answered, abandoned: today.abandoned ?? 0, connected: today.connected ?? 0,
      answeredPct: pct(answered, today.dialled ?? 0), abandonPct: pct(today.abandoned ?? 0, answered),
    },
    abandonPct30Days: pct(sum('abandoned'), sum('answered')),
    numbers: { total: byState.reduce((t, b) => t + b.n, 0), left: n('fresh') + n('scheduled'), dialled, done: n('done'), dnc: n('dnc') },
    outcomes: { ...(today.outcomes ?? {}) },
  };
}

/** The task's numbers in all and left to dial: the progress every reader of the task may see. */
export async function progressOf(app: FastifyInstance, def: CampaignDefinition): Promise<TaskSummaryJson['progress']> {
  const [row] = await taskNumbersCollection(app.db).aggregate<{ total: number; left: number }>([
    { $match: { task: def.key } },
    { $group: { _id: null, total: { $sum: 1 }, left: { $sum: { $cond: [{ $in: ['$state', ['fresh', 'scheduled']] }, 1, 0] } } } },
  ]).toArray();
  return { total: row?.total ?? 0, left: row?.left ?? 0 };
}

/**
 * An agent's own figures in the task today (the task's day): the calls they talked on and their talk time, from the
 * call records. What an agent is answered instead of the supervisor's figures, which show every agent's work.
 */
export async function mineOf(app: FastifyInstance, def: CampaignDefinition, userId: string, now: number): Promise<NonNullable<TaskSummaryJson['mine']>> {
  const today = localDayOf(now, def);
  // A local day is at most 26 h of UTC back: read those, keep the ones of today's local date.
  const calls = await callsCollection(app.db)
    .find({ 'task.key': def.key, agentId: userId, ringAt: { $gte: new Date(now - 26 * 3_600_000) } }, { projection: { ringAt: 1, talkSec: 1 } })
    .toArray();
  const mine = calls.filter((c) => localDayOf(c.ringAt.getTime(), def) === today);
  return { calls: mine.length, talkSec: Math.round(mine.reduce((t, c) => t + (c.talkSec ?? 0), 0)) };
}
