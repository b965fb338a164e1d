import { useTranslation } from 'react-i18next';
import type { PoolDefinition } from '@telesales/schemas';

/** Marks the pools every workspace has (default, lost, invalid): they cannot be removed and their role is fixed. */
export function SystemBadge({ system }: { system: PoolDefinition['system'] }) {
  const { t } = useTranslation();
  if (!system) return null;
  return (
    <span className="badge system" title={t('pools.systemHint')} data-testid="system-badge" data-system={system}>
      {t(`pools.system.${system}`)}
    </span>
  );
}
