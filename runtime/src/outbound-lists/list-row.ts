import { isDialablePhone, message, normalizePhone, type FieldDefinition, type Locale, type ValidationIssue } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { coerceCell } from '../imports/coerce.js';
import type { ListHome } from './list-home.js';
import { bilingual, text } from './messages.js';

/** File column -> list column (the number column or one of the task's columns). */
export type ListMapping = Record<string, string>;

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-./()（）:：*]/g, '');

/** The list columns with the names a file may give them: their own, and their field's key and labels. */
function namesOf(home: ListHome): Array<{ column: string; names: string[] }> {
  const all = [{ column: home.phoneColumn, field: home.phoneField }, ...home.columns];
  return all.map(({ column, field }) => ({
    column, names: [column, field?.key, field?.label?.zh, field?.label?.en].filter((n): n is string => !!n).map(squash),
  }));
}

/** A first guess: a file column named like a list column (or like the field it fills), each list column once. */
export function suggestListMapping(home: ListHome, fileColumns: string[]): ListMapping {
  const taken = new Set<string>();
  const mapping: ListMapping = {};
  const lists = namesOf(home);
  for (const fileColumn of fileColumns) {
    const found = lists.find((l) => !taken.has(l.column) && l.names.includes(squash(fileColumn)));
    if (!found) continue;
    mapping[fileColumn] = found.column;
    taken.add(found.column);
  }
  return mapping;
}

/** Refuses a mapping naming a column the file lacks, a list column the task does not have, one twice, or no number. */
export function checkListMapping(home: ListHome, fileColumns: string[], mapping: ListMapping, locale: Locale): ListMapping {
  const listColumns = new Set([home.phoneColumn, ...home.columns.map((c) => c.column)]);
  const issues: ValidationIssue[] = [];
  const used = new Set<string>();
  const clean: ListMapping = {};
  for (const [fileColumn, listColumn] of Object.entries(mapping)) {
    if (!listColumn) continue;
    const path = `/mapping/${fileColumn}`;
    if (!fileColumns.includes(fileColumn)) issues.push({ path, code: 'unknown_column', message: text('unknown_list_column', locale) });
    else if (!listColumns.has(listColumn) || used.has(listColumn)) issues.push({ path, code: 'unknown_list_column', message: text('unknown_list_column', locale) });
    used.add(listColumn);
    clean[fileColumn] = listColumn;
  }
  if (!used.has(home.phoneColumn)) {
    issues.push({ path: '/mapping', code: 'phone_unmapped', message: text('phone_unmapped', locale, { column: home.phoneColumn }) });
  }
  if (issues.length) throw new ApiError(400, 'invalid_mapping', text('invalid_mapping', locale), issues);
  return clean;
}

const digitCount = (s: string) => s.replace(/\D/g, '').length;

/** A number the platform can dial, by the rules of the phone field that reads it (lenient fields: any digits). */
export function dialable(phone: string, field: FieldDefinition): boolean {
  if (field.lenient) return digitCount(phone) >= 3 && digitCount(phone) <= 20;
  return isDialablePhone(phone, field.defaultCountry);
}

export type ListRow =
  | { ok: true; phone: string; values: Record<string, unknown> }
  | { ok: false; column: string; reason: { zh: string; en: string } };

/**
 * Reads rows of one file: the number normalized to E.164 the way a record's phone field stores it (the same
 * normalizePhone and dialability rule), the other columns as the field they fill would store them, by list column.
 */
export function listRowReader(home: ListHome, fileColumns: string[], mapping: ListMapping) {
  const fieldOf = new Map(home.columns.map((c) => [c.column, c.field]));
  const mapped = Object.entries(mapping).map(([fileColumn, column]) => ({ fileColumn, column, index: fileColumns.indexOf(fileColumn) }));
  const phoneAt = mapped.find((m) => m.column === home.phoneColumn)!;
  const country = home.phoneField.defaultCountry;
  const undialable = { zh: message('undialable_phone', 'zh', { country: country ?? '' }), en: message('undialable_phone', 'en', { country: country ?? '' }) };
  return (cells: string[]): ListRow => {
    const raw = (cells[phoneAt.index] ?? '').trim();
    if (!raw) return { ok: false, column: phoneAt.fileColumn, reason: bilingual('number_missing') };
    const phone = normalizePhone(raw, country);
    if (!dialable(phone, home.phoneField)) return { ok: false, column: phoneAt.fileColumn, reason: undialable };
    const values: Record<string, unknown> = {};
    for (const m of mapped) {
      if (m === phoneAt) continue;
      const field = fieldOf.get(m.column);
      const cell = cells[m.index] ?? '';
      const value = field ? coerceCell(field, cell) : cell.trim() || undefined;
      if (value !== undefined) values[m.column] = value;
    }
    return { ok: true, phone, values };
  };
}
