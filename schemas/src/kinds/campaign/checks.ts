import { issue } from '../../messages.js';
import { isTimeZone, minutesOf as minutes } from '../clock-checks.js';
import type { CampaignDefinition, Locale, ValidationIssue } from '../../types.js';
import { scriptTokens } from './script-tokens.js';

type Week = NonNullable<CampaignDefinition['schedule']['week']>;


/** Each window ends after it starts, and no two windows of one day overlap (the later one is reported). */
function checkWeek(week: Week, at: string, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [day, windows] of Object.entries(week)) {
    const spans = (windows ?? []).map((w, i) => {
      const [from, to] = w.split('-') as [string, string];
      return { i, from: minutes(from), to: minutes(to), text: w };
    });
    for (const s of spans) if (s.to <= s.from) out.push(issue(`${at}/${day}/${s.i}`, 'bad_time_range', locale));
    const sane = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from || a.i - b.i);
    sane.forEach((s, k) => {
      const clash = sane.slice(0, k).find((p) => p.to > s.from);
      if (!clash) return;
      const [first, later] = clash.i < s.i ? [clash, s] : [s, clash];
      out.push(issue(`${at}/${day}/${later.i}`, 'windows_overlap', locale, { other: first.text }));
    });
  }
  return out;
}

/** Pacing settings that contradict each other: lines the mode needs against the ceilings, a target predictive cannot pace to. */
function checkPacing(def: CampaignDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const ratio = def.ratio ?? 1;
  if (def.dialMode === 'progressive') {
    if (def.maxLinesPerAgent !== undefined && ratio > def.maxLinesPerAgent) {
      out.push(issue('/ratio', 'ratio_above_lines', locale, { ratio, lines: def.maxLinesPerAgent }));
    }
    if (def.maxConcurrent < Math.ceil(ratio)) out.push(issue('/maxConcurrent', 'concurrency_below_ratio', locale, { lines: Math.ceil(ratio) }));
  }
  if (def.dialMode === 'predictive' && def.abandonTarget === 0) out.push(issue('/abandonTarget', 'abandon_target_zero', locale));
  return out;
}

/** The same caller number twice would be rotated twice as often (the schema's uniqueItems cannot say which one). */
function checkCallerNumbers(def: CampaignDefinition, locale: Locale): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  (def.callerNumbers?.numbers ?? []).forEach((n, i) => {
    if (seen.has(n)) out.push(issue(`/callerNumbers/numbers/${i}`, 'duplicate_number', locale, { number: n }));
    seen.add(n);
  });
  return out;
}

/** A token that is neither a built-in nor a field key would reach agents as raw braces. */
function checkScript(def: CampaignDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const bad = scriptTokens(def.script?.[lang] ?? '').find((t) => !t.valid);
    if (bad) out.push(issue(`/script/${lang}`, 'bad_script_token', locale, { token: bad.text }));
  }
  return out;
}

/**
 * What the JSON Schema cannot say about a task and needs no other definition: zones exist, windows end after
 * they start and do not overlap, the end date is not before the start, pacing settings agree, caller numbers are
 * listed once, script tokens parse, a retry says when, a disposition rule names an offered outcome, and no
 * outcome has two rules. (Checks against other definitions, such as the entity's fields and the
 * dispositions definition's keys, run where the runtime can read them.)
 */
export function checkCampaign(def: CampaignDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const s = def.schedule;
  if (!isTimeZone(s.timeZone)) out.push(issue('/schedule/timeZone', 'bad_time_zone', locale, { zone: s.timeZone }));
  out.push(...checkWeek(s.week, '/schedule/week', locale));
  if (s.startDate && s.endDate && s.endDate < s.startDate) out.push(issue('/schedule/endDate', 'end_before_start', locale));
  const prefixes = new Set<string>();
  (s.regions ?? []).forEach((r, i) => {
    if (r.timeZone && !isTimeZone(r.timeZone)) out.push(issue(`/schedule/regions/${i}/timeZone`, 'bad_time_zone', locale, { zone: r.timeZone }));
    if (r.week) out.push(...checkWeek(r.week, `/schedule/regions/${i}/week`, locale));
    if (prefixes.has(r.prefix)) out.push(issue(`/schedule/regions/${i}/prefix`, 'duplicate_key', locale, { key: r.prefix }));
    prefixes.add(r.prefix);
  });

  const fields = new Set<string>();
  (def.columns ?? []).forEach((c, i) => {
    if (fields.has(c.field)) out.push(issue(`/columns/${i}/field`, 'duplicate_key', locale, { key: c.field }));
    fields.add(c.field);
  });
  const seen = new Set<string>();
  (def.agents ?? []).forEach((p, i) => {
    const key = `${p.type}:${p.ref}`;
    if (seen.has(key)) out.push(issue(`/agents/${i}`, 'duplicate_key', locale, { key: p.ref }));
    seen.add(key);
  });

  const offered = def.dispositions?.offered;
  const ids = new Set<string>();
  const whens = new Set<string>();
  (def.rules ?? []).forEach((rule, i) => {
    if (ids.has(rule.id)) out.push(issue(`/rules/${i}/id`, 'duplicate_id', locale, { id: rule.id }));
    ids.add(rule.id);
    if (!rule.outcome === !rule.disposition) out.push(issue(`/rules/${i}/${rule.outcome ? 'disposition' : 'outcome'}`, 'rule_needs_one_when', locale));
    const when = rule.outcome ? `outcome:${rule.outcome}` : `disposition:${rule.disposition}`;
    if (whens.has(when)) out.push(issue(`/rules/${i}`, 'duplicate_rule', locale, { key: rule.outcome ?? rule.disposition }));
    whens.add(when);
    if (rule.action === 'retry' && rule.retryAfterMinutes === undefined) out.push(issue(`/rules/${i}/retryAfterMinutes`, 'retry_needs_delay', locale));
    if (rule.disposition && !def.dispositions) out.push(issue(`/rules/${i}/disposition`, 'rule_without_dispositions', locale, { key: rule.disposition }));
    else if (rule.disposition && offered && !offered.includes(rule.disposition)) {
      out.push(issue(`/rules/${i}/disposition`, 'disposition_not_offered', locale, { key: rule.disposition }));
    }
    if (rule.action === 'callback' && rule.outcome) out.push(issue(`/rules/${i}/action`, 'callback_needs_agent', locale));
  });
  out.push(...checkPacing(def, locale), ...checkCallerNumbers(def, locale), ...checkScript(def, locale));
  return out;
}
