import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportResultJson } from '@telesales/schemas';
import { useLocale } from '../i18n';
import { chartOption } from './chart-option';
import { EChart } from './EChart';
import { formatFigure } from './format';
import { ReportTable } from './ReportTable';

/** A run drawn as its visual says: an ECharts chart, a table or matrix (HTML), or a single figure with its trend. */
export function ReportView({ result }: { result: ReportResultJson }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const type = String(result.visual.type);
  const option = useMemo(() => chartOption(result, locale, t('reportView.none')), [result, locale, t]);

  if (result.partial) return <p className="error" role="alert">{result.message}</p>;
  if (type === 'table' || type === 'pivot') return <ReportTable result={result} />;
  if (type === 'kpi') return <KpiFigure result={result} />;
  if (!result.rows.length && type !== 'gauge') return <p className="muted" data-testid="report-empty">{t('reportView.empty')}</p>;
  if (!option) return <ReportTable result={result} />;
  return <EChart option={option} />;
}

function KpiFigure({ result }: { result: ReportResultJson }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const measure = result.columns.find((c) => c.kind === 'measure');
  if (!measure) return null;
  const now = result.totals?.[measure.id] ?? null;
  const before = result.previous?.totals?.[measure.id] ?? null;
  const trend = typeof now === 'number' && typeof before === 'number' && before !== 0 ? (now - before) / Math.abs(before) : null;
  return (
    <div className="kpi" data-testid="report-kpi">
      <div className="kpi-label">{measure.label}</div>
      <div className="kpi-value">{formatFigure(now, measure.unit, locale)}</div>
      {trend !== null && (
        <div className={`kpi-trend ${trend >= 0 ? 'up' : 'down'}`}>
          {trend >= 0 ? '▲' : '▼'} {formatFigure(Math.abs(trend), 'ratio', locale)} {t('reportView.vsPrevious')}
        </div>
      )}
    </div>
  );
}
