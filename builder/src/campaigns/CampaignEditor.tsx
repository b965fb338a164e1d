import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { useOwnedEntities } from '../pools/use-owned-entities';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { crossIssues } from './campaign-issues';
import { CampaignPeople } from './CampaignPeople';
import { CampaignSettings } from './CampaignSettings';
import { CampaignTalk } from './CampaignTalk';
import { useDispositionsCatalog } from './use-dispositions-catalog';

/**
 * Moves focus to the input an issue's path points at: the inputs carry `aria-invalid` when their issues are
 * shown, so the first invalid control inside the part named by the path's top is the one to fix.
 */
function focusIssue(path: string) {
  const top = path.split('/')[1] ?? '';
  const pane = ['agents', 'schedule'].includes(top) ? 'campaign-people' : ['script', 'dispositions', 'rules'].includes(top) ? 'campaign-talk' : 'campaign-settings';
  const scope = document.querySelector(`[data-testid="${pane}"]`);
  const target = scope?.querySelector('[aria-invalid="true"]') ?? scope?.querySelector('input, select, textarea');
  (target as HTMLElement | null | undefined)?.focus();
}

/** An outbound task: settings and dialling, agents and schedule, script and outcome rules; autosaved, validated live, published with a message. */
export function CampaignEditor({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('campaign', defKey);
  const entities = useOwnedEntities();
  const { def, record } = draft;
  const dispositions = useDispositionsCatalog(def?.dispositions?.definition);
  const issues = useMemo(() => {
    if (!def) return [];
    const message = {
      entity: t('campaigns.entityUnknown'), field: t('campaigns.fieldUnknown'), disposition: t('campaigns.dispositionUnknown'),
      token: (token: string) => t('campaigns.tokenUnknown', { token: `{{${token}}}` }),
    };
    return [...validateDefinition(def, locale), ...crossIssues(def, { entities: entities.data, dispositions: dispositions.chosen, message })];
  }, [def, locale, entities.data, dispositions.chosen, t]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;
  const entity = entities.data?.find((e) => e.key === (def.entity ?? 'customer'));

  return (
    <DraftFrame kind="campaign" draft={draft} issueCount={issues.length} neverPublishedText={t('campaigns.discardNeverPublished')} className="designer pool-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => focusIssue(path)} />
      <div className="pool-body campaign-body">
        <CampaignSettings def={def} entities={entities} issues={issues} onChange={draft.update} />
        <CampaignPeople def={def} issues={issues} onChange={draft.update} />
        <CampaignTalk def={def} entity={entity} dispositions={dispositions} issues={issues} onChange={draft.update} />
      </div>
    </DraftFrame>
  );
}
