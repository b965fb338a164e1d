import type { Locale } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { usersCollection } from '../org/users.js';
import type { CallDoc } from './call-doc.js';
import { publishedDispositions } from './call-definitions.js';
import { applyContactPlan } from './contact-plan.js';
import { answerConsult, endConsult, handOver, joined, leaveConference, left, onCall } from './consult.js';
import { feedFlow } from './inbound.js';
import { text } from './messages.js';
import { requeue, tryOffer, withdrawOffer } from './queue.js';
import type { CallsService } from './service.js';

export type Control = 'answer' | 'hangup' | 'hold' | 'unhold' | 'mute' | 'unmute';

const notFound = (locale: Locale) => new ApiError(404, 'call_not_found', text('call_not_found', locale));

/** The call as its agent (or the agent it rings for, the consulted agent, a conference member) may act on it; anyone else: not found. */
async function ownCall(svc: CallsService, user: SessionUser, callId: string, locale: Locale): Promise<CallDoc> {
  const doc = await svc.call(callId);
  if (!doc || (doc.agentId !== user.id && doc.offeredTo !== user.id && doc.consult?.agentId !== user.id && !onCall(doc).includes(user.id))) {
    throw notFound(locale);
  }
  return doc;
}


/**
 * The phone controls of the console. TELEPHONY=sip too: hold and mute act on the runtime's media bridge (no
 * re-INVITE), which follows the call record (`Carrier.legsChanged`).
 */
export async function control(svc: CallsService, user: SessionUser, callId: string, action: Control, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await ownCall(svc, user, callId, locale);
    switch (action) {
      case 'answer': return answer(svc, user, doc, locale);
      case 'hangup': return hangup(svc, user, doc);
      default: {
        if (doc.status !== 'talking' || doc.agentId !== user.id) throw new ApiError(409, 'not_talking', text('not_talking', locale));
        // During a consultation the caller's hold belongs to it (cancel-consult takes the caller back).
        if (doc.consult && (action === 'hold' || action === 'unhold')) throw new ApiError(409, 'consult_in_progress', text('consult_in_progress', locale));
        const on = action === 'hold' || action === 'mute';
        if (action === 'hold' || action === 'unhold') svc.table.hold(callId, on);
        else svc.table.mute(callId, on);
        const updated = await svc.update(callId, action === 'hold' || action === 'unhold' ? { held: on } : { muted: on });
        await svc.pushCall(user.id, updated, user);
        return updated!;
      }
    }
  });
}

async function answer(svc: CallsService, user: SessionUser, doc: CallDoc, locale: Locale): Promise<CallDoc> {
  if (doc.consult?.agentId === user.id) {
    if (doc.consult.status !== 'ringing') throw new ApiError(409, 'not_ringing', text('not_ringing', locale));
    return answerConsult(svc, user, doc);
  }
  if (doc.status !== 'ringing' || doc.offeredTo !== user.id) throw new ApiError(409, 'not_ringing', text('not_ringing', locale));
  svc.table.cancel(doc._id, 'offer');
  svc.table.cancel(doc._id, 'queue');
  await svc.states.releaseOffer(user.id, doc._id);
  const now = svc.now();
  const updated = await svc.update(doc._id, {
    status: 'talking', agentId: user.id, offeredTo: null, answerAt: doc.answerAt ?? now, participants: joined(doc, user.id, now),
  });
  svc.table.connect(doc._id);
  await svc.states.toKind(user.id, 'busy', doc._id);
  await feedFlow(svc, doc._id, { type: 'agentAnswered', agentId: user.id, at: now.toISOString() });
  await svc.pushCall(user.id, updated, user);
  return (await svc.call(doc._id))!;
}

/**
 * Hanging up: a call still ringing on the console is declined (offered to the next agent); an inbound call
 * goes back to its flow (a survey) while the agent wraps up; an outbound call ends.
 */
async function hangup(svc: CallsService, user: SessionUser, doc: CallDoc): Promise<CallDoc> {
  // The consulted agent declines or ends the consultation: the call's agent has the caller back.
  if (doc.consult?.agentId === user.id) return endConsult(svc, doc, doc.consult.status === 'ringing' ? 'declined' : 'hangup');
  if (doc.consult && doc.agentId === user.id) {
    // Hanging up while the consulted agent is on the line hands the caller over (as desk phones do);
    // while it still rings, the consultation is cancelled and the call ends for this agent as usual.
    if (doc.consult.status === 'talking') return handOver(svc, doc);
    doc = await endConsult(svc, doc, 'cancelled');
  }
  if (doc.status === 'talking' && onCall(doc).length > 1 && onCall(doc).includes(user.id)) return leaveConference(svc, doc, user.id);
  if (doc.status === 'ringing' && doc.direction === 'in' && doc.offeredTo === user.id) {
    await withdrawOffer(svc, doc, { decline: true });
    svc.later(doc._id, () => tryOffer(svc, doc._id));
    return (await svc.call(doc._id))!;
  }
  if (doc.agentId !== user.id || (doc.status !== 'talking' && doc.status !== 'ringing')) return doc;
  if (doc.direction === 'out') {
    svc.table.hangup(doc._id, 'agent');
    return doc; // the carrier's hang-up event moves the call to wrap-up, next in this call's queue
  }
  await endAgentLeg(svc, doc);
  return (await svc.call(doc._id))!;
}

