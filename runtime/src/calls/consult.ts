import type { Locale } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { skillGroupsCollection } from '../flows/skill-groups.js';
import { ApiError } from '../http/errors.js';
import { usersCollection } from '../org/users.js';
import type { CallConsult, CallDoc, CallParticipant } from './call-doc.js';
import { text } from './messages.js';
import { OFFER_SEC, ring } from './queue.js';
import type { CallsService } from './service.js';

/**
 * Attended transfer and three-way conference. The call's agent consults another agent (the caller waits on
 * hold; the consulted agent's console rings with the usual `ringing` event and answers with the usual answer
 * action), then hands the caller over, goes back to the caller, or joins all three. The call keeps one
 * `agentId` (the agent who owns the call and gives its disposition); every agent who was on it is listed in
 * `participants` with join and leave times.
 *
 * TELEPHONY=sip: the same steps; the consulted agent's phone is INVITEd like any offer and the runtime's media
 * bridge follows the record (carriers/sip/sip-bridge.ts `legsChanged`: the consulted leg talks apart from the caller, a
 * conference mixes the three), for inbound and click-to-call calls alike.
 */

export type ConsultTarget = { type: 'agent' | 'group'; ref: string };
type LeftWhy = NonNullable<CallParticipant['left']>;

const notFound = (locale: Locale) => new ApiError(404, 'call_not_found', text('call_not_found', locale));

/** Anyone who is or was on the call, or whose console rings for it. */
export function involved(doc: CallDoc, userId: string): boolean {
  return doc.agentId === userId || doc.offeredTo === userId || doc.consult?.agentId === userId
    || (doc.participants ?? []).some((p) => p.agentId === userId);
}

/** Agents on the call now (joined, not left), the call's agent first. */
export function onCall(doc: CallDoc): string[] {
  const ids = (doc.participants ?? []).filter((p) => p.joinAt && !p.leftAt && p.role !== 'consult').map((p) => p.agentId);
  return [...new Set([...(doc.agentId && doc.status === 'talking' ? [doc.agentId] : []), ...ids])];
}

function copy(doc: CallDoc, now: Date): CallParticipant[] {
  const list = (doc.participants ?? []).map((p) => ({ ...p }));
  // Calls answered before participants were kept (or outbound calls): the call's agent is the first one.
  if (doc.agentId && doc.status === 'talking' && !list.some((p) => p.agentId === doc.agentId && !p.leftAt)) {
    list.push({ agentId: doc.agentId, role: 'agent', joinAt: doc.answerAt ?? now });
  }
  return list;
}

function leave(list: CallParticipant[], agentId: string, at: Date, why: LeftWhy): void {
  for (const p of list) if (p.agentId === agentId && !p.leftAt) Object.assign(p, { leftAt: at, left: why });
}

/** The agent answered the call: they join its participants. */
export function joined(doc: CallDoc, agentId: string, at: Date): CallParticipant[] {
  const list = (doc.participants ?? []).map((p) => ({ ...p }));
  list.push({ agentId, role: 'agent', joinAt: at });
  return list;
}

/** The agent's part ended (hang-up, blind transfer away). */
export function left(doc: CallDoc, agentId: string, at: Date, why: LeftWhy): CallParticipant[] {
  const list = copy(doc, at);
  leave(list, agentId, at, why);
  return list;
}

/** The call's own agent, talking, in simulated mode; someone else on it: 403; nobody on it: 404. */
async function primaryCall(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  const doc = await svc.call(callId);
  if (!doc) throw notFound(locale);
  if (doc.agentId !== user.id) {
    if (involved(doc, user.id)) throw new ApiError(403, 'not_your_call', text('not_your_call', locale));
    throw notFound(locale);
  }
  if (doc.status !== 'talking') throw new ApiError(409, 'not_talking', text('not_talking', locale));
  return doc;
}

async function pushAll(svc: CallsService, ids: (string | null | undefined)[], doc: CallDoc | null): Promise<void> {
  for (const id of new Set(ids)) await svc.pushCall(id, doc);
}

