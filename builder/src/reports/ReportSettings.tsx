import { useTranslation } from 'react-i18next';
import { isTemporalType, localize, RELATIVE_RANGES, VISUALS, type ReportDefinition } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { PanelSection } from '../ui/PanelSection';
import { ReportFilters } from './ReportFilters';
import { columnName } from './column-names';
import { setSource } from './report-ops';
import type { ReportSource } from './use-report-source';

const SOURCES = ['calls', 'dials', 'moves', 'agentStates'] as const;
const CHART_OPTIONS = ['stacked', 'horizontal', 'showValues'] as const;

interface Props {
  def: ReportDefinition;
  source: ReportSource;
  issues: readonly Issue[];
  onChange(change: (def: ReportDefinition) => ReportDefinition): void;
}

/** The report's source, period, conditions, order and drawing: everything but what is dragged. */
export function ReportSettings({ def, source, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const range = def.dateRange;
  const dateFields = (source.fields ?? []).filter((f) => isTemporalType(f.type));
  const columns = [...(def.dimensions ?? []), ...def.measures];
  const sort = def.sort?.[0];
  const visual = def.visual;
  const setVisual = (change: Partial<ReportDefinition['visual']>) => onChange((d) => ({ ...d, visual: { ...d.visual, ...change } }));

  return (
    <div className="report-settings" data-testid="report-settings">
      <PanelSection title={t('reportDesigner.what')}>
        <FormRow label={t('reportDesigner.source')} issues={issuesAt(issues, '/source')}>
          {(id, invalid) => (
            <select id={id} data-testid="report-source" value={def.source} aria-invalid={invalid} onChange={(e) => onChange((d) => setSource(d, e.target.value))}>
              {SOURCES.map((s) => <option key={s} value={s}>{t(`reportDesigner.sources.${s}`)}</option>)}
              {source.entities.map((e) => <option key={e.key} value={`records:${e.key}`}>{localize(e.label, locale)}</option>)}
            </select>
          )}
        </FormRow>
        <FormRow label={t('reportDesigner.range')} issues={issuesUnder(issues, '/dateRange')}>
          {(id, invalid) => (
            <select id={id} data-testid="report-range" value={range?.range ?? ''} aria-invalid={invalid}
              onChange={(e) => onChange((d) => {
                const { dateRange: _r, ...rest } = d;
                const value = e.target.value as NonNullable<ReportDefinition['dateRange']>['range'] | '';
                return value ? { ...rest, dateRange: { ...(d.dateRange?.field ? { field: d.dateRange.field } : {}), range: value } } : rest;
              })}>
              <option value="">{t('reportDesigner.allTime')}</option>
              {RELATIVE_RANGES.map((r) => <option key={r} value={r}>{t(`ranges.${r}`)}</option>)}
            </select>
          )}
        </FormRow>
        {range?.range === 'custom' && (
          <div className="date-pair">
            <input type="date" aria-label={t('reportDesigner.from')} data-testid="report-from" value={range.from ?? ''} onChange={(e) => onChange((d) => ({ ...d, dateRange: { ...range, from: e.target.value || undefined } }))} />
            <input type="date" aria-label={t('reportDesigner.to')} data-testid="report-to" value={range.to ?? ''} onChange={(e) => onChange((d) => ({ ...d, dateRange: { ...range, to: e.target.value || undefined } }))} />
          </div>
        )}
        {range && dateFields.length > 1 && (
          <FormRow label={t('reportDesigner.rangeField')}>
            {(id) => (
              <select id={id} value={range.field ?? ''} onChange={(e) => onChange((d) => ({ ...d, dateRange: { ...range, field: e.target.value || undefined } }))}>
                <option value="">{t('reportDesigner.defaultDate')}</option>
                {dateFields.map((f) => <option key={f.key} value={f.key}>{localize(f.label, locale)}</option>)}
              </select>
            )}
          </FormRow>
        )}
      </PanelSection>
      <PanelSection title={t('reportDesigner.filters')}>
        <ReportFilters def={def} fields={source.fields} issues={issuesUnder(issues, '/filter')} onChange={onChange} />
      </PanelSection>
      <PanelSection title={t('reportDesigner.order')}>
        <FormRow label={t('reportDesigner.sortBy')} issues={issuesUnder(issues, '/sort')}>
          {(id, invalid) => (
            <div className="inline-pair">
              <select id={id} data-testid="report-sort" value={sort?.by ?? ''} aria-invalid={invalid}
                onChange={(e) => onChange((d) => {
                  const { sort: _s, ...rest } = d;
                  return e.target.value ? { ...rest, sort: [{ by: e.target.value, dir: sort?.dir ?? 'desc' }] } : rest;
                })}>
                <option value="">{t('reportDesigner.noSort')}</option>
                {columns.map((c) => <option key={c.id} value={c.id}>{columnName(def, c.id, source.fields, locale, t)}</option>)}
              </select>
              {sort && (
                <select aria-label={t('reportDesigner.direction')} value={sort.dir ?? 'asc'} onChange={(e) => onChange((d) => ({ ...d, sort: [{ by: sort.by, dir: e.target.value as 'asc' | 'desc' }] }))}>
                  <option value="desc">{t('reportDesigner.desc')}</option>
                  <option value="asc">{t('reportDesigner.asc')}</option>
                </select>
              )}
            </div>
          )}
        </FormRow>
        <FormRow label={t('reportDesigner.limit')} issues={issuesAt(issues, '/limit')}>
          {(id, invalid) => (
            <input id={id} type="number" min={1} max={1000} data-testid="report-limit" value={def.limit ?? ''} aria-invalid={invalid}
              onChange={(e) => onChange((d) => {
                const { limit: _l, ...rest } = d;
                return e.target.value ? { ...rest, limit: Number(e.target.value) } : rest;
              })} />
          )}
        </FormRow>
        <label className="check-row">
          <input type="checkbox" data-testid="report-compare" checked={!!def.compare} onChange={(e) => onChange((d) => ({ ...d, compare: e.target.checked || undefined }))} />
          {t('reportDesigner.compare')}
        </label>
      </PanelSection>
      <PanelSection title={t('reportDesigner.visual')}>
        <div className="visual-picker" role="radiogroup" aria-label={t('reportDesigner.visual')} data-testid="visual-picker">
          {VISUALS.map((v) => (
            <button key={v} type="button" role="radio" aria-checked={visual.type === v} className={`chip${visual.type === v ? ' on' : ''}`}
              data-testid={`visual-${v}`} onClick={() => setVisual({ type: v })}>{t(`reportDesigner.visuals.${v}`)}</button>
          ))}
        </div>
        {['bar', 'line', 'area'].includes(visual.type) && CHART_OPTIONS.map((o) => (
          <label key={o} className="check-row">
            <input type="checkbox" checked={!!visual.options?.[o]} onChange={(e) => setVisual({ options: { ...visual.options, [o]: e.target.checked || undefined } })} />
            {t(`reportDesigner.chartOptions.${o}`)}
          </label>
        ))}
        {(visual.type === 'kpi' || visual.type === 'gauge') && (
          <label className="check-row">
            <input type="checkbox" checked={!!visual.options?.trend} onChange={(e) => setVisual({ options: { ...visual.options, trend: e.target.checked || undefined } })} />
            {t('reportDesigner.chartOptions.trend')}
          </label>
        )}
        <InlineIssues issues={issuesUnder(issues, '/visual')} />
      </PanelSection>
    </div>
  );
}
