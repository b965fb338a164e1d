import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize, type DashboardTile, type ReportParams, type ReportResultJson } from '@telesales/schemas';
import { ApiError } from '../api/client';
import { runReport } from '../api/reports';
import { useLocale } from '../i18n';
import { ReportView } from '../report-view/ReportView';

interface Props {
  tile: DashboardTile;
  /** The report's label, when the catalogue knows it. */
  reportLabel?: { zh?: string; en?: string };
  params: ReportParams;
  onRemove(): void;
}

/** One tile in the designer: its heading, a remove button, and the published report run with the dashboard's filters. */
export function DashboardTileView({ tile, reportLabel, params, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [result, setResult] = useState<ReportResultJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    let live = true;
    setError(null);
    runReport(tile.report, JSON.parse(paramsKey) as ReportParams)
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => { live = false; };
  }, [tile.report, paramsKey, locale]);
  const title = localize(tile.title ?? reportLabel, locale) || tile.report;
  return (
    <div className="dashboard-tile" data-testid={`tile-${tile.id}`}>
      <header className="dashboard-tile-head tile-drag-handle">
        <span className="dashboard-tile-title">{title}</span>
        <button type="button" className="icon-btn" aria-label={t('dashboardDesigner.removeTile', { name: title })}
          data-testid={`remove-tile-${tile.id}`} onMouseDown={(e) => e.stopPropagation()} onClick={onRemove}>×</button>
      </header>
      <div className="dashboard-tile-body">
        {error ? <p className="error" role="alert">{t('dashboardDesigner.tileProblem')} {error}</p>
          : result ? <ReportView result={result} /> : <p className="muted">{t('state.loading')}</p>}
      </div>
    </div>
  );
}
