import { useTranslation } from 'react-i18next';
import { localize, RELATIVE_RANGES, type DashboardDefinition } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { PanelSection } from '../ui/PanelSection';
import type { DashboardCatalog } from './use-dashboard-catalog';

type Filters = NonNullable<DashboardDefinition['filters']>;
type Range = (typeof RELATIVE_RANGES)[number];
const DEFAULTABLE = RELATIVE_RANGES.filter((r) => r !== 'custom');

interface Props {
  def: DashboardDefinition;
  catalog: DashboardCatalog | undefined;
  issues: readonly Issue[];
  onChange(change: (def: DashboardDefinition) => DashboardDefinition): void;
}

/** The filters every tile runs with (which are offered to viewers, and their starting values) and who sees the dashboard. */
export function DashboardSettings({ def, catalog, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = def.filters ?? {};
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => onChange((d) => {
    const next = { ...(d.filters ?? {}) } as Filters;
    if (value === undefined) delete next[key];
    else next[key] = value;
    return { ...d, filters: next };
  });
  const offered = new Set<string>(filters.range?.options ?? RELATIVE_RANGES);
  const toggleOffered = (r: Range, on: boolean) => {
    const next = RELATIVE_RANGES.filter((x) => (x === r ? on : offered.has(x)));
    setFilter('range', { default: filters.range!.default, ...(next.length === RELATIVE_RANGES.length ? {} : { options: next }) });
  };
  const roles = new Set<string>(def.roles);

  return (
    <div className="dashboard-settings" data-testid="dashboard-settings">
      <PanelSection title={t('dashboardDesigner.filters')}>
        <label className="check-row">
          <input type="checkbox" data-testid="offer-range" checked={!!filters.range} onChange={(e) => setFilter('range', e.target.checked ? { default: 'thisWeek' } : undefined)} />
          {t('dashboardDesigner.offerRange')}
        </label>
        {filters.range && (
          <>
            <FormRow label={t('dashboardDesigner.defaultRange')} issues={issuesAt(issues, '/filters/range/default')}>
              {(id, invalid) => (
                <select id={id} data-testid="default-range" value={filters.range!.default} aria-invalid={invalid}
                  onChange={(e) => setFilter('range', { ...filters.range!, default: e.target.value as Filters['range'] extends { default: infer D } ? D : never })}>
                  {DEFAULTABLE.map((r) => <option key={r} value={r}>{t(`ranges.${r}`)}</option>)}
                </select>
              )}
            </FormRow>
            <fieldset className="offered-ranges">
              <legend>{t('dashboardDesigner.offeredRanges')}</legend>
              {RELATIVE_RANGES.map((r) => (
                <label key={r} className="check-row">
                  <input type="checkbox" checked={offered.has(r)} onChange={(e) => toggleOffered(r, e.target.checked)} />{t(`ranges.${r}`)}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <label className="check-row">
          <input type="checkbox" data-testid="offer-team" checked={!!filters.team} onChange={(e) => setFilter('team', e.target.checked ? {} : undefined)} />
          {t('dashboardDesigner.offerTeam')}
        </label>
        {filters.team && (
          <FormRow label={t('dashboardDesigner.defaultRange')} issues={issuesUnder(issues, '/filters/team')}>
            {(id, invalid) => (
              <select id={id} data-testid="default-team" value={filters.team!.default ?? ''} aria-invalid={invalid}
                onChange={(e) => setFilter('team', e.target.value ? { default: e.target.value } : {})}>
                <option value="">{t('dashboardDesigner.allTeams')}</option>
                {(catalog?.teams ?? []).map((team) => <option key={team.id} value={team.id}>{localize(team.name, locale)}</option>)}
              </select>
            )}
          </FormRow>
        )}
        <label className="check-row">
          <input type="checkbox" data-testid="offer-task" checked={!!filters.task} onChange={(e) => setFilter('task', e.target.checked ? {} : undefined)} />
          {t('dashboardDesigner.offerTask')}
        </label>
        {filters.task && (
          <FormRow label={t('dashboardDesigner.defaultRange')} issues={issuesUnder(issues, '/filters/task')}>
            {(id, invalid) => (
              <select id={id} data-testid="default-task" value={filters.task!.default ?? ''} aria-invalid={invalid}
                onChange={(e) => setFilter('task', e.target.value ? { default: e.target.value } : {})}>
                <option value="">{t('dashboardDesigner.allTasks')}</option>
                {(catalog?.campaigns ?? []).map((c) => <option key={c.key} value={c.key}>{localize(c.label, locale) || c.key}</option>)}
              </select>
            )}
          </FormRow>
        )}
      </PanelSection>
      <PanelSection title={t('dashboardDesigner.roles')}>
        <div data-testid="dashboard-roles" className="role-checks">
          {(catalog?.roles ?? []).map((r) => (
            <label key={r.key} className="check-row">
              <input type="checkbox" data-testid={`role-${r.key}`} checked={roles.has(r.key)}
                onChange={(e) => onChange((d) => ({ ...d, roles: e.target.checked ? [...d.roles, r.key] : d.roles.filter((x) => x !== r.key) }))} />
              {localize(r.label, locale) || r.key}
            </label>
          ))}
          <InlineIssues issues={issuesUnder(issues, '/roles')} />
        </div>
      </PanelSection>
    </div>
  );
}
