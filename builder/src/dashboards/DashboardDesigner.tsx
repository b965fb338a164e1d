import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localize, validateDefinition, type DashboardDefinition, type ReportParams } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { InlineIssues } from '../ui/InlineIssues';
import { Loading } from '../ui/Loading';
import { issuesUnder } from '../api/issues';
import { addTile } from './dashboard-ops';
import { DashboardGrid } from './DashboardGrid';
import { DashboardSettings } from './DashboardSettings';
import { DashboardTileTitles } from './DashboardTileTitles';
import { useDashboardCatalog } from './use-dashboard-catalog';

/** The run parameters every tile gets in the designer: the filters' starting values (what a viewer first sees). */
function startingParams(def: DashboardDefinition): ReportParams {
  const f = def.filters ?? {};
  return { ...(f.range ? { range: f.range.default } : {}), ...(f.team?.default ? { team: f.team.default } : {}), ...(f.task?.default ? { task: f.task.default } : {}) };
}

/**
 * The dashboard designer: published reports added as tiles, placed and resized on the grid, each previewed with the
 * dashboard's filters; the filters offered and the roles that see it at the side. Published like every definition.
 */
export function DashboardDesigner({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('dashboard', defKey);
  const catalog = useDashboardCatalog();
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);
  const params = useMemo(() => (def ? startingParams(def) : {}), [def]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;
  const reports = catalog.data?.reports ?? [];

  return (
    <DraftFrame kind="dashboard" draft={draft} issueCount={issues.length} neverPublishedText={t('dashboards.discardNeverPublished')} className="designer dashboard-designer">
      <IssueSummary def={def} issues={issues} onGo={() => undefined} />
      <div className="dashboard-body">
        <aside className="report-pane">
          <DashboardSettings def={def} catalog={catalog.data} issues={issues} onChange={draft.update} />
          <DashboardTileTitles def={def} reports={reports} issues={issues} onChange={draft.update} />
        </aside>
        <main className="report-pane dashboard-center">
          <div className="dashboard-toolbar">
            <select aria-label={t('dashboardDesigner.addTile')} data-testid="add-tile" value=""
              onChange={(e) => e.target.value && draft.update((d) => addTile(d, e.target.value))}>
              <option value="">{reports.length ? `+ ${t('dashboardDesigner.addTile')}: ${t('dashboardDesigner.chooseReport')}` : t('dashboardDesigner.noReports')}</option>
              {reports.map((r) => <option key={r.key} value={r.key}>{localize(r.label, locale) || r.key}</option>)}
            </select>
            <span className="muted small">{t('dashboardDesigner.previewWith')}</span>
          </div>
          <InlineIssues issues={issuesUnder(issues, '/tiles')} />
          <DashboardGrid def={def} reports={reports} params={params} onChange={draft.update} />
        </main>
      </div>
    </DraftFrame>
  );
}
