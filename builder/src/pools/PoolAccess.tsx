import { useTranslation } from 'react-i18next';
import type { PoolDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { PanelSection } from '../ui/PanelSection';
import { PrincipalList } from './PrincipalList';
import { usePrincipals } from './use-principals';

interface Props {
  def: PoolDefinition;
  issues: readonly Issue[];
  onChange(change: (def: PoolDefinition) => PoolDefinition): void;
}

/** Who may take from the pool (members) and who runs it (admins): people, teams or roles. */
export function PoolAccess({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const principals = usePrincipals();
  return (
    <section className="pool-pane" aria-labelledby="pool-access-title" data-testid="pool-access">
      <div className="pane-head">
        <h2 id="pool-access-title">{t('pools.access')}</h2>
      </div>
      <div className="pane-scroll pool-pane-body">
        {(['members', 'admins'] as const).map((list) => (
          <PanelSection key={list} title={t(`pools.${list}`)}>
            <PrincipalList
              chosen={def[list] ?? []}
              onChange={(change) => onChange((d) => ({ ...d, [list]: change(d[list] ?? []) }))}
              principals={principals}
              issues={issues}
              pointer={`/${list}`}
              text={{ title: t(`pools.${list}`), hint: t(`pools.${list}Hint`), empty: t(`pools.${list}Empty`) }}
              testId={`pool-${list}`}
            />
          </PanelSection>
        ))}
      </div>
    </section>
  );
}
