import type { Locale } from '@telesales/schemas';
import type { Filter } from 'mongodb';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import type { AgentStateDoc } from './agent-states.js';
import type { CallDoc } from './call-doc.js';
import { publishedDispositions } from './call-definitions.js';
import { callJson, callReader } from './call-json.js';
import { text } from './messages.js';
import { customerCard } from './queue.js';
import type { CallsService } from './service.js';

/**
 * A call's outcome is never lost. Once a dispositions definition is published, every call that ends with an
 * agent awaits its outcome from that agent: while it does, the agent cannot dial, take an offer (they stay in
 * after-call work, and only ready agents are offered calls) or choose another state by hand, as call centres
 * force the disposition. The one way out without an outcome is the wrap-up state's maxSec: the call is then
 * recorded by rule as "no outcome given" (`outcomeMissing`, shown in every list), the agent is ready again,
 * and can still give the real outcome later (which removes the mark). Supervisors list such calls with
 * `GET /api/calls?noOutcome=true`.
 */

/** The agent's part is over and no outcome is recorded, by them or by rule. */
function awaitsOutcome(doc: CallDoc, userId: string): boolean {
  return doc.agentId === userId && !doc.disposition && !doc.outcomeMissing && (doc.status === 'wrapup' || doc.status === 'ended');
}

/** What the caller read already: the agent's state, and the call it names (null: none, or not busy/wrap-up). */
export interface KnownState {
  state: AgentStateDoc;
  call: CallDoc | null;
}

/** The call of the agent's after-call work when it still awaits its outcome (none without published outcomes). */
export async function owedOutcome(svc: CallsService, userId: string, known?: KnownState): Promise<CallDoc | null> {
  const state = known?.state ?? await svc.states.get(userId);
  // `busy` too: agent states without a wrap-up state leave the agent busy with the ended call.
  if (!state.callId || (state.kind !== 'wrapup' && state.kind !== 'busy')) return null;
  const doc = known ? known.call : await svc.call(state.callId);
  if (!doc || !awaitsOutcome(doc, userId) || !(await publishedDispositions(svc.app))) return null;
  return doc;
}

/** 409 while the agent owes an outcome, naming the call's party as this agent may see them; `callId` says which call. */
export async function refuseWhileOutcomeOwed(svc: CallsService, user: SessionUser, locale: Locale, known?: KnownState): Promise<void> {
  const doc = await owedOutcome(svc, user.id, known);
  if (!doc) return;
  const party = await partyOf(svc, user, doc);
  throw new ApiError(409, 'outcome_required', text('outcome_required', locale, { party }), undefined, { callId: doc._id });
}

/** The customer's name (through the agent's own permissions) and the number as the agent sees it (masked or not). */
async function partyOf(svc: CallsService, user: SessionUser, doc: CallDoc): Promise<string> {
  const json = await callJson(svc.app, await callReader(svc.app, user), doc);
  const number = json.direction === 'in' ? json.from : json.to;
  const card = await customerCard(svc, user, doc);
  const entity = card && doc.customer ? await svc.app.definitions.getPublishedEntity(doc.customer.entity) : null;
  const key = entity ? (entity.titleField ?? entity.fields.find((f) => f.type === 'text' && !f.retired)?.key) : undefined;
  const name = key ? card?.values[key] : undefined;
  return typeof name === 'string' && name ? `${name} (${number})` : number;
}

/** The wrap-up state's maxSec ran out: the call the agent still owed an outcome for is recorded as "no outcome given". */
export async function recordNoOutcome(svc: CallsService, userId: string, callId: string | null): Promise<void> {
  if (!callId) return;
  // In the call's work queue, so a disposition arriving at the same moment is either before (nothing to mark) or after (clears it).
  await svc.run(callId, async () => {
    const doc = await svc.call(callId);
    if (!doc || !awaitsOutcome(doc, userId) || !(await publishedDispositions(svc.app))) return;
    // Ended: nobody is working on it any more; the mark, not the status, says an outcome is missing. The
    // condition holds across processes too (another runtime may have taken the outcome a moment ago).
    const updated = await svc.update(callId, { status: 'ended', outcomeMissing: { at: svc.now() } }, [], { disposition: { $exists: false } });
    if (updated) await svc.pushCall(userId, updated);
  });
}

/** Calls an agent took part in that have no outcome (yet, or by rule): for supervisors chasing them. */
export const noOutcomeFilter: Filter<CallDoc> = { agentId: { $ne: null }, disposition: { $exists: false }, status: { $in: ['wrapup', 'ended'] } };
