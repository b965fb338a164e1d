// Pure, immutable edits of a task definition; the designer's components only call these.
import type { CampaignDefinition, CampaignRule } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

export type Campaign = CampaignDefinition;
export type Week = Campaign['schedule']['week'];
export type Day = keyof Week;
export type Schedule = Campaign['schedule'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Day[];
export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const satisfies readonly Campaign['dialMode'][];

/** Sets one top-level property; undefined (or an empty text) removes the key, as the schema wants it absent. */
export function setProp<K extends keyof Campaign>(def: Campaign, key: K, value: Campaign[K] | undefined): Campaign {
  const next = { ...def };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

export function setSchedule<K extends keyof Schedule>(def: Campaign, key: K, value: Schedule[K] | undefined): Campaign {
  const schedule = { ...def.schedule };
  if (value === undefined || value === '') delete schedule[key];
  else schedule[key] = value;
  return { ...def, schedule };
}

/** A day's windows as typed; an empty day is dropped (no calls that day). */
export function setDay(def: Campaign, day: Day, windows: string[] | undefined): Campaign {
  const week = { ...def.schedule.week };
  if (windows?.length) week[day] = windows;
  else delete week[day];
  return { ...def, schedule: { ...def.schedule, week } };
}

export function setCallerNumbers(def: Campaign, patch: Partial<NonNullable<Campaign['callerNumbers']>>): Campaign {
  const next = { numbers: [], ...def.callerNumbers, ...patch };
  if (next.coolDownHours === undefined) delete next.coolDownHours;
  return next.numbers.length || next.coolDownHours !== undefined ? { ...def, callerNumbers: next } : setProp(def, 'callerNumbers', undefined);
}

export function setLimit(def: Campaign, key: 'perDay' | 'lifetime', value: number | undefined): Campaign {
  const limits = { ...def.limits };
  if (value === undefined) delete limits[key];
  else limits[key] = value;
  return setProp(def, 'limits', Object.keys(limits).length ? limits : undefined);
}

type Column = NonNullable<Campaign['columns']>[number];
export const setColumns = (def: Campaign, columns: Column[]): Campaign => setProp(def, 'columns', columns.length ? columns : undefined);

/** The dispositions definition (none: agents pick no outcome, and agent-outcome rules go with it). */
export function setDispositionsDefinition(def: Campaign, key: string): Campaign {
  if (!key) return { ...setProp(def, 'dispositions', undefined), rules: def.rules?.filter((r) => !r.disposition) };
  return { ...def, dispositions: { definition: key } };
}

export function toggleOffered(def: Campaign, key: string, on: boolean): Campaign {
  if (!def.dispositions) return def;
  const offered = (def.dispositions.offered ?? []).filter((k) => k !== key).concat(on ? [key] : []);
  const { offered: _, ...rest } = def.dispositions;
  return { ...def, dispositions: offered.length ? { ...rest, offered } : rest };
}

export const newRule = (): CampaignRule => ({ id: uuid(), outcome: 'busy', action: 'retry', retryAfterMinutes: 30, maxAttempts: 3 });

export const addRule = (def: Campaign): Campaign => ({ ...def, rules: [...(def.rules ?? []), newRule()] });

export function removeRule(def: Campaign, id: string): Campaign {
  const rules = (def.rules ?? []).filter((r) => r.id !== id);
  return setProp(def, 'rules', rules.length ? rules : undefined);
}

/** Changes a rule; a retry keeps its delay and attempts, other actions drop them (they would mean nothing). */
export function updateRule(def: Campaign, id: string, patch: Partial<CampaignRule>): Campaign {
  const rules = (def.rules ?? []).map((r) => {
    if (r.id !== id) return r;
    const next: Record<string, unknown> = { ...r, ...patch };
    if (next.action !== 'retry') {
      delete next.retryAfterMinutes;
      delete next.maxAttempts;
    }
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    return next as CampaignRule;
  });
  return { ...def, rules };
}
