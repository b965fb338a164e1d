import type { CarrierEvent } from '../carriers/carrier.js';
import type { CallFailure } from '@telesales/schemas';
import type { CallDoc } from './call-doc.js';
import { outcomeOfFailure } from './call-failure.js';
import { endConsult, endOtherLegs } from './consult.js';
import { feedFlow } from './inbound.js';
import { offerTimedOut, withdrawOffer } from './queue.js';
import type { CallsService } from './service.js';

/** Every carrier event is handled in its call's work queue, in the order the carrier reported them. */
export function listenToCarrier(svc: CallsService): () => void {
  return svc.table.on((event) => svc.later(event.callId, () => handle(svc, event)));
}

async function handle(svc: CallsService, e: CarrierEvent): Promise<void> {
  // An outbound task's call: its dialer follows it (answer -> an agent or the 2-second rule, outcomes -> the task's rules).
  if (svc.taskCalls?.owns(e.callId)) return svc.taskCalls.event(e);
  const at = e.at;
  switch (e.type) {
    case 'incoming':
      return feedFlow(svc, e.callId, { type: 'start', caller: e.from, callee: e.to, at });
    case 'promptDone':
      return feedFlow(svc, e.callId, { type: 'promptDone', at });
    case 'dtmf':
      if (e.from === 'caller') return feedFlow(svc, e.callId, { type: 'digits', digits: e.digits, at });
      return;
    case 'timer':
      return timer(svc, e.callId, e.name, at);
    case 'ringing': {
      const doc = await svc.call(e.callId);
      return svc.pushCall(doc?.agentId, doc);
    }
    case 'answered': {
      const doc = await svc.update(e.callId, { status: 'talking', answerAt: new Date(at) });
      return svc.pushCall(doc?.agentId, doc);
    }
    case 'busy':
    case 'noAnswer':
      return unanswered(svc, e.callId, { cause: e.type }, at);
    case 'failed':
      return unanswered(svc, e.callId, { cause: e.reason === 'empty_number' ? 'emptyNumber' : 'failed' }, at);
    case 'refused':
      return unanswered(svc, e.callId, { cause: e.cause, ...(e.sipStatus ? { sipStatus: e.sipStatus } : {}) }, at);
    case 'hangup':
      return hangup(svc, e.callId, e.side, e.talkSec, at);
  }
}

async function timer(svc: CallsService, callId: string, name: string, at: string): Promise<void> {
  switch (name) {
    case 'gather': return feedFlow(svc, callId, { type: 'timeout', at });
    case 'record': return feedFlow(svc, callId, { type: 'recordingDone', at });
    case 'transfer': return feedFlow(svc, callId, { type: 'transferFailed', at });
    case 'offer': return offerTimedOut(svc, callId);
    case 'consult': {
      // Nobody took the consultation in time: the call's agent has the caller back.
      const doc = await svc.call(callId);
      if (doc?.consult?.status === 'ringing') await endConsult(svc, doc, 'noAnswer');
      return;
    }
    case 'lookup': {
      const found = svc.lookups.get(callId) ?? { found: false };
      svc.lookups.delete(callId);
      return feedFlow(svc, callId, { type: 'lookupResult', ...found, at });
    }
    case 'queue': {
      const doc = await svc.call(callId);
      if (!doc || (doc.status !== 'queued' && doc.status !== 'ringing')) return;
      await withdrawOffer(svc, doc);
      return feedFlow(svc, callId, { type: 'queueTimeout', at });
    }
  }
}

/**
 * An outbound call that never became a conversation: the record says why (busy, empty number...) and the agent
 * goes to after-call work to tag it. Also TELEPHONY=sip's bridge, with the trunk's status (carriers/sip/sip-bridge.ts).
 */
export async function unanswered(svc: CallsService, callId: string, failure: CallFailure, at: Date | string): Promise<void> {
  const doc = await svc.update(callId, { status: 'wrapup', outcome: outcomeOfFailure(failure), failure, endAt: new Date(at), hangupBy: 'system' });
  if (doc?.agentId) await svc.states.toKind(doc.agentId, 'wrapup', callId);
  await svc.pushCall(doc?.agentId, doc);
}

/**
 * The carrier ended the call. Inbound: the flow hears the caller hang up; an agent who was talking goes to
 * after-call work; an offer still ringing is taken back. Outbound: the agent goes to after-call work.
 */
async function hangup(svc: CallsService, callId: string, side: 'caller' | 'agent' | 'system', talkSec: number, at: string): Promise<void> {
  const doc = await svc.call(callId);
  if (!doc) return;
  const endAt = new Date(at);
  if (doc.direction === 'out') return outboundEnded(svc, doc, side, talkSec, endAt);
  // A consultation or conference in progress ends with the call.
  const others = await endOtherLegs(svc, doc, endAt);
  if (doc.status === 'ringing' || doc.status === 'queued') {
    await withdrawOffer(svc, doc);
    await svc.update(callId, { status: 'ended', endAt, hangupBy: side, offeredTo: null });
  } else if (doc.status === 'talking') {
    // A line that carried no audio (carriers/sip/sip-bridge.ts) was no talk, however long it was up.
    const talked = doc.failure?.cause === 'noMedia' ? 0 : doc.talkSec + talkSec;
    const updated = await svc.update(callId, { status: 'wrapup', endAt, agentEndAt: endAt, hangupBy: side, talkSec: talked, ...others.set });
    if (doc.agentId) await svc.states.toKind(doc.agentId, 'wrapup', callId);
    for (const id of others.notify) await svc.pushCall(id, updated);
    await svc.pushCall(doc.agentId, updated);
  } else {
    await svc.update(callId, { endAt });
  }
  // The flow learns the caller left (a system hang-up is the flow's own end: nothing to tell it).
  if (side !== 'system') await feedFlow(svc, callId, { type: 'hangup', at });
}

/**
 * A click-to-call ended (the customer or the agent hung up, or it failed): the agent on it goes to after-call
 * work; a consultation or conference in progress ends with it. Also TELEPHONY=sip's bridge (carriers/sip/sip-bridge.ts).
 */
export async function outboundEnded(svc: CallsService, doc: CallDoc, side: 'caller' | 'agent' | 'system', talkSec: number, endAt: Date): Promise<void> {
  const others = await endOtherLegs(svc, doc, endAt);
  const talking = doc.status === 'talking' || doc.status === 'ringing';
  const updated = await svc.update(doc._id, {
    endAt, ...others.set, ...(talking ? { status: 'wrapup' as const, hangupBy: side, talkSec, agentEndAt: endAt } : {}),
  });
  if (talking && doc.agentId) await svc.states.toKind(doc.agentId, 'wrapup', doc._id, doc.wrapupSec);
  for (const id of others.notify) await svc.pushCall(id, updated);
  await svc.pushCall(doc.agentId, updated);
}
