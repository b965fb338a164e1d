import type { FieldDefinition, ValidationIssue } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from '../records/service.js';
import { importable } from './coerce.js';
import { text } from './messages.js';

/** Column -> field key; columns mapped to nothing are simply not imported. */
export type Mapping = Record<string, string>;

/** Fields this importer may fill: visible, writable, active, and a cell can hold their value. */
export function mappableFields(ctx: RecordContext): FieldDefinition[] {
  return ctx.entity.fields.filter((f) => ctx.view.visible(f) && ctx.view.writable(f) && importable(f));
}

/** Lower case without spaces and punctuation: "手机号码" ~ "手机号 码", "E-mail" ~ "email". */
const squash = (s: string) => s.toLowerCase().replace(/[\s_\-./()（）:：*]/g, '');

/**
 * A first guess of the mapping: a column whose name is a field's key or label (zh or en), else whose name
 * contains a label or is contained in it ("手机号码" -> 手机号). Each field is taken by one column only.
 */
export function suggestMapping(ctx: RecordContext, columns: string[]): Mapping {
  const fields = mappableFields(ctx);
  const names = (f: FieldDefinition) => [f.key, f.label?.zh, f.label?.en].filter((n): n is string => !!n).map(squash);
  const taken = new Set<string>();
  const mapping: Mapping = {};
  const pass = (matches: (column: string, name: string) => boolean) => {
    for (const column of columns) {
      if (mapping[column]) continue;
      const c = squash(column);
      const field = fields.find((f) => !taken.has(f.key) && names(f).some((n) => n && matches(c, n)));
      if (field) {
        mapping[column] = field.key;
        taken.add(field.key);
      }
    }
  };
  pass((c, n) => c === n);
  pass((c, n) => c.length >= 2 && n.length >= 2 && (c.includes(n) || n.includes(c)));
  return mapping;
}

/** Refuses a mapping naming columns the file lacks, fields the importer may not fill, or a field twice. */
export function checkMapping(ctx: RecordContext, columns: string[], mapping: Mapping): Mapping {
  const fields = new Map(mappableFields(ctx).map((f) => [f.key, f]));
  const issues: ValidationIssue[] = [];
  const used = new Set<string>();
  const clean: Mapping = {};
  for (const [column, key] of Object.entries(mapping)) {
    if (!key) continue;
    const path = `/mapping/${column}`;
    if (!columns.includes(column)) issues.push({ path, code: 'unknown_column', message: text('unknown_column', ctx.locale) });
    else if (!fields.has(key)) issues.push({ path, code: 'unmappable_field', message: text('unmappable_field', ctx.locale) });
    else if (used.has(key)) issues.push({ path, code: 'mapped_twice', message: text('mapped_twice', ctx.locale) });
    used.add(key);
    clean[column] = key;
  }
  if (!issues.length && !Object.keys(clean).length) {
    issues.push({ path: '/mapping', code: 'empty_mapping', message: text('empty_mapping', ctx.locale) });
  }
  if (issues.length) throw new ApiError(400, 'invalid_mapping', text('invalid_mapping', ctx.locale), issues);
  return clean;
}
