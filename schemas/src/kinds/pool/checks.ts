import { checkExpression } from '../../expressions/index.js';
import { issue } from '../../messages.js';
import type { Locale, PoolDefinition, ValidationIssue } from '../../types.js';

/** What the JSON Schema cannot say about a pool: the condition parses, rule ids are unique, members are not listed twice. */
export function checkPool(pool: PoolDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (pool.condition !== undefined) {
    const err = checkExpression(pool.condition);
    if (err) out.push(issue('/condition', 'bad_expression', locale, { reason: err.message, position: err.position ?? 0 }));
  }
  const ids = new Set<string>();
  (pool.recycle ?? []).forEach((rule, i) => {
    if (ids.has(rule.id)) out.push(issue(`/recycle/${i}/id`, 'duplicate_id', locale, { id: rule.id }));
    ids.add(rule.id);
    if (rule.when === 'noDeal' && !rule.dealWhen) out.push(issue(`/recycle/${i}/dealWhen`, 'deal_required', locale));
  });
  for (const list of ['members', 'admins'] as const) {
    const seen = new Set<string>();
    (pool[list] ?? []).forEach((p, i) => {
      const key = `${p.type}:${p.ref}`;
      if (seen.has(key)) out.push(issue(`/${list}/${i}`, 'duplicate_key', locale, { key: p.ref }));
      seen.add(key);
    });
  }
  return out;
}
