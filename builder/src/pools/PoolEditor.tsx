import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { PoolAccess } from './PoolAccess';
import { crossIssues } from './pool-issues';
import { PoolSettings } from './PoolSettings';
import { RecycleRules } from './RecycleRules';
import { useOwnedEntities } from './use-owned-entities';
import { usePoolCatalog } from './use-pool-catalog';
import { useRecyclePreview } from './use-recycle-preview';

/** Moves focus to the first input inside the part of the editor an issue's path points at. */
function focusIssue(path: string) {
  const [, top, index] = path.split('/');
  const scope =
    top === 'recycle' && index !== undefined
      ? document.querySelectorAll('[data-testid="recycle-rule"]')[Number(index)]
      : top === 'members' || top === 'admins'
        ? document.querySelector(`[data-testid="pool-${top}"]`)
        : document.querySelector(`[data-testid^="pool-${CSS.escape(top ?? '')}"]`)?.closest('.form-row, fieldset, .segmented') ??
          document.querySelector(`[data-testid^="pool-${CSS.escape(top ?? '')}"]`);
  const target = scope?.matches('input, select, textarea') ? scope : scope?.querySelector('[aria-invalid="true"], input, select, textarea');
  (target as HTMLElement | null | undefined)?.focus();
}

/** A pool: settings, members and admins, recycle rules with a live preview; autosaved as a draft, published with a message. */
export function PoolEditor({ poolKey }: { poolKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('pool', poolKey);
  const entities = useOwnedEntities();
  const pools = usePoolCatalog();
  const { def, record } = draft;
  const issues = useMemo(() => {
    if (!def) return [];
    const message = { entity: t('pools.entityNotOwned'), toPool: t('pools.toPoolUnknown') };
    return [...validateDefinition(def, locale), ...crossIssues(def, { entities: entities.data, pools: pools.data, message })];
  }, [def, locale, entities.data, pools.data, t]);
  // The runtime counts only for a pool it would accept as a whole.
  const preview = useRecyclePreview(def ?? placeholder, def !== null && issues.length === 0);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const entity = entities.data?.find((e) => e.key === def.entity);
  const otherPools = (pools.data ?? []).filter((p) => p.entity === def.entity && p.key !== def.key);

  return (
    <DraftFrame kind="pool" draft={draft} issueCount={issues.length} neverPublishedText={t('pools.discardNeverPublished')} className="designer pool-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => focusIssue(path)} />
      <div className="pool-body">
        <PoolSettings def={def} published={draft.published} entities={entities} issues={issues} onChange={draft.update} />
        <PoolAccess def={def} issues={issues} onChange={draft.update} />
        <RecycleRules def={def} entity={entity} otherPools={otherPools} preview={preview} issues={issues} onChange={draft.update} />
      </div>
    </DraftFrame>
  );
}

// Hooks run before the loading returns; this stands in for the definition until it is there.
const placeholder = { kind: 'pool', schemaVersion: 1, id: '', key: '', label: { zh: '', en: '' }, entity: '', mode: 'manual' } as const;
