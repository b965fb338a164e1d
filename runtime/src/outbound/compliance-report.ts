import type { CampaignDefinition, ComplianceCheck, ComplianceReportJson } from '@telesales/schemas';
import { mayDial, type DialAttempt, type DialRefusal } from '@telesales/engines/compliance';
import type { FastifyInstance } from 'fastify';
import { callsCollection } from '../calls/call-doc.js';
import { callingRulesOf, type TaskCallingRules } from './calling-rules.js';
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
 * dialer bug would show here as a row. Each dial is judged by the rules in force when it was made: the published
 * version its log entry names (its windows, holidays, limits). Entries logged before the version was written carry
 * none: they are judged by the current version, and the report says how many were (`unversionedDials`).
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
  const rules = await rulesByVersion(app, def, dials);
  const checks = new Map<ComplianceCheck, ComplianceReportJson['checks'][number]>(
    (['outsideWindow', 'overLimit', 'doNotCall', 'abandonRedial'] as const).map((c) => [c, { check: c, count: 0, evidence: [] }]),
  );
  for (const d of dials) {
    const at = d.at.getTime();
    const before: DialAttempt[] = history.get(d.phone)!.filter((h) => h.at.getTime() < at)
      .map((h) => ({ at: h.at.getTime(), taskId: h.task, ...(h.abandoned ? { abandoned: true } : {}) }));
    const { rules: r, calleeZone } = (rules.get(d.version ?? CURRENT) ?? rules.get(CURRENT)!).rulesFor(d.phone);
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
  return {
    task: def.key, from: from.toISOString(), to: to.toISOString(), dials: dials.length, calls, checks: [...checks.values()],
    unversionedDials: dials.filter((d) => d.version === undefined).length,
  };
}

/** Where the current definition's rules are kept in rulesByVersion (dials logged without a version use them). */
const CURRENT = -1;

/** The calling rules of every published version the dials name, read from the immutable versions once each. */
async function rulesByVersion(app: FastifyInstance, def: CampaignDefinition, dials: DialLogDoc[]): Promise<Map<number, TaskCallingRules>> {
  const out = new Map<number, TaskCallingRules>([[CURRENT, callingRulesOf(def)]]);
  const wanted = [...new Set(dials.flatMap((d) => (d.version === undefined ? [] : [d.version])))];
  if (!wanted.length) return out;
  const versions = await app.definitions.versions.find({ kind: 'campaign', key: def.key, version: { $in: wanted } }).toArray();
  for (const v of versions) out.set(v.version, callingRulesOf(v.definition as CampaignDefinition));
  return out;
}
