import type { CampaignDefinition } from '@telesales/schemas';
import type { CallingRules, CallingWindow, Weekday } from '@telesales/engines/compliance';

/** The workspace-wide caps on calls to one number across all tasks (the regulator's "5 per 24 h, 3 per 5 minutes"). */
export const WORKSPACE_CAPS = [{ calls: 5, withinSeconds: 24 * 3600 }, { calls: 3, withinSeconds: 300 }];

type Week = CampaignDefinition['schedule']['week'];

function windowsOf(week: Week): Partial<Record<Weekday, CallingWindow[]>> {
  const out: Partial<Record<Weekday, CallingWindow[]>> = {};
  for (const [day, list] of Object.entries(week)) {
    out[day as Weekday] = (list ?? []).map((w) => { const [from, to] = w.split('-') as [string, string]; return { from, to }; });
  }
  return out;
}

/** A task's calling rules for the compliance engine, and each region's own (by E.164 prefix, longest first). */
export interface TaskCallingRules {
  rulesFor(phone: string): { rules: CallingRules; calleeZone: string | null };
}

export function callingRulesOf(def: CampaignDefinition): TaskCallingRules {
  const s = def.schedule;
  const base: CallingRules = {
    timeZone: s.timeZone, windows: windowsOf(s.week), holidays: s.holidays ?? [],
    perNumber: { ...(def.limits?.perDay ? { perDay: def.limits.perDay } : {}), ...(def.limits?.lifetime ? { lifetime: def.limits.lifetime } : {}) },
    workspaceCaps: WORKSPACE_CAPS,
  };
  // One rules object per region, made once: the engine caches its parse of each (a WeakMap keyed by the object).
  const regions = [...(s.regions ?? [])].sort((a, b) => b.prefix.length - a.prefix.length).map((r) => ({
    prefix: r.prefix, zone: r.timeZone ?? null, rules: r.week || r.timeZone ? { ...base, ...(r.week ? { windows: windowsOf(r.week) } : {}), ...(r.timeZone ? { timeZone: r.timeZone } : {}) } : base,
  }));
  const calleeZones = s.calleeTimeZone !== false;
  return {
    rulesFor(phone) {
      const region = regions.find((r) => phone.startsWith(r.prefix));
      return { rules: region?.rules ?? base, calleeZone: calleeZones ? region?.zone ?? null : null };
    },
  };
}
