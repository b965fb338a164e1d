import type { DispositionsDefinition, EntityDefinition, Locale, ValidationIssue } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';
import { text } from './messages.js';

/**
 * An outcome's `setsField` (the callback's "next contact") is written into the called record's date-and-time field
 * of that key (contact-plan.ts). A key no published object with phones has as such a field would be skipped on
 * every call without a word, so publishing it is refused, on the outcome's path.
 */
export async function checkDispositionReferences(store: DefinitionStore, def: DispositionsDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const entities = (await store.listPublished('entity')) as EntityDefinition[];
  const callable = entities.filter((e) => e.fields.some((f) => f.type === 'phone' && !f.retired));
  const datetimes = new Set(callable.flatMap((e) => e.fields.filter((f) => f.type === 'datetime' && !f.retired).map((f) => f.key)));
  return def.outcomes.flatMap((o, i) =>
    o.setsField && !datetimes.has(o.setsField)
      ? [{ path: `/outcomes/${i}/setsField`, code: 'unknown_field', message: text('sets_field_unknown', locale, { field: o.setsField }) }]
      : []);
}
