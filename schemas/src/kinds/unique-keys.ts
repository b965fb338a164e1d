import { issue } from '../messages.js';
import type { Locale, ValidationIssue } from '../types.js';

/** A `duplicate_key` issue for each item whose key an earlier item already has (lists keyed by `key`). */
export function uniqueKeys(list: { key: string }[], path: string, locale: Locale): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  list.forEach((item, i) => {
    if (seen.has(item.key)) out.push(issue(`${path}/${i}/key`, 'duplicate_key', locale, { key: item.key }));
    seen.add(item.key);
  });
  return out;
}
