import { dayExists, leadingDayExists, normalizePhone, type FieldDefinition } from '@telesales/schemas';

const LIST_SEPARATORS = /[,;，；、|]/;
const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '有', 'x', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '无', '不是']);

const pad = (s: string) => s.padStart(2, '0');

/** An option by its value or its label in either language, as people type them in spreadsheets. */
function optionValue(field: FieldDefinition, text: string): string {
  const lower = text.toLowerCase();
  const option = (field.options ?? []).find((o) => !o.retired && (
    o.value.toLowerCase() === lower || o.label?.zh === text || o.label?.en?.toLowerCase() === lower
  ));
  return option?.value ?? text;
}

function number(text: string): number | string {
  const cleaned = text.replace(/[\s,，¥￥$€%]/g, '');
  const n = cleaned === '' ? NaN : Number(cleaned);
  return Number.isFinite(n) ? n : text;
}

/** 2024/3/5, 2024.3.5, 2024年3月5日 -> 2024-03-05; anything else is left for the validator to refuse. */
function date(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : text;
}

/**
 * A date and time as an ISO instant. Date rolls impossible days over (30 February becomes 2 March), so a
 * day that does not exist is passed through as text, for the validator to refuse the row.
 */
function datetime(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    if (!leadingDayExists(text)) return text;
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? text : d.toISOString();
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m || !dayExists(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return text;
  // A wall-clock time in a spreadsheet is the importer's local time (the server's zone stands in for it).
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

/**
 * A cell's text as the value a field stores. What cannot be read is passed through as text, so the
 * record validator refuses it with its usual message ("must be a number", "must be one of ...").
 * Undefined: the cell is blank (the field is left out, and its default applies).
 */
export function coerceCell(field: FieldDefinition, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (field.type) {
    case 'phone':
      return normalizePhone(text, field.defaultCountry);
    case 'integer': case 'decimal': case 'money': case 'percent':
      return number(text);
    case 'date':
      return date(text);
    case 'datetime':
      return datetime(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
    }
    case 'select':
      return optionValue(field, text);
    case 'multiselect':
      return [...new Set(text.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean).map((s) => optionValue(field, s)))];
    case 'tags':
      return [...new Set(text.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean))];
    case 'address':
      return { street: text };
    default:
      return text;
  }
}

/** Field types a spreadsheet cell can fill (files cannot be imported from a cell). */
export const importable = (field: FieldDefinition) => field.type !== 'attachment';
