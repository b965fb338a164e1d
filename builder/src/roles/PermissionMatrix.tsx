import { useTranslation } from 'react-i18next';
import type { RoleDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import { issuesUnder, type Issue } from '../api/issues';
import type { AsyncState } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { PermissionRow, type MatrixRow } from './PermissionRow';
import { DEFAULT_KEY, PERMISSIONS } from './role-ops';

interface Props {
  def: RoleDefinition;
  issues: readonly Issue[];
  entities: AsyncState<DefinitionSummary[]>;
  onChange(change: (def: RoleDefinition) => RoleDefinition): void;
}

/**
 * One row per published object plus the "*" default row; columns are the six permissions and a data-scope
 * override. Objects the role names that are not published (removed, renamed) are listed so they can be cleaned up.
 */
export function PermissionMatrix({ def, issues, entities, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const published = [...(entities.data ?? [])].filter((e) => e.version > 0).sort((a, b) => a.key.localeCompare(b.key));
  const rows: MatrixRow[] = [
    { key: DEFAULT_KEY, name: t('roles.defaultRow'), kind: 'default' },
    ...published.map((e): MatrixRow => ({ key: e.key, name: localize(e.label, locale) || e.key, kind: 'entity' })),
    ...Object.keys(def.entities)
      .filter((k) => k !== DEFAULT_KEY && !published.some((e) => e.key === k))
      .sort()
      .map((k): MatrixRow => ({ key: k, name: k, kind: entities.data ? 'unknown' : 'entity' })),
  ];

  return (
    <section className="matrix-pane" aria-labelledby="matrix-title" data-testid="permission-matrix">
      <div className="pane-head">
        <h2 id="matrix-title">{t('roles.matrix')}</h2>
        <span className="muted small">{t('roles.matrixHint')}</span>
      </div>
      <div className="matrix-scroll">
        {entities.error != null && <ErrorState error={entities.error} onRetry={entities.reload} />}
        <table className="table matrix">
          <thead>
            <tr>
              <th scope="col">{t('roles.object')}</th>
              {PERMISSIONS.map((p) => (
                <th key={p} scope="col" className="center" title={t(`perm.${p}Hint`)}>
                  {t(`perm.${p}`)}
                </th>
              ))}
              <th scope="col" title={t('roles.scopeOverrideHint')}>
                {t('roles.scopeOverride')}
              </th>
              <th scope="col" title={t('roles.capHint')}>
                {t('roles.cap')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('versions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <PermissionRow key={row.key} row={row} def={def} issues={issuesUnder(issues, `/entities/${row.key}`)} onChange={onChange} />
            ))}
          </tbody>
        </table>
        {entities.loading && !entities.data && <Loading />}
        {entities.data && published.length === 0 && (
          <p className="state empty small" data-testid="matrix-no-entities">
            {t('roles.noEntities')}
          </p>
        )}
        <p className="hint matrix-legend">{t('roles.legend')}</p>
      </div>
    </section>
  );
}
