import type { Filter } from 'mongodb';
import { metricStages, type TodayFiguresJson } from '@telesales/schemas';
import { startOfLocalDay } from '../ownership/agent-status.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import type { CallsService } from './service.js';

/**
 * The agent's daily figures, from the metric catalogue (schemas/src/metrics/), so the workbench and the reports
 * count the same way. Over the calls that rang (`ringAt`) since midnight in the workspace's time zone (TIME_ZONE)
 * whose agent (`agentId`) is one of those asked for:
 * - outbound  = metric `outboundCalls` (direction "out": click-to-call or a task's dial);
 * - connected = metric `outboundConnected` (those answered, whatever came after);
 * - inbound   = metric `inboundAnswered` (direction "in" that the agent answered; offers they let ring out or
 *               declined are not theirs, the call's agent is whoever took it);
 * - talkSec   = metric `talkSec` (both directions, except calls that carried no audio, failure `noMedia`).
 */
export type TodayFigures = TodayFiguresJson;

const FIGURES = { outbound: 'outboundCalls', connected: 'outboundConnected', inbound: 'inboundAnswered', talkSec: 'talkSec' } as const;

/** Today's figures for the calls whose agent matches `agents` (one agent, or a supervisor's data scope). */
export async function todayFigures(svc: CallsService, agents: Filter<CallDoc>, timeZone: string): Promise<TodayFigures> {
  const now = svc.now();
  const since = startOfLocalDay(now, timeZone);
  const { accumulators, values } = metricStages(Object.values(FIGURES));
  const [totals] = await callsCollection(svc.app.db).aggregate([
    { $match: { ...agents, ringAt: { $gte: since } } },
    { $group: { _id: null, ...accumulators } },
    { $project: { _id: 0, ...values } },
  ]).toArray();
  const figure = (name: keyof typeof FIGURES) => Number(totals?.[FIGURES[name]] ?? 0);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { day, timeZone, outbound: figure('outbound'), connected: figure('connected'), inbound: figure('inbound'), talkSec: figure('talkSec') };
}
