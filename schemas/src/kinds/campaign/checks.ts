import { issue } from '../../messages.js';
import type { CampaignDefinition, Locale, ValidationIssue } from '../../types.js';

type Week = NonNullable<CampaignDefinition['schedule']['week']>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function checkWeek(week: Week, at: string, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [day, windows] of Object.entries(week)) {
    (windows ?? []).forEach((w, i) => {
      const [from, to] = w.split('-') as [string, string];
      if (minutes(to) <= minutes(from)) out.push(issue(`${at}/${day}/${i}`, 'bad_time_range', locale));
    });
  }
  return out;
}

/**
 * What the JSON Schema cannot say about a task and needs no other definition: zones exist, windows end after
 * they start, the end date is not before the start, a retry says when, a disposition rule names an offered
 * outcome, and no outcome has two rules. (Checks against other definitions, such as the entity's fields and the
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
  return out;
}
