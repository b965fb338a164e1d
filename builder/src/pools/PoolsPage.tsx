import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import type { NewDefinition } from '../app/kind-editors';
import { useAsync } from '../hooks/use-async';
import { DefinitionList } from '../entities/DefinitionList';
import { useLocale } from '../i18n';
import { SystemBadge } from './SystemBadge';
import { usePoolCatalog } from './use-pool-catalog';

/** The pools list: the shared definition list plus each pool's object, hand-out mode and system badge. */
export function PoolsPage({ create }: { create: NewDefinition }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pools = usePoolCatalog();
  const entities = useAsync(() => listDefinitions('entity'), []);
  const entityName = (key: string) => {
    const e = entities.data?.find((x) => x.key === key);
    return e ? localize(e.label, locale) || key : key;
  };
  return (
    <DefinitionList
      kind="pool"
      create={create}
      extra={{
        title: t('pools.holds'),
        cell: (summary) => {
          const pool = pools.data?.find((p) => p.key === summary.key);
          if (!pool) return <span className="muted">{pools.loading ? '…' : '—'}</span>;
          return (
            <span className="badges" data-testid="pool-summary" data-entity={pool.entity} data-mode={pool.mode}>
              <span>{entityName(pool.entity)}</span>
              <span className="badge muted">{t(`pools.mode_${pool.mode}`)}</span>
              {pool.mode === 'auto' && pool.tickets && <span className="badge muted">{t('pools.ticketsShort')}</span>}
              <SystemBadge system={pool.system} />
            </span>
          );
        },
      }}
    />
  );
}
