import { useTranslation } from 'react-i18next';
import { DATE_BUCKETS, localize, type ReportDefinition, type ReportDimension } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { removeDimension, updateDimension } from './report-ops';
import type { ReportSource } from './use-report-source';

interface Props {
  dimension: ReportDimension;
  source: ReportSource;
  issues: readonly Issue[];
  onChange(change: (def: ReportDefinition) => ReportDefinition): void;
}

/** A placed dimension: what it groups by, the date bucket of a date, and a remove button. */
export function DimensionChip({ dimension: d, source, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const field = source.fields?.find((f) => f.key === d.field);
  const name = d.by === 'field' || d.by === 'date' ? (field ? localize(field.label, locale) : d.field ?? t('reportDesigner.builtIn.date')) : t(`reportDesigner.builtIn.${d.by}`);
  return (
    <div className={`zone-chip${issues.length ? ' has-issues' : ''}`} data-testid={`dimension-${d.id}`}>
      <span className="zone-chip-name">{name}</span>
      {d.by === 'date' && (
        <select aria-label={t('reportDesigner.bucket')} data-testid={`bucket-${d.id}`} value={d.bucket ?? 'day'} aria-invalid={issues.length > 0}
          onChange={(e) => onChange((def) => updateDimension(def, d.id, { bucket: e.target.value as ReportDimension['bucket'] }))}>
          {DATE_BUCKETS.map((b) => <option key={b} value={b}>{t(`reportDesigner.bucketOf.${b}`)}</option>)}
        </select>
      )}
      <button type="button" className="icon-btn" aria-label={t('reportDesigner.removeNamed', { name })} data-testid={`remove-dimension-${d.id}`} onClick={() => onChange((def) => removeDimension(def, d.id))}>×</button>
      <InlineIssues issues={issues} />
    </div>
  );
}
