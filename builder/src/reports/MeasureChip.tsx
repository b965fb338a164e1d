import { useTranslation } from 'react-i18next';
import { isNumericType, localize, METRICS, type ReportDefinition, type ReportMeasure } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { columnName } from './column-names';
import { MetricParams } from './MetricParams';
import { metricsFor, removeMeasure, setMeasureOp, updateMeasure } from './report-ops';
import type { ReportSource } from './use-report-source';

const OPS = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max', 'shareOfTotal', 'ratio', 'metric'] as const;

interface Props {
  def: ReportDefinition;
  measure: ReportMeasure;
  source: ReportSource;
  issues: readonly Issue[];
  onChange(change: (def: ReportDefinition) => ReportDefinition): void;
}

/** A placed measure: its operation, and what that operation reads (a field, a catalogue metric, other measures). */
export function MeasureChip({ def, measure: m, source, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = source.fields ?? [];
  const numeric = fields.filter((f) => isNumericType(f.type));
  const others = def.measures.filter((x) => x.id !== m.id);
  const metrics = metricsFor(source.kind, METRICS);
  const metric = METRICS.find((x) => x.id === m.metric);
  const set = (change: Partial<ReportMeasure>) => onChange((d) => updateMeasure(d, m.id, change));
  const measureName = (x: ReportMeasure) => columnName(def, x.id, source.fields, locale, t);
  const picker = (label: string, key: 'field' | 'of' | 'numerator' | 'denominator' | 'metric', options: Array<{ value: string; text: string }>) => (
    <select aria-label={label} data-testid={`measure-${m.id}-${key}`} value={(m[key] as string | undefined) ?? ''} aria-invalid={issues.some((i) => i.path.endsWith(`/${key}`))}
      onChange={(e) => set({ [key]: e.target.value || undefined })}>
      <option value="">{t('reportDesigner.choose')}</option>
      {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
    </select>
  );
  return (
    <div className={`zone-chip measure${issues.length ? ' has-issues' : ''}`} data-testid={`measure-${m.id}`}>
      <select aria-label={t('reportDesigner.operation')} data-testid={`measure-${m.id}-op`} value={m.op}
        onChange={(e) => onChange((d) => setMeasureOp(d, m.id, e.target.value as ReportMeasure['op'], fields))}>
        {OPS.map((op) => <option key={op} value={op} disabled={op === 'metric' && !metrics.length}>{t(`reportDesigner.op.${op}`)}</option>)}
      </select>
      {['sum', 'avg', 'min', 'max'].includes(m.op) && picker(t('reportDesigner.field'), 'field', numeric.map((f) => ({ value: f.key, text: localize(f.label, locale) })))}
      {m.op === 'countDistinct' && picker(t('reportDesigner.field'), 'field', fields.filter((f) => !f.masked).map((f) => ({ value: f.key, text: localize(f.label, locale) })))}
      {m.op === 'metric' && picker(t('reportDesigner.metric'), 'metric', metrics.map((x) => ({ value: x.id, text: localize(x.label, locale) })))}
      {m.op === 'shareOfTotal' && picker(t('reportDesigner.of'), 'of', others.map((x) => ({ value: x.id, text: measureName(x) })))}
      {m.op === 'ratio' && (
        <>
          {picker(t('reportDesigner.numerator'), 'numerator', others.map((x) => ({ value: x.id, text: measureName(x) })))}
          <span aria-hidden>÷</span>
          {picker(t('reportDesigner.denominator'), 'denominator', others.map((x) => ({ value: x.id, text: measureName(x) })))}
        </>
      )}
      <button type="button" className="icon-btn" aria-label={t('reportDesigner.removeNamed', { name: measureName(m) })}
        data-testid={`remove-measure-${m.id}`} disabled={def.measures.length === 1} onClick={() => onChange((d) => removeMeasure(d, m.id))}>×</button>
      {metric?.params && <MetricParams measure={m} spec={metric} fields={fields} onChange={(params) => set({ params })} />}
      {metric && <p className="formula small" data-testid={`measure-${m.id}-formula`}>{localize(metric.formula, locale)}</p>}
      <InlineIssues issues={issues} />
    </div>
  );
}
