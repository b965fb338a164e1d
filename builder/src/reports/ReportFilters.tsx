import { useTranslation } from 'react-i18next';
import { FILTER_OPERATORS, localize, type FilterCondition, type ReportDefinition, type ReportField } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';

/** Operators whose value is a list typed with commas. */
const LIST_OPS = new Set(['in', 'nin', 'between']);
const NO_VALUE = new Set(['isEmpty', 'isNotEmpty']);

/** The report's filter as conditions that all must hold (`{and: [...]}` of the records' filter language). */
function conditionsOf(filter: unknown): FilterCondition[] {
  if (!filter || typeof filter !== 'object') return [];
  const f = filter as { and?: unknown[] } & Partial<FilterCondition>;
  if (Array.isArray(f.and)) return f.and.filter((c): c is FilterCondition => !!c && typeof (c as FilterCondition).field === 'string');
  return typeof f.field === 'string' ? [f as FilterCondition] : [];
}

interface Props {
  def: ReportDefinition;
  fields: readonly ReportField[] | null;
  issues: readonly Issue[];
  onChange(change: (def: ReportDefinition) => ReportDefinition): void;
}

/** Conditions on the source's fields, every one of which a counted document meets. */
export function ReportFilters({ def, fields, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const conditions = conditionsOf(def.filter);
  const save = (next: FilterCondition[]) => onChange((d) => {
    const { filter: _old, ...rest } = d;
    return next.length ? { ...rest, filter: { and: next } } : rest;
  });
  const edit = (i: number, change: Partial<FilterCondition>) => save(conditions.map((c, n) => (n === i ? { ...c, ...change } : c)));
  const valueText = (c: FilterCondition) => (Array.isArray(c.value) ? c.value.join(', ') : c.value === undefined ? '' : String(c.value));
  const parse = (op: string, text: string, field?: ReportField) => {
    const one = (s: string) => (field && ['integer', 'decimal', 'money', 'percent'].includes(field.type) && s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s.trim());
    return LIST_OPS.has(op) ? text.split(/[,，]/).map(one).filter((x) => x !== '') : one(text);
  };
  return (
    <div className="report-filters" data-testid="report-filters">
      {conditions.map((c, i) => {
        const field = fields?.find((f) => f.key === c.field);
        return (
          <div className="filter-row" key={i} data-testid="filter-row">
            <select aria-label={t('reportDesigner.field')} value={c.field} onChange={(e) => edit(i, { field: e.target.value })}>
              {(fields ?? []).filter((f) => !f.masked).map((f) => <option key={f.key} value={f.key}>{localize(f.label, locale)}</option>)}
            </select>
            <select aria-label={t('reportDesigner.condition')} value={c.op} onChange={(e) => edit(i, { op: e.target.value as FilterCondition['op'], ...(NO_VALUE.has(e.target.value) ? { value: undefined } : {}) })}>
              {FILTER_OPERATORS.map((op) => <option key={op} value={op}>{t(`reportDesigner.filterOp.${op}`)}</option>)}
            </select>
            {!NO_VALUE.has(c.op) && (field?.options ? (
              <select aria-label={t('reportDesigner.value')} value={valueText(c)} onChange={(e) => edit(i, { value: parse(c.op, e.target.value, field) })}>
                <option value="">{t('reportDesigner.choose')}</option>
                {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : (
              <input aria-label={t('reportDesigner.value')} value={valueText(c)} onChange={(e) => edit(i, { value: parse(c.op, e.target.value, field) })} />
            ))}
            <button type="button" className="icon-btn" aria-label={t('reportDesigner.removeCondition')} onClick={() => save(conditions.filter((_, n) => n !== i))}>×</button>
          </div>
        );
      })}
      <button type="button" className="linklike" data-testid="add-filter" disabled={!fields?.length}
        onClick={() => save([...conditions, { field: fields![0]!.key, op: 'eq', value: '' }])}>+ {t('reportDesigner.addCondition')}</button>
      <InlineIssues issues={issues} />
    </div>
  );
}