/** POST /api/calls/:id/consult: the caller goes on hold, the target agent (or a ready agent of the group) rings. */
export async function consult(svc: CallsService, user: SessionUser, callId: string, target: ConsultTarget, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await primaryCall(svc, user, callId, locale);
    if (doc.consult || doc.conference) throw new ApiError(409, 'consult_in_progress', text('consult_in_progress', locale));
    let agentId: string | null;
    if (target.type === 'agent') {
      const other = await usersCollection(svc.app.db).findOne({ _id: target.ref, disabled: { $ne: true } });
      if (!other || other._id === user.id) throw new ApiError(400, 'transfer_target', text('transfer_target', locale));
      agentId = await svc.states.claimForOffer([other._id], callId, []);
      if (!agentId) throw new ApiError(409, 'consult_agent_not_ready', text('consult_agent_not_ready', locale, { name: other.name }));
    } else {
      const group = await skillGroupsCollection(svc.app.db).findOne({ key: target.ref });
      if (!group) throw new ApiError(400, 'transfer_target', text('transfer_target', locale));
      agentId = await svc.states.claimForOffer(group.members, callId, [user.id]);
      if (!agentId) throw new ApiError(409, 'consult_group_not_ready', text('consult_group_not_ready', locale, { group: group.name[locale] ?? group.key }));
    }
    const now = svc.now();
    const participants = copy(doc, now);
    participants.push({ agentId, role: 'consult', invitedAt: now });
    svc.table.hold(callId, true);
    const updated = (await svc.update(callId, {
      held: true, participants, consult: { agentId, by: user.id, target, status: 'ringing', startAt: now },
    }))!;
    svc.table.after(callId, 'consult', OFFER_SEC * 1000);
    await ring(svc, agentId, updated);
    await svc.pushCall(user.id, updated);
    return updated;
  });
}

/** The consulted agent answers (through the ordinary answer action): they talk with the call's agent. */
export async function answerConsult(svc: CallsService, user: SessionUser, doc: CallDoc): Promise<CallDoc> {
  const c = doc.consult!;
  const now = svc.now();
  svc.table.cancel(doc._id, 'consult');
  await svc.states.releaseOffer(user.id, doc._id);
  const participants = copy(doc, now);
  for (const p of participants) if (p.agentId === user.id && p.role === 'consult' && !p.leftAt) p.joinAt = now;
  const updated = await svc.update(doc._id, { participants, consult: { ...c, status: 'talking', answerAt: now } });
  await svc.states.toKind(user.id, 'busy', doc._id);
  await pushAll(svc, [c.by, user.id], updated);
  return updated!;
}

/**
 * The consultation ends without a hand-over (cancelled by the call's agent, declined, not answered in time,
 * the consulted agent hung up): the caller is taken off hold and talks with the call's agent again.
 */
export async function endConsult(svc: CallsService, doc: CallDoc, why: LeftWhy): Promise<CallDoc> {
  const c = doc.consult!;
  const now = svc.now();
  svc.table.cancel(doc._id, 'consult');
  const participants = copy(doc, now);
  leave(participants, c.agentId, now, why);
  svc.table.hold(doc._id, false);
  const updated = await svc.update(doc._id, { participants, consult: null, held: false });
  if (await releaseConsulted(svc, doc._id, c)) await svc.pushCall(c.agentId, updated);
  await svc.pushCall(doc.agentId, updated);
  return updated!;
}

/**
 * The consulted agent is let go: a consultation still ringing stops ringing (console and phone); one they
 * answered was no conversation with the customer, so they are ready again with nothing to wrap up. true: they
 * had answered (tell their console how the call now is).
 */
async function releaseConsulted(svc: CallsService, callId: string, c: CallConsult): Promise<boolean> {
  if (c.status === 'ringing') {
    await svc.states.releaseOffer(c.agentId, callId);
    svc.events.send(c.agentId, 'offerWithdrawn', { callId });
    svc.carrier.stopRinging(callId, c.agentId);
    return false;
  }
  const ready = await svc.states.keyOfKind('ready');
  if (ready) await svc.states.set(c.agentId, ready, { callId: null });
  return true;
}

export async function cancelConsult(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await primaryCall(svc, user, callId, locale);
    if (!doc.consult) throw new ApiError(409, 'no_consult', text('no_consult', locale));
    return endConsult(svc, doc, 'cancelled');
  });
}

