import type { RecordJson } from '@telesales/schemas';
import { skillGroupsCollection } from '../flows/skill-groups.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import { callJson, callReader } from './call-json.js';
import type { CallsService } from './service.js';
import type { SessionUser } from '../auth/sessions.js';

/** How long a call rings on one agent's console before it is offered to the next. */
export const OFFER_SEC = 20;

/** Offers the group's waiting calls, oldest first, to its ready agents, each by the process holding the call. */
export function dispatch(svc: CallsService, group: string): void {
  svc.track((async () => {
    const waiting = await callsCollection(svc.app.db)
      .find({ status: 'queued', queue: group, offeredTo: null }, { projection: { _id: 1 } })
      .sort({ queuedAt: 1 }).limit(50).toArray();
    for (const { _id } of waiting) svc.owners.offer(_id);
  })());
}

/** Every group the agent belongs to gets a chance to offer them a waiting call (they just became ready). */
export async function dispatchFor(svc: CallsService, userId: string): Promise<void> {
  const groups = await skillGroupsCollection(svc.app.db).find({ members: userId }, { projection: { key: 1 } }).toArray();
  for (const g of groups) dispatch(svc, g.key);
}

/** Inside the call's work queue: rings the longest-ready agent of its group, if the call still waits. */
export async function tryOffer(svc: CallsService, callId: string): Promise<void> {
  const doc = await svc.call(callId);
  if (!doc || doc.status !== 'queued' || doc.offeredTo || !doc.queue) return;
  const group = await skillGroupsCollection(svc.app.db).findOne({ key: doc.queue });
  if (!group) return;
  const agentId = await svc.states.claimForOffer(group.members, callId, doc.declined ?? []);
  if (!agentId) return;
  const offered = await svc.update(callId, { status: 'ringing', offeredTo: agentId });
  svc.table.after(callId, 'offer', OFFER_SEC * 1000);
  await ring(svc, agentId, offered!);
}

/** The screen pop: the call and the caller's customer as this agent may see them. */
export async function ring(svc: CallsService, agentId: string, doc: CallDoc): Promise<void> {
  const user = await svc.user(agentId);
  if (!user) return;
  const call = await callJson(svc.app, await callReader(svc.app, user), doc);
  svc.events.send(agentId, 'ringing', { call, customer: await customerCard(svc, user, doc), entity: doc.phoneEntity });
  svc.carrier.ring(doc._id, agentId); // a SIP carrier rings the agent's phone too
}

/** The customer's record through the agent's own permissions; null when unknown or outside what they may see. */
export async function customerCard(svc: CallsService, user: SessionUser, doc: CallDoc): Promise<RecordJson | null> {
  if (!doc.customer) return null;
  try {
    const ctx = await svc.app.records.contextFor(user, user.locale, doc.customer.entity, 'read');
    const record = await svc.app.records.findVisible(ctx, doc.customer.id);
    return record ? await svc.app.records.jsonOne(ctx, record) : null;
  } catch {
    return null; // no permission on the entity: the agent gets the new-lead form
  }
}

/** Takes an offer back (caller gone, answered elsewhere, ring time over); the call waits again if still queued. */
export async function withdrawOffer(svc: CallsService, doc: CallDoc, opts: { decline?: boolean } = {}): Promise<CallDoc | null> {
  const agentId = doc.offeredTo;
  if (!agentId) return doc;
  svc.table.cancel(doc._id, 'offer');
  await svc.states.releaseOffer(agentId, doc._id);
  const updated = await svc.update(doc._id, {
    offeredTo: null,
    ...(doc.status === 'ringing' ? { status: 'queued' as const } : {}),
    ...(opts.decline ? { declined: [...(doc.declined ?? []), agentId] } : {}),
  });
  svc.events.send(agentId, 'offerWithdrawn', { callId: doc._id });
  svc.carrier.stopRinging(doc._id, agentId);
  return updated;
}

/** Nobody picked up in time: the next ready agent gets it. */
export async function offerTimedOut(svc: CallsService, callId: string): Promise<void> {
  const doc = await svc.call(callId);
  if (!doc || doc.status !== 'ringing' || !doc.offeredTo) return;
  await withdrawOffer(svc, doc, { decline: true });
  await tryOffer(svc, callId);
}

/**
 * Re-offers a call answered by one agent and handed to another agent or group (blind transfer). Meanwhile the
 * caller hears the queue's hold audio (TELEPHONY=sip: the built-in hold tones, and their position in a group).
 */
export async function requeue(svc: CallsService, callId: string, group: string | null, agentId: string | null): Promise<boolean> {
  if (agentId) {
    const claimed = await svc.states.claimForOffer([agentId], callId, []);
    if (!claimed) return false;
    const offered = await svc.update(callId, { status: 'ringing', offeredTo: agentId, agentId: null, queuedAt: svc.now(), declined: [] });
    svc.table.after(callId, 'offer', OFFER_SEC * 1000);
    svc.carrier.queueWait(callId, { skillGroup: offered!.queue ?? '' });
    await ring(svc, agentId, offered!);
    return true;
  }
  if (!group || !(await skillGroupsCollection(svc.app.db).findOne({ key: group }))) return false;
  await svc.update(callId, { status: 'queued', queue: group, offeredTo: null, agentId: null, queuedAt: svc.now(), declined: [] });
  svc.carrier.queueWait(callId, { skillGroup: group, announcePositionSec: TRANSFER_ANNOUNCE_SEC });
  await tryOffer(svc, callId);
  return true;
}

/** A caller transferred to a group hears their position this often (the flow's queue node is not involved). */
const TRANSFER_ANNOUNCE_SEC = 30;
