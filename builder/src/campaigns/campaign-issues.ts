import { scriptTokens, type DispositionsDefinition, type EntityDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import type { Campaign } from './campaign-ops';

interface Context {
  /** Published owned objects; undefined while loading (nothing is checked then). */
  entities: EntityDefinition[] | undefined;
  /** The chosen dispositions definition as published; undefined while loading or when none is chosen. */
  dispositions: DispositionsDefinition | undefined;
  message: { entity: string; field: string; token: (token: string) => string; disposition: string };
}

/**
 * The publish checks the builder can run itself with the definitions it has loaded (the runtime repeats them and
 * adds the organisation's): the object exists, mapped columns and script tokens name its fields, and the offered
 * outcomes and rule outcomes are the definition's. Shown live at their inputs instead of only on publish.
 */
export function crossIssues(def: Campaign, ctx: Context): Issue[] {
  const out: Issue[] = [];
  if (ctx.entities) {
    const entity = ctx.entities.find((e) => e.key === (def.entity ?? 'customer'));
    if (!entity) out.push({ path: '/entity', code: 'unknown_entity', message: ctx.message.entity });
    else {
      const fields = new Set(entity.fields.filter((f) => !f.retired).map((f) => f.key));
      (def.columns ?? []).forEach((c, i) => {
        if (c.field && !fields.has(c.field)) out.push({ path: `/columns/${i}/field`, code: 'unknown_field', message: ctx.message.field });
      });
      for (const lang of ['zh', 'en'] as const) {
        const bad = scriptTokens(def.script?.[lang] ?? '').find((tk) => tk.field !== null && !fields.has(tk.field));
        if (bad) out.push({ path: `/script/${lang}`, code: 'unknown_token', message: ctx.message.token(bad.text) });
      }
    }
  }
  if (ctx.dispositions) {
    const keys = new Set(ctx.dispositions.outcomes.map((o) => o.key));
    (def.dispositions?.offered ?? []).forEach((k, i) => {
      if (!keys.has(k)) out.push({ path: `/dispositions/offered/${i}`, code: 'unknown_disposition', message: ctx.message.disposition });
    });
    (def.rules ?? []).forEach((r, i) => {
      if (r.disposition && !keys.has(r.disposition)) out.push({ path: `/rules/${i}/disposition`, code: 'unknown_disposition', message: ctx.message.disposition });
    });
  }
  return out;
}