async function answeredConsult(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  const doc = await primaryCall(svc, user, callId, locale);
  if (!doc.consult) throw new ApiError(409, 'no_consult', text('no_consult', locale));
  if (doc.consult.status !== 'talking') throw new ApiError(409, 'consult_not_answered', text('consult_not_answered', locale));
  return doc;
}

/** The caller goes to the consulted agent, who now owns the call; the call's agent goes to after-call work. */
export async function handOver(svc: CallsService, doc: CallDoc): Promise<CallDoc> {
  const c = doc.consult!;
  const from = doc.agentId!;
  const now = svc.now();
  const participants = copy(doc, now);
  leave(participants, from, now, 'transferred');
  for (const p of participants) if (p.agentId === c.agentId && !p.leftAt) p.role = 'agent';
  svc.table.cancel(doc._id, 'consult');
  svc.table.hold(doc._id, false);
  const updated = await svc.update(doc._id, {
    agentId: c.agentId, consult: null, held: false, muted: false, participants,
    transfers: [...(doc.transfers ?? []), { kind: 'attended', from, to: c.agentId, startAt: c.startAt, ...(c.answerAt ? { answerAt: c.answerAt } : {}), at: now }],
  });
  await svc.states.toKind(from, 'wrapup', doc._id);
  await pushAll(svc, [from, c.agentId], updated);
  return updated!;
}

export async function completeTransfer(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => handOver(svc, await answeredConsult(svc, user, callId, locale)));
}

/** All three talk: the consulted agent becomes a conference participant, the caller comes off hold. */
export async function conference(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await answeredConsult(svc, user, callId, locale);
    const c = doc.consult!;
    const participants = copy(doc, svc.now());
    for (const p of participants) if (p.agentId === c.agentId && !p.leftAt) p.role = 'conference';
    svc.table.cancel(callId, 'consult');
    svc.table.hold(callId, false);
    const updated = await svc.update(callId, { consult: null, conference: true, held: false, participants });
    await pushAll(svc, [user.id, c.agentId], updated);
    return updated!;
  });
}

/**
 * An agent leaves a conference while others stay with the caller: they go to after-call work. When the call's
 * agent leaves, the longest-present remaining agent owns the call. With one agent left it is an ordinary call.
 */
export async function leaveConference(svc: CallsService, doc: CallDoc, userId: string): Promise<CallDoc> {
  const now = svc.now();
  const remaining = onCall(doc).filter((id) => id !== userId);
  const participants = copy(doc, now);
  leave(participants, userId, now, 'hangup');
  const owner = doc.agentId === userId ? remaining[0]! : doc.agentId!;
  for (const p of participants) if (p.agentId === owner && !p.leftAt) p.role = 'agent';
  const updated = await svc.update(doc._id, { agentId: owner, conference: remaining.length > 1, participants });
  await svc.states.toKind(userId, 'wrapup', doc._id);
  await pushAll(svc, [userId, ...remaining], updated);
  return updated!;
}

/**
 * The caller hung up (or the call otherwise ended) during a consultation or conference: a consultation still
 * ringing is taken back, the consulted agent is ready again, conference members other than the call's agent
 * go to after-call work. Returns the fields to store with the call's end and the agents to tell.
 */
export async function endOtherLegs(svc: CallsService, doc: CallDoc, at: Date): Promise<{ set: Partial<CallDoc>; notify: string[] }> {
  if (!doc.participants?.length && !doc.consult) return { set: {}, notify: [] };
  const participants = copy(doc, at);
  const notify: string[] = [];
  const c = doc.consult;
  if (c) {
    svc.table.cancel(doc._id, 'consult');
    if (await releaseConsulted(svc, doc._id, c)) notify.push(c.agentId);
  }
  for (const id of onCall(doc)) {
    if (id === doc.agentId) continue;
    await svc.states.toKind(id, 'wrapup', doc._id);
    notify.push(id);
  }
  for (const p of participants) if (!p.leftAt) Object.assign(p, { leftAt: at, left: 'caller' as const });
  return { set: { participants, consult: null, conference: false, held: false }, notify };
}
