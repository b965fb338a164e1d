import { createRecordValidator, defaultValues, type EntityDefinition, type RecordValidator } from '@telesales/schemas';
import type { RecordContext } from '../records/service.js';
import { coerceCell } from './coerce.js';
import type { Mapping } from './mapping.js';
import type { ImportRejectDoc } from './collections.js';

export type RowIssue = ImportRejectDoc['issues'][number];

// Published definitions are cached per version by the store, so one compiled validator per version.
const validators = new WeakMap<EntityDefinition, RecordValidator>();
function validatorFor(entity: EntityDefinition): RecordValidator {
  let v = validators.get(entity);
  if (!v) validators.set(entity, (v = createRecordValidator(entity)));
  return v;
}

/** Reads rows of one file with one mapping: each mapped column's cell becomes its field's value. */
export function rowReader(ctx: RecordContext, columns: string[], mapping: Mapping) {
  const validate = validatorFor(ctx.entity);
  const mapped = Object.entries(mapping).map(([column, key]) => ({
    column, index: columns.indexOf(column), field: ctx.view.field(key)!,
  }));
  const columnOf = new Map(mapped.map((m) => [m.field.key, m.column]));
  const defaults = defaultValues(ctx.entity);
  const mappedValues = (cells: string[]) => {
    const values: Record<string, unknown> = {};
    for (const m of mapped) {
      const value = coerceCell(m.field, cells[m.index] ?? '');
      if (value !== undefined) values[m.field.key] = value;
    }
    return values;
  };

  /**
   * The values of a new record (the definition's defaults, then the row's cells), validated like a create;
   * issues name the column and the field, with the reason in both languages.
   */
  return (cells: string[]): { values: Record<string, unknown>; mapped: Record<string, unknown>; issues: RowIssue[] } => {
    const own = mappedValues(cells);
    const values = { ...structuredClone(defaults), ...own };
    const zh = validate(values, { mode: 'create', locale: 'zh' });
    if (!zh.length) return { values, mapped: own, issues: [] };
    // Only rows with problems pay for the second language.
    const en = validate(values, { mode: 'create', locale: 'en' });
    const issues = zh.map((issue, i) => {
      const key = issue.path.split('/')[2] ?? '';
      return { column: columnOf.get(key) ?? null, field: key || null, reason: { zh: issue.message, en: en[i]?.message ?? issue.message } };
    });
    return { values, mapped: own, issues };
  };
}
