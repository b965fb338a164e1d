import type { ClientSession } from 'mongodb';
import type { CampaignDefinition } from '@telesales/schemas';
import { dateOf, wallClock } from '@telesales/engines/compliance';
import type { CallsService } from '../calls/service.js';
import { putOnDnc } from './dnc-doc.js';
import { taskNumbersCollection, type TaskNumberDoc } from './number-doc.js';
import type { DayTally, TaskRunDoc } from './task-doc.js';
import { nextStep, type Outcome } from './task-rules.js';

/** The task's local day (YYYY-MM-DD in its zone): figures and "per day" limits count by it. */
export function localDayOf(ms: number, def: CampaignDefinition): string {
  return dateOf(wallClock(ms, def.schedule.timeZone).day);
}

export type TallyInc = Omit<DayTally, 'outcomes'> & { outcome?: string };

/** Adds to today's figures of the task (in `session`'s transaction when given). */
export async function tallyInc(svc: CallsService, def: CampaignDefinition, inc: TallyInc, session?: ClientSession): Promise<void> {
  const day = localDayOf(svc.clock.now(), def);
  const $inc: Record<string, number> = {};
  for (const [k, v] of Object.entries(inc)) if (k !== 'outcome' && typeof v === 'number') $inc[`tally.${day}.${k}`] = v;
  if (inc.outcome) $inc[`tally.${day}.outcomes.${inc.outcome}`] = 1;
  await svc.app.db.collection<TaskRunDoc>('outbound_tasks').updateOne({ _id: def.key }, { $inc }, session ? { session } : {});
}

/** Which call of which number an outcome is for: an outcome applies only while that call is the number's last one. */
export interface NumberCall {
  numberId: string;
  callId: string;
}

/**
 * An outcome of a number's call, by the line or by the agent: the task's rule (task-rules.ts) moves the number on
 * (scheduled again, finished, on the do-not-call list) and the day's outcome breakdown counts it (with `alsoInc`,
 * the caller's own figures, in the same write). An outcome for a call that is no longer the number's last one (a
 * late disposition, or a slow process's event after another took its task over and dialled again) would overwrite
 * the newer call's state: it is logged and changes nothing. `known`: the number as the caller already holds it
 * (the dialer's claim), so no read is needed; the conditional update still guards against a newer call.
 */
export async function applyOutcome(
  svc: CallsService, def: CampaignDefinition, call: NumberCall, what: Outcome, now: Date, known?: TaskNumberDoc, alsoInc: TallyInc = {},
): Promise<boolean> {
  const numbers = taskNumbersCollection(svc.app.db);
  const n = known ?? (await numbers.findOne({ _id: call.numberId }));
  const stale = () => {
    svc.app.log.warn({ task: def.key, number: call.numberId, call: call.callId, current: n?.lastCallId }, 'outbound: a late outcome for an earlier call of the number is ignored');
    return false;
  };
  if (!n || n.state === 'dnc') return false;
  if (n.lastCallId !== call.callId) return stale();
  const step = nextStep(def, what, n.attempts, now);
  // A callback the line did not complete (busy, no answer...) and is tried again stays the promising agent's.
  if (step.state === 'scheduled' && !step.callbackAgent && n.callbackAgent && 'outcome' in what) step.callbackAgent = n.callbackAgent;
  const lastOutcome = 'outcome' in what ? { kind: 'carrier' as const, key: what.outcome } : { kind: 'disposition' as const, key: what.disposition };
  const done = await numbers.updateOne({ _id: call.numberId, lastCallId: call.callId, state: { $ne: 'dnc' } }, {
    $set: {
      state: step.state, lastOutcome, updatedAt: now, ...(step.nextAt ? { nextAt: step.nextAt } : {}),
      ...(step.callbackAgent ? { callbackAgent: step.callbackAgent } : {}), ...('agentId' in what ? { lastAgent: what.agentId } : {}),
    },
    $unset: { dialBy: '', ...(step.callbackAgent ? {} : { callbackAgent: '' }), ...(step.nextAt ? {} : { nextAt: '' }) },
  });
  if (!done.matchedCount) {
    if (Object.keys(alsoInc).length) await tallyInc(svc, def, alsoInc);
    return stale();
  }
  if (step.state === 'dnc') await putOnDnc(svc.app.db, n.phone, { reason: 'requested', by: 'agentId' in what ? what.agentId : 'system', task: def.key });
  await tallyInc(svc, def, { ...alsoInc, outcome: lastOutcome.key });
  return true;
}
