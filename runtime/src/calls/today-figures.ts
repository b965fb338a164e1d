import type { Filter } from 'mongodb';
import type { TodayFiguresJson } from '@telesales/schemas';
import { startOfLocalDay } from '../ownership/agent-status.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import type { CallsService } from './service.js';

/**
 * The agent's daily figures, defined once: the workbench shows them today and the reports will count the same
 * way. Over the calls that rang (`ringAt`) since midnight in the workspace's time zone (TIME_ZONE) whose agent
 * (`agentId`) is one of those asked for:
 * - outbound  = calls with direction "out" (placed by the agent: click-to-call or a task's dial);
 * - connected = those outbound calls that were answered (`answerAt` set), whatever came after;
 * - inbound   = calls with direction "in" that the agent answered (`answerAt` set; offers they let ring out
 *               or declined are not theirs, the call's agent is whoever took it);
 * - talkSec   = the sum of `talkSec` over all those calls, both directions (a call still in progress counts
 *               once it ends, when its talk time is known), except calls that carried no audio (failure
 *               `noMedia`, carriers/sip/sip-bridge.ts): a dead line is not talk, however long it was up.
 */
export type TodayFigures = TodayFiguresJson;

type Counted = Pick<CallDoc, 'direction' | 'answerAt' | 'talkSec' | 'failure'>;

/** The formulas above over calls already chosen (pure: the reports can run it on any set). */
export function sumFigures(calls: Counted[]): Omit<TodayFigures, 'day' | 'timeZone'> {
  const figures = { outbound: 0, connected: 0, inbound: 0, talkSec: 0 };
  for (const c of calls) {
    if (c.direction === 'out') {
      figures.outbound++;
      if (c.answerAt) figures.connected++;
    } else if (c.answerAt) {
      figures.inbound++;
    }
    if (c.failure?.cause !== 'noMedia') figures.talkSec += c.talkSec ?? 0;
  }
  return figures;
}

/** Today's figures for the calls whose agent matches `agents` (one agent, or a supervisor's data scope). */
export async function todayFigures(svc: CallsService, agents: Filter<CallDoc>, timeZone: string): Promise<TodayFigures> {
  const now = svc.now();
  const since = startOfLocalDay(now, timeZone);
  const calls = await callsCollection(svc.app.db)
    .find({ ...agents, ringAt: { $gte: since } }, { projection: { direction: 1, answerAt: 1, talkSec: 1, failure: 1 } })
    .toArray();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { day, timeZone, ...sumFigures(calls) };
}
