import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import type { AsyncState } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { useOwnedEntities } from './use-owned-entities';

interface Props {
  entities: AsyncState<EntityDefinition[]>;
  value: string;
  onChange(entity: string): void;
  issues: readonly Issue[];
  testId: string;
  /** Published pools keep their object: moving it would strand the records already in the pool. */
  locked?: boolean;
  /** Another editor's label and hint (an outbound task's "becomes a"); the pool's by default. */
  label?: string;
  hint?: string;
}

/** The object whose records a pool holds: only published objects whose records have an owner. */
export function PoolEntitySelect({ entities, value, onChange, issues, testId, locked, label, hint: ownHint }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = entities.data ?? [];
  const unknown = value !== '' && entities.data !== undefined && !list.some((e) => e.key === value);
  const hint = locked
    ? t('pools.entityLocked')
    : entities.error != null
      ? t('pools.entitiesFailed')
      : entities.data && list.length === 0
        ? t('pools.noOwnedEntities')
        : (ownHint ?? t('pools.entityHint'));
  return (
    <FormRow label={label ?? t('pools.entity')} issues={issues} hint={hint}>
      {(id, invalid) => (
        <select
          id={id}
          value={value}
          aria-invalid={invalid}
          disabled={locked || entities.loading}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        >
          <option value="">{entities.loading ? t('state.loading') : t('pools.chooseEntity')}</option>
          {list.map((e) => (
            <option key={e.key} value={e.key}>
              {localize(e.label, locale) || e.key}
            </option>
          ))}
          {unknown && <option value={value}>{value} ⚠</option>}
        </select>
      )}
    </FormRow>
  );
}

/** The same select loading the objects itself (the new-pool dialog has no editor around it to share them). */
export function NewPoolEntitySelect(props: Omit<Props, 'entities'>) {
  return <PoolEntitySelect entities={useOwnedEntities()} {...props} />;
}
