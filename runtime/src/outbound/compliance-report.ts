import type { CampaignDefinition, ComplianceCheck, ComplianceReportJson } from '@telesales/schemas';
import { mayDial, type DialAttempt, type DialRefusal } from '@telesales/engines/compliance';
import type { FastifyInstance } from 'fastify';
import { callsCollection } from '../calls/call-doc.js';
import { callingRulesOf } from './calling-rules.js';
import { dialLogCollection, type DialLogDoc } from './dial-log.js';
import { dncCollection } from './dnc-doc.js';

/** Which check of the report a refusal of the compliance engine falls under. */
const CHECK_OF: Record<DialRefusal, ComplianceCheck> = {
  outsideWindow: 'outsideWindow', holiday: 'outsideWindow',
  dailyLimit: 'overLimit', lifetimeLimit: 'overLimit', workspaceCap: 'overLimit',
  doNotCall: 'doNotCall', abandonedRecently: 'abandonRedial',
};
/** Evidence rows kept per check (the count is always whole). */
const EVIDENCE_MAX = 50;
/** Dials one report re-judges at most (newest first). */
const DIALS_MAX = 20_000;

/**
 * The task's dials over a period re-judged one by one with the compliance engine, from the records alone: the
 * dial log (every dial of every task, written before the carrier was asked), the do-not-call list as it stood at
 * each dial (an entry's `at`), and the task's published rules. Independent of the dialer's own checks, so a
 * dialer bug would show here as a row. The windows are today's published ones: a schedule changed since is read
 * as it is now.
 */
export async function complianceReport(
  app: FastifyInstance, def: CampaignDefinition, from: Date, to: Date, showPhone: (phone: string) => string,
): Promise<ComplianceReportJson> {
  const log = dialLogCollection(app.db);
  const dials = await log.find({ task: def.key, at: { $gte: from, $lte: to } }).sort({ at: -1 }).limit(DIALS_MAX).toArray();
  const phones = [...new Set(dials.map((d) => d.phone))];
  // Every earlier dial of these numbers by any task: the workspace caps count them all, the lifetime limit this task's.
  const history = new Map<string, DialLogDoc[]>(phones.map((p) => [p, []]));
  for await (const d of log.find({ phone: { $in: phones }, at: { $lte: to } }).sort({ at: 1 })) history.get(d.phone)!.push(d);
  const dncAt = new Map((await dncCollection(app.db).find({ _id: { $in: phones } }).toArray()).map((d) => [d._id, d.at.getTime()]));
  const rules = callingRulesOf(def);
  const checks = new Map<ComplianceCheck, ComplianceReportJson['checks'][number]>(
    (['outsideWindow', 'overLimit', 'doNotCall', 'abandonRedial'] as const).map((c) => [c, { check: c, count: 0, evidence: [] }]),
  );
  for (const d of dials) {
    const at = d.at.getTime();
    const before: DialAttempt[] = history.get(d.phone)!.filter((h) => h.at.getTime() < at)
      .map((h) => ({ at: h.at.getTime(), taskId: h.task, ...(h.abandoned ? { abandoned: true } : {}) }));
    const { rules: r, calleeZone } = rules.rulesFor(d.phone);
    const dncSince = dncAt.get(d.phone);
    const verdict = mayDial({
      taskId: def.key, at, rules: r, agentReserved: !!d.reserved,
      number: { timeZone: calleeZone, doNotCall: dncSince !== undefined && dncSince <= at, attempts: before },
    });
    for (const check of new Set(verdict.refusals.map((x) => CHECK_OF[x]))) {
      const row = checks.get(check)!;
      row.count++;
      if (row.evidence.length < EVIDENCE_MAX) row.evidence.push({ callId: d._id, at: d.at.toISOString(), phone: showPhone(d.phone), reason: verdict.text });
    }
  }
  const calls = await callsCollection(app.db).countDocuments({ 'task.key': def.key, ringAt: { $gte: from, $lte: to } });
  return { task: def.key, from: from.toISOString(), to: to.toISOString(), dials: dials.length, calls, checks: [...checks.values()] };
}
