import { randomUUID } from 'node:crypto';
import type { Locale } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import { refuseWhileOutcomeOwed } from './outcome.js';
import type { CallsService } from './service.js';

/** Whom an outbound call goes to, as the server decided it (a record's phone, or a typed number it checked). */
export interface OutboundTarget {
  /** The number as stored (E.164 when it parses); it stays on the server. */
  to: string;
  /** The entity whose phone field masks the number for readers. */
  phoneEntity: string;
  customer: { entity: string; id: string } | null;
}

/**
 * The one way an agent's outbound call starts, whoever chose the number (click-to-call, the dial pad): the call
 * record, a single-use token the browser dials instead of the number, the agent busy with the call. The carrier
 * places it by the token (simulated: the network dials it and looks the number up itself; SIP: the agent's phone
 * dials it).
 */
export async function placeOutbound(svc: CallsService, user: SessionUser, locale: Locale, target: OutboundTarget) {
  // The last call's outcome first: a new call would leave it without one (outcome.ts).
  await refuseWhileOutcomeOwed(svc, user, locale);
  const now = svc.now();
  const doc: CallDoc = {
    _id: randomUUID(), direction: 'out', from: user.login, to: target.to, phoneEntity: target.phoneEntity, agentId: user.id,
    // Held here until a SIP endpoint elsewhere takes up the agent's dial of the token (it claims the call then).
    customer: target.customer, ringAt: now, talkSec: 0, status: 'ringing', updatedAt: now, owner: svc.owners.lease(),
  };
  await callsCollection(svc.app.db).insertOne(doc);
  const { token, expiresAt } = await svc.tokens.issue(doc._id, user.id, target.to);
  await svc.states.toKind(user.id, 'busy', doc._id);
  svc.carrier.place(doc._id, token);
  return { doc, token, expiresAt };
}
