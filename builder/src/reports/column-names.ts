import { localize, metricSpec, type Locale, type ReportDefinition, type ReportField } from '@telesales/schemas';
import type { TFunction } from 'i18next';

/** What people call a dimension or measure of the report in pickers (its label, else what it groups or computes). */
export function columnName(def: ReportDefinition, id: string, fields: readonly ReportField[] | null, locale: Locale, t: TFunction): string {
  const field = (key: string | undefined) => localize(fields?.find((f) => f.key === key)?.label, locale) || key || '';
  const d = def.dimensions?.find((x) => x.id === id);
  if (d) {
    if (d.label) return localize(d.label, locale);
    if (d.by === 'field') return field(d.field);
    if (d.by === 'date') return `${field(d.field) || t('reportDesigner.builtIn.date')} · ${t(`reportDesigner.bucketOf.${d.bucket ?? 'day'}`)}`;
    return t(`reportDesigner.builtIn.${d.by}`);
  }
  const m = def.measures.find((x) => x.id === id);
  if (!m) return id;
  if (m.label) return localize(m.label, locale);
  if (m.op === 'metric') return localize(metricSpec(m.metric ?? '')?.label, locale) || m.metric || id;
  if (m.op === 'count') return t('reportDesigner.op.count');
  if (m.field) return `${t(`reportDesigner.op.${m.op}`)} · ${field(m.field)}`;
  return t(`reportDesigner.op.${m.op}`);
}
