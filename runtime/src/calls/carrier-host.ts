import type { CarrierEvent, CarrierHost } from '../carriers/carrier.js';
import { control } from './agent-actions.js';
import { outboundEnded, unanswered } from './carrier-events.js';
import { endConsult } from './consult.js';
import { feedFlow, flowForNumber, startInbound } from './inbound.js';
import type { CallsService } from './service.js';

/** The lifecycle's side of what a carrier reports beyond the call table (carriers/carrier.ts `CarrierHost`). */
export function carrierHost(svc: CallsService): CarrierHost {
  // A task's dial (outbound/) is followed by its dialer, which hears the SIP trunk's reports as the simulated
  // carrier's events: answered -> an agent's offer or the 2-second rule; a refusal or a hang-up -> the task's rules
  // (an offer still ringing taken back). Handled here, the dialer would wait for the call forever.
  const taskCall = (callId: string) => !!svc.taskCalls?.owns(callId);
  const toTask = (e: CarrierEvent) => svc.taskCalls!.event(e);
  const at = () => svc.now().toISOString();
  return {
    flowFor: (number) => flowForNumber(svc, number),

    async arrived(run, from, to) {
      return (await startInbound(svc, run, from, to))._id;
    },

    async agentAnswered(callId, agentId) {
      const user = await svc.user(agentId);
      try {
        if (!user) throw new Error('agent gone');
        // The call's first answer, or a consultation answered: the call record says which (legsChanged).
        await control(svc, user, callId, 'answer', user.locale);
        return true;
      } catch {
        return false;
      }
    },

    async agentHungUp(callId, agentId) {
      const user = await svc.user(agentId);
      if (user) await control(svc, user, callId, 'hangup', user.locale).catch(() => undefined);
    },

    consultUnanswered(callId, agentId) {
      return svc.run(callId, async () => {
        const doc = await svc.call(callId);
        if (doc?.consult?.agentId !== agentId || doc.consult.status !== 'ringing') return false;
        await endConsult(svc, doc, 'noAnswer');
        return true;
      });
    },

    outboundAnswered(callId) {
      return svc.run(callId, async () => {
        if (taskCall(callId)) return toTask({ type: 'answered', callId, at: at() });
        const doc = await svc.update(callId, { status: 'talking', answerAt: svc.now() });
        await svc.pushCall(doc?.agentId, doc);
      });
    },

    outboundFailed(callId, failure) {
      return svc.run(callId, () => {
        if (taskCall(callId)) return toTask({ type: 'refused', callId, cause: failure.cause, ...(failure.sipStatus ? { sipStatus: failure.sipStatus } : {}), at: at() });
        return unanswered(svc, callId, failure, svc.now());
      });
    },

    outboundEnded(callId, side, answeredAt) {
      return svc.run(callId, async () => {
        const doc = await svc.call(callId);
        if (!doc || doc.endAt) return;
        const endAt = svc.now();
        const talkSec = answeredAt === null ? 0 : Math.round((endAt.getTime() - answeredAt) / 1000);
        if (taskCall(callId)) return toTask({ type: 'hangup', callId, side, talkSec, at: endAt.toISOString() });
        await outboundEnded(svc, doc, side, talkSec, endAt);
      });
    },

    async mediaMissing(callId, missing) {
      await svc.run(callId, () => svc.update(callId, { failure: { cause: 'noMedia', missing } }));
    },

    // The supervisor's phone hung up or never answered: their open stretch on the call ends now.
    monitorEnded(callId, supervisorId) {
      return svc.run(callId, async () => {
        const doc = await svc.call(callId);
        const now = svc.now();
        if (!doc?.monitors?.some((m) => m.supervisorId === supervisorId && !m.to)) return;
        await svc.update(callId, { monitors: doc.monitors.map((m) => (m.supervisorId === supervisorId && !m.to ? { ...m, to: now } : m)) });
      });
    },

    recordingDone(callId, file) {
      svc.later(callId, () => feedFlow(svc, callId, { type: 'recordingDone', ...(file ? { file } : {}), at: svc.now().toISOString() }));
    },
  };
}