/** The agent hangs up an inbound call: talk time stops, wrap-up starts, the caller goes on in the flow. */
async function endAgentLeg(svc: CallsService, doc: CallDoc): Promise<void> {
  const talkSec = svc.table.disconnectAgent(doc._id);
  const now = svc.now();
  const updated = await svc.update(doc._id, {
    status: 'wrapup', agentEndAt: now, talkSec: doc.talkSec + talkSec, hangupBy: 'agent', conference: false,
    ...(doc.agentId ? { participants: left(doc, doc.agentId, now, 'hangup') } : {}),
  });
  if (doc.agentId) await svc.states.toKind(doc.agentId, 'wrapup', doc._id);
  await svc.pushCall(doc.agentId, updated);
  await feedFlow(svc, doc._id, { type: 'agentLegEnded', at: now.toISOString() });
}

export async function sendDtmf(svc: CallsService, user: SessionUser, callId: string, digits: string, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await ownCall(svc, user, callId, locale);
    if (doc.status !== 'talking' || doc.agentId !== user.id) throw new ApiError(409, 'not_talking', text('not_talking', locale));
    svc.table.sendDtmf(callId, digits);
    return doc;
  });
}

/** Blind transfer of an inbound call to another agent (who must be ready) or a skill group. */
export async function transfer(svc: CallsService, user: SessionUser, callId: string, target: { type: 'agent' | 'group'; ref: string }, locale: Locale): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await ownCall(svc, user, callId, locale);
    if (doc.status !== 'talking' || doc.agentId !== user.id || doc.direction !== 'in') throw new ApiError(409, 'not_talking', text('not_talking', locale));
    if (doc.consult || doc.conference) throw new ApiError(409, 'consult_in_progress', text('consult_in_progress', locale));
    if (target.type === 'agent' && (target.ref === user.id || !(await usersCollection(svc.app.db).findOne({ _id: target.ref, disabled: { $ne: true } })))) {
      throw new ApiError(400, 'transfer_target', text('transfer_target', locale));
    }
    const talkSec = svc.table.disconnectAgent(callId);
    const at = svc.now();
    await svc.update(callId, { talkSec: doc.talkSec + talkSec, agentEndAt: at });
    const ok = await requeue(svc, callId, target.type === 'group' ? target.ref : null, target.type === 'agent' ? target.ref : null);
    if (!ok) {
      svc.table.connect(callId); // nobody to take it: the caller stays with this agent
      await svc.update(callId, { status: 'talking', agentId: user.id });
      throw new ApiError(409, 'transfer_target', text('transfer_target', locale));
    }
    // The caller went to someone else: this agent wraps up their part (the disposition stays theirs to give).
    await svc.update(callId, {
      participants: left(doc, user.id, at, 'transferred'),
      transfers: [...(doc.transfers ?? []), { kind: 'blind', from: user.id, to: target.ref, startAt: at, at }],
    });
    await svc.states.toKind(user.id, 'wrapup', null);
    return (await svc.call(callId))!;
  });
}

/**
 * The agent tags the call in after-call work. The published outcome decides what else it needs: a note,
 * the time of the next contact; an outcome that marks the number invalid is recorded with the call.
 */
export async function dispose(
  svc: CallsService, user: SessionUser, callId: string, input: { key: string; note?: string; contactAt?: string }, locale: Locale,
): Promise<CallDoc> {
  return svc.run(callId, async () => {
    const doc = await svc.call(callId);
    if (!doc || doc.agentId !== user.id) throw notFound(locale);
    if (doc.disposition) throw new ApiError(409, 'already_disposed', text('already_disposed', locale));
    if (doc.status !== 'wrapup' && doc.status !== 'ended') throw new ApiError(409, 'not_in_wrapup', text('not_in_wrapup', locale));
    const outcomes = await publishedDispositions(svc.app);
    if (!outcomes) throw new ApiError(409, 'no_dispositions', text('no_dispositions', locale));
    const outcome = outcomes.outcomes.find((o) => o.key === input.key);
    if (!outcome) {
      throw new ApiError(400, 'unknown_disposition', text('unknown_disposition', locale, { key: input.key }), [
        { path: '/key', code: 'unknown_disposition', message: text('unknown_disposition', locale, { key: input.key }) },
      ]);
    }
    const label = outcome.label[locale] ?? outcome.key;
    const note = input.note?.trim() || undefined;
    if (outcome.requiresNote && !note) {
      throw new ApiError(400, 'note_required', text('note_required', locale, { label }), [{ path: '/note', code: 'required', message: text('note_required', locale, { label }) }]);
    }
    if (outcome.asksContactPlan && !input.contactAt) {
      throw new ApiError(400, 'contact_required', text('contact_required', locale, { label }), [{ path: '/contactAt', code: 'required', message: text('contact_required', locale, { label }) }]);
    }
    // Given late (after the wrap-up time ran out), the real outcome replaces the "no outcome given" mark.
    const updated = await svc.update(callId, {
      status: 'ended',
      disposition: {
        key: outcome.key, ...(note ? { note } : {}), ...(input.contactAt ? { contactAt: new Date(input.contactAt) } : {}),
        ...(outcome.marksInvalid ? { invalidNumber: true } : {}), by: user.id, at: svc.now(),
      },
    }, doc.outcomeMissing ? ['outcomeMissing'] : []);
    await applyContactPlan(svc, user, locale, doc, outcome, input.contactAt);
    if (updated?.task) await svc.taskCalls?.disposed(updated);
    // After-call work for this call is done: ready for the next one.
    const state = await svc.states.get(user.id);
    if (state.kind === 'wrapup' && (state.callId === callId || state.callId === null)) {
      const ready = await svc.states.keyOfKind('ready');
      if (ready) await svc.states.set(user.id, ready, { callId: null, before: state });
    }
    await svc.pushCall(user.id, updated, user);
    return updated!;
  });
}
