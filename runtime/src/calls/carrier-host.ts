import type { CarrierHost } from '../carriers/carrier.js';
import { control } from './agent-actions.js';
import { outboundEnded, unanswered } from './carrier-events.js';
import { endConsult } from './consult.js';
import { feedFlow, flowForNumber, startInbound } from './inbound.js';
import type { CallsService } from './service.js';

/** The lifecycle's side of what a carrier reports beyond the call table (carriers/carrier.ts `CarrierHost`). */
export function carrierHost(svc: CallsService): CarrierHost {
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
        const doc = await svc.update(callId, { status: 'talking', answerAt: svc.now() });
        await svc.pushCall(doc?.agentId, doc);
      });
    },

    outboundFailed(callId, failure) {
      return svc.run(callId, () => unanswered(svc, callId, failure, svc.now()));
    },

    outboundEnded(callId, side, answeredAt) {
      return svc.run(callId, async () => {
        const doc = await svc.call(callId);
        if (!doc || doc.endAt) return;
        const endAt = svc.now();
        const talkSec = answeredAt === null ? 0 : Math.round((endAt.getTime() - answeredAt) / 1000);
        await outboundEnded(svc, doc, side, talkSec, endAt);
      });
    },

    async mediaMissing(callId, missing) {
      await svc.run(callId, () => svc.update(callId, { failure: { cause: 'noMedia', missing } }));
    },

    recordingDone(callId, file) {
      svc.later(callId, () => feedFlow(svc, callId, { type: 'recordingDone', ...(file ? { file } : {}), at: svc.now().toISOString() }));
    },
  };
}
