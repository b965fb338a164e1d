import { message, type Locale, type ValidationIssue } from '@telesales/schemas';
import type { ChecklistDefinition } from './index.js';

/** What the schema cannot say: each item's key names one item. */
export function checkChecklist(def: ChecklistDefinition, locale: Locale): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  def.items.forEach((item, i) => {
    if (seen.has(item.key)) out.push({ path: `/items/${i}/key`, code: 'duplicate_key', message: message('duplicate_key', locale, { key: item.key }) });
    seen.add(item.key);
  });
  return out;
}
