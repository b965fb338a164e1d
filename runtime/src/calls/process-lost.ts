import type { CallDoc } from './call-doc.js';
import { endOtherLegs } from './consult.js';
import type { CallsService } from './service.js';

/**
 * The process that held a live call is gone (its owner lease ran out): its line, media and timers went with it.
 * A surviving process records the end, so nothing is lost from the call record: ended with cause `processLost`,
 * talk time up to when the lease ran out, the agents on it let go (the call's agent to after-call work, so they
 * can still give the outcome; a consulted agent ready again), an offer still ringing taken back. Returns false
 * when another process did it first (the update holds only while the lease is out and the call not ended).
 */
export async function endLostCall(svc: CallsService, doc: CallDoc): Promise<boolean> {
  const lease = doc.owner;
  if (!lease || doc.endAt) return false;
  // The process was last known alive when its lease was renewed; the end is put when the lease ran out.
  const endAt = new Date(Math.min(svc.now().getTime(), lease.until.getTime()));
  const talking = doc.status === 'talking';
  const claimed = await svc.update(doc._id, {
    status: 'ended', endAt, hangupBy: 'system', failure: { cause: 'processLost' }, offeredTo: null,
    ...(talking ? { agentEndAt: endAt, talkSec: doc.talkSec + talkedSince(doc, endAt) } : {}),
    ...(doc.answerAt ? {} : { outcome: 'failed' as const }),
  }, [], { endAt: { $exists: false }, 'owner.process': lease.process, 'owner.until': { $lt: new Date() } });
  if (!claimed) return false;
  svc.app.log.warn({ callId: doc._id, process: lease.process }, 'call ended: the runtime process holding it was lost');

  const others = await endOtherLegs(svc, doc, endAt);
  const updated = Object.keys(others.set).length ? await svc.update(doc._id, others.set) : claimed;
  if (doc.offeredTo) {
    await svc.states.releaseOffer(doc.offeredTo, doc._id);
    svc.events.send(doc.offeredTo, 'offerWithdrawn', { callId: doc._id });
  }
  // The call's agent (talking, or waiting for a click-to-call to be answered) wraps it up here.
  if (doc.agentId && (talking || doc.status === 'ringing') && (await svc.states.get(doc.agentId)).callId === doc._id) {
    await svc.states.toKind(doc.agentId, 'wrapup', doc._id);
  }
  for (const id of new Set([...others.notify, doc.agentId])) await svc.pushCall(id, updated);
  return true;
}

/** Seconds the current agent talked in their last stretch (the lost process kept its start only in memory). */
function talkedSince(doc: CallDoc, endAt: Date): number {
  const joins = (doc.participants ?? []).filter((p) => p.agentId === doc.agentId && p.joinAt && !p.leftAt).map((p) => p.joinAt!.getTime());
  const from = joins.length ? Math.max(...joins) : doc.answerAt?.getTime();
  return from === undefined ? 0 : Math.max(0, Math.round((endAt.getTime() - from) / 1000));
}
