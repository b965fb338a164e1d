import type { CampaignDefinition } from '@telesales/schemas';
import { dateOf, wallClock } from '@telesales/engines/compliance';
import type { CallsService } from '../calls/service.js';
import { putOnDnc } from './dnc-doc.js';
import { taskNumbersCollection } from './number-doc.js';
import type { DayTally, TaskRunDoc } from './task-doc.js';
import { nextStep, type Outcome } from './task-rules.js';

/** The task's local day (YYYY-MM-DD in its zone): figures and "per day" limits count by it. */
export function localDayOf(ms: number, def: CampaignDefinition): string {
  return dateOf(wallClock(ms, def.schedule.timeZone).day);
}

/** Adds to today's figures of the task. */
export async function tallyInc(svc: CallsService, def: CampaignDefinition, inc: Omit<DayTally, 'outcomes'> & { outcome?: string }): Promise<void> {
  const day = localDayOf(svc.clock.now(), def);
  const $inc: Record<string, number> = {};
  for (const [k, v] of Object.entries(inc)) if (k !== 'outcome' && typeof v === 'number') $inc[`tally.${day}.${k}`] = v;
  if (inc.outcome) $inc[`tally.${day}.outcomes.${inc.outcome}`] = 1;
  await svc.app.db.collection<TaskRunDoc>('outbound_tasks').updateOne({ _id: def.key }, { $inc });
}

/**
 * An outcome of a number's call, by the line or by the agent: the task's rule (task-rules.ts) moves the number on
 * (scheduled again, finished, on the do-not-call list) and the day's outcome breakdown counts it.
 */
export async function applyOutcome(svc: CallsService, def: CampaignDefinition, numberId: string, what: Outcome, now: Date): Promise<void> {
  const numbers = taskNumbersCollection(svc.app.db);
  const n = await numbers.findOne({ _id: numberId });
  if (!n || n.state === 'dnc') return;
  const step = nextStep(def, what, n.attempts, now);
  // A callback the line did not complete (busy, no answer...) and is tried again stays the promising agent's.
  if (step.state === 'scheduled' && !step.callbackAgent && n.callbackAgent && 'outcome' in what) step.callbackAgent = n.callbackAgent;
  const lastOutcome = 'outcome' in what ? { kind: 'carrier' as const, key: what.outcome } : { kind: 'disposition' as const, key: what.disposition };
  await numbers.updateOne({ _id: numberId }, {
    $set: {
      state: step.state, lastOutcome, updatedAt: now, ...(step.nextAt ? { nextAt: step.nextAt } : {}),
      ...(step.callbackAgent ? { callbackAgent: step.callbackAgent } : {}), ...('agentId' in what ? { lastAgent: what.agentId } : {}),
    },
    $unset: { dialBy: '', ...(step.callbackAgent ? {} : { callbackAgent: '' }), ...(step.nextAt ? {} : { nextAt: '' }) },
  });
  if (step.state === 'dnc') await putOnDnc(svc.app.db, n.phone, { reason: 'requested', by: 'agentId' in what ? what.agentId : 'system', task: def.key });
  await tallyInc(svc, def, { outcome: lastOutcome.key });
}
