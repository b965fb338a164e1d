import { localize, scriptTokens, type EntityDefinition, type Locale } from '@telesales/schemas';

/** What a script's tokens are filled from: values already as this agent may see them (masked stays masked). */
export interface ScriptData {
  agent: string;
  task: string;
  phone: string;
  /** Field key -> the value shown (the customer's card, else the list column mapped to that field). */
  fields: Record<string, unknown>;
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The script with each {{token}} replaced; a field with no value becomes empty (never raw braces in front of a callee). */
export function fillScript(script: string, data: ScriptData): string {
  const tokens = scriptTokens(script);
  let i = 0;
  return script.replace(/\{\{([^{}]*)\}\}/g, (whole) => {
    const t = tokens[i++];
    if (!t?.valid) return whole;
    if (t.field === null) return shown(data[t.text as 'agent' | 'task' | 'phone']);
    return shown(data.fields[t.field]);
  });
}

/**
 * Field values as a script in `locale` says them: a choice field's stored option keys become their labels
 * (`male` -> 男 / Male); anything else (masked values too) stays as shown.
 */
export function spokenFields(entity: EntityDefinition, values: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of entity.fields) {
    const options = field.options;
    if (!options?.length || !(field.key in values)) continue;
    const label = (v: unknown) => { const o = options.find((x) => x.value === v); return o ? localize(o.label, locale) : v; };
    const v = values[field.key];
    out[field.key] = Array.isArray(v) ? v.map(label) : label(v);
  }
  return out;
}
