import type { CampaignDefinition, Locale, SessionUser, WallboardAgentJson, WallboardJson, WallboardQueueJson, WallboardTaskJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { callsCollection, type CallDoc } from '../calls/call-doc.js';
import { callsJson, callReader } from '../calls/call-json.js';
import { monitorsOn } from '../calls/monitor.js';
import { skillGroupsCollection } from '../flows/skill-groups.js';
import { ApiError } from '../http/errors.js';
import { startOfLocalDay } from '../ownership/agent-status.js';
import { usersInTeamTree } from '../org/teams.js';
import { usersCollection } from '../org/users.js';
import { accessReader } from '../outbound/task-access.js';
import { figuresOf } from '../outbound/task-figures.js';
import { callDurationSec, longestWaitSec, secondsSince, serviceLevel } from './metrics.js';
import { text } from './messages.js';

/** Whose agents a viewer's wallboard shows: null = everyone (an admin's data scope). */
export type WallboardScope = string[] | null;

/** Supervisors see their team tree, admins everyone; an agent (data scope own) has no wallboard. */
export async function wallboardScope(app: FastifyInstance, user: SessionUser, locale: Locale): Promise<WallboardScope> {
  const scope = (await app.permissions.of(user)).role?.dataScope ?? 'own';
  if (scope === 'all') return null;
  if (scope === 'team' && user.teamId) return [...new Set([user.id, ...(await usersInTeamTree(app.db, user.teamId))])];
  throw new ApiError(403, 'forbidden_wallboard', text('forbidden_wallboard', locale));
}

/**
 * The wallboard as one viewer may see it, read from the database (agents' states, live calls, queues, task runs),
 * so every runtime process answers the same. Numbers of current calls go out through the calls' JSON builder:
 * masked exactly as the calls list masks them for this viewer.
 */
export async function wallboardOf(app: FastifyInstance, user: SessionUser, scope: WallboardScope): Promise<WallboardJson> {
  const now = app.calls.clock.now();
  const [agents, queues, tasks] = await Promise.all([agentsOf(app, user, scope, now), queuesOf(app, scope, now), tasksOf(app, user, now)]);
  return { at: new Date(now).toISOString(), agents, queues, tasks };
}

async function agentsOf(app: FastifyInstance, user: SessionUser, scope: WallboardScope, now: number): Promise<WallboardAgentJson[]> {
  const users = await usersCollection(app.db)
    .find({ ...(scope ? { _id: { $in: scope } } : {}), disabled: { $ne: true } }, { projection: { _id: 1, name: 1 } })
    .sort({ name: 1 }).toArray();
  const ids = users.map((u) => u._id);
  const [states, definitions] = await Promise.all([app.calls.states.docs.find({ _id: { $in: ids } }).toArray(), app.calls.states.definitions()]);
  const stateOf = new Map(states.map((s) => [s._id, s]));
  const callIds = states.flatMap((s) => (s.callId ? [s.callId] : []));
  const live = callIds.length
    ? await callsCollection(app.db).find({ _id: { $in: callIds }, status: { $in: ['ringing', 'talking'] }, endAt: { $exists: false } }).toArray()
    : [];
  const json = new Map((await callsJson(app, await callReader(app, user), live)).map((c) => [c.id, c]));
  const docs = new Map(live.map((d) => [d._id, d]));
  return users.map((u) => {
    const s = stateOf.get(u._id);
    const label = definitions.find((d) => d.key === s?.state)?.label ?? null;
    const doc = s?.callId ? docs.get(s.callId) : undefined;
    const call = doc ? json.get(doc._id) : undefined;
    return {
      id: u._id, name: u.name, state: s?.state ?? null, stateLabel: label, kind: s?.kind ?? null,
      since: s?.since?.toISOString() ?? null, inStateSec: secondsSince(s?.since, now),
      call: doc && call ? {
        id: doc._id, direction: doc.direction, status: doc.status, customer: doc.direction === 'in' ? call.from : call.to,
        ...(doc.answerAt ? { answerAt: doc.answerAt.toISOString() } : {}), durationSec: callDurationSec(doc, now), monitoredBy: monitorsOn(doc),
      } : null,
    };
  });
}

/** The skill groups with a member in the viewer's scope: callers waiting now, the longest wait, today's service level. */
async function queuesOf(app: FastifyInstance, scope: WallboardScope, now: number): Promise<WallboardQueueJson[]> {
  const groups = await skillGroupsCollection(app.db).find(scope ? { members: { $in: scope } } : {}).sort({ key: 1 }).toArray();
  if (!groups.length) return [];
  const keys = groups.map((g) => g.key);
  const since = startOfLocalDay(new Date(now), app.ownership.timeZone);
  const calls = callsCollection(app.db);
  // Waiting: queued, or ringing an agent's console while still in the queue (no agent has it yet).
  const [waiting, today] = await Promise.all([
    calls.find({ status: { $in: ['queued', 'ringing'] }, queue: { $in: keys }, direction: 'in', agentId: null, endAt: { $exists: false } }, { projection: { queue: 1, queuedAt: 1 } }).toArray(),
    calls.find({ ringAt: { $gte: since }, queue: { $in: keys }, queuedAt: { $ne: null } }, { projection: { queue: 1, queuedAt: 1, answerAt: 1 } }).toArray(),
  ]);
  const of = (docs: Pick<CallDoc, 'queue' | 'queuedAt' | 'answerAt'>[], key: string) => docs.filter((d) => d.queue === key && d.queuedAt);
  return groups.map((g) => {
    const w = of(waiting, g.key);
    return {
      key: g.key, name: g.name, waiting: w.length, longestWaitSec: longestWaitSec(w.map((d) => d.queuedAt!), now),
      serviceLevel: serviceLevel(of(today, g.key).map((d) => ({ queuedAt: d.queuedAt!, answerAt: d.answerAt ?? null }))),
    };
  });
}

/** Running outbound tasks the viewer manages or belongs to, with the tasks page's own figures (task-figures.ts). */
async function tasksOf(app: FastifyInstance, user: SessionUser, now: number): Promise<WallboardTaskJson[]> {
  const access = await accessReader(app, user);
  const out: WallboardTaskJson[] = [];
  for (const def of (await app.outbound.published()) as CampaignDefinition[]) {
    const a = access(def);
    if (!a.manage && !a.member) continue;
    const run = await app.outbound.runOf(def.key);
    if (run.status !== 'running') continue;
    const f = await figuresOf(app, def, run, now);
    out.push({
      key: def.key, label: def.label, dialMode: def.dialMode, dialLevel: f.dialLevel,
      reason: f.lastReason ? { zh: f.lastReason.zh, en: f.lastReason.en } : null, linesInUse: f.linesInUse,
      abandonPctToday: f.today.abandonPct, answeredToday: f.today.answered, abandonedToday: f.today.abandoned,
    });
  }
  return out;
}
