import {
  isCompatibleTypeChange, localize,
  type EntityDefinition, type FieldDefinition, type FieldType, type Locale, type ValidationIssue,
} from '@telesales/schemas';
import type { Collection, Db } from 'mongodb';
import { recordsCollection, type RecordDoc } from './record-doc.js';

/**
 * The "breaks stored data" check run before an entity is published. A change that would leave stored
 * values meaningless (a removed field or option still in use, an incompatible type change, a new unique
 * rule the data already violates) is refused with the number of records affected, rather than migrated
 * automatically: converting "abc" to an integer or deleting a used option means throwing data away, and
 * no data is ever lost silently. Retiring the field or option keeps the data and is always allowed.
 * Deleted records count too: they can be restored.
 */
export async function breaksStoredData(
  db: Db, next: EntityDefinition, previous: EntityDefinition | null, locale: Locale,
): Promise<ValidationIssue[]> {
  if (!previous) return [];
  const issue = (path: string, n: number, what: Breakage, p: Params) => breakage(path, n, what, p, locale);
  // People know fields by their labels; the key follows for the builder's search.
  const name = (f: FieldDefinition) => `${localize(f.label, locale) || f.key} (${f.key})`;
  const records = recordsCollection(db, next.key);
  const issues: ValidationIssue[] = [];
  const byId = new Map(next.fields.map((f, i) => [f.id, i]));
  const byKey = new Map(next.fields.map((f, i) => [f.key, i]));
  for (const before of previous.fields) {
    const index = byId.get(before.id) ?? byKey.get(before.key);
    const after = index === undefined ? undefined : next.fields[index];
    const used = () => countWith(records, before.key);
    if (!after) {
      const n = await used();
      if (n) issues.push(issue('/fields', n, 'removed', { field: name(before) }));
      continue;
    }
    const at = `/fields/${index}`;
    if (after.key !== before.key) {
      const n = await used();
      if (n) issues.push(issue(`${at}/key`, n, 'key', { field: name(before) }));
      continue;
    }
    if (!isCompatibleTypeChange(before.type as FieldType, after.type as FieldType)) {
      const n = await used();
      if (n) issues.push(issue(`${at}/type`, n, 'type', { field: name(before), from: before.type, to: after.type }));
      continue;
    }
    issues.push(...await removedOptions(records, before, after, at, (path, n, what, p) => issue(path, n, what, { ...p, field: name(before) })));
    if (after.unique && !before.unique) {
      const n = await duplicated(records, [after.key]);
      if (n) issues.push(issue(`${at}/unique`, n, 'unique', { field: name(after) }));
    }
  }
  const oldKeys = new Set((previous.duplicateKeys ?? []).map((k) => k.join('+')));
  for (const [j, keys] of (next.duplicateKeys ?? []).entries()) {
    if (oldKeys.has(keys.join('+'))) continue;
    const n = await duplicated(records, keys);
    if (n) issues.push(issue(`/duplicateKeys/${j}`, n, 'unique', { field: keys.map((k) => { const f = next.fields.find((x) => x.key === k); return f ? name(f) : k; }).join(' + ') }));
  }
  return issues;
}

type Params = Record<string, string>;
type Breakage = keyof typeof SENTENCES;
type IssueOf = (path: string, n: number, what: Breakage, p: Params) => ValidationIssue;

/** "<n> records ...": what the stored data would lose, and what to do instead. */
const SENTENCES = {
  removed: {
    en: (p: Params) => `have values for the removed field "${p.field}": retire it instead`,
    zh: (p: Params) => `条记录有已删除字段“${p.field}”的值：请改为停用该字段`,
  },
  key: {
    en: (p: Params) => `have values stored under "${p.field}", whose key cannot change once used: retire the field and add a new one instead`,
    zh: (p: Params) => `条记录在“${p.field}”下存有值，已使用的键不能修改：请停用该字段并新建一个`,
  },
  type: {
    en: (p: Params) => `have ${p.from} values in "${p.field}" that ${/^[aeiou]/.test(String(p.to)) ? 'an' : 'a'} ${p.to} field cannot hold: retire it instead`,
    zh: (p: Params) => `条记录的“${p.field}”存有${p.from}类型的值，${p.to}字段无法保存：请改为停用该字段`,
  },
  option: {
    en: (p: Params) => `use the option "${p.option}" of "${p.field}": retire it instead`,
    zh: (p: Params) => `条记录使用了“${p.field}”的选项“${p.option}”：请改为停用该选项`,
  },
  unique: {
    en: (p: Params) => `share their ${p.field} with another record: merge or correct them first`,
    zh: (p: Params) => `条记录的“${p.field}”与其他记录重复：请先合并或修正`,
  },
} as const;

function breakage(path: string, n: number, what: Breakage, p: Params, locale: Locale): ValidationIssue {
  const sentence = SENTENCES[what][locale](p);
  const message = locale === 'zh' ? `${n} ${sentence}` : `${n} record${n === 1 ? '' : 's'} ${sentence}`;
  return { path, code: 'breaks_data', message };
}

function countWith(records: Collection<RecordDoc>, key: string, value?: string): Promise<number> {
  return records.countDocuments({ [`values.${key}`]: value === undefined ? { $exists: true } : value });
}

/** Options matched by value: a value that disappears (removed, or renamed under the same id) orphans data. */
async function removedOptions(
  records: Collection<RecordDoc>, before: FieldDefinition, after: FieldDefinition, at: string, issue: IssueOf,
) {
  const kept = new Set((after.options ?? []).map((o) => o.value));
  const out: ValidationIssue[] = [];
  if (!after.options) return out; // the type changed away from options (e.g. select -> text): values stay valid
  for (const option of before.options ?? []) {
    if (kept.has(option.value)) continue;
    const n = await countWith(records, before.key, option.value);
    if (n) out.push(issue(`${at}/options`, n, 'option', { option: option.value }));
  }
  return out;
}

/** How many records share a value (or a combination of values) with at least one other record. */
async function duplicated(records: Collection<RecordDoc>, keys: string[]): Promise<number> {
  const [row] = await records.aggregate<{ n: number }>([
    { $match: Object.fromEntries(keys.map((k) => [`values.${k}`, { $exists: true }])) },
    { $group: { _id: Object.fromEntries(keys.map((k) => [k, `$values.${k}`])), n: { $sum: 1 } } },
    { $match: { n: { $gt: 1 } } },
    { $group: { _id: null, n: { $sum: '$n' } } },
  ]).toArray();
  return row?.n ?? 0;
}
