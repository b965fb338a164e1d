import { useTranslation } from 'react-i18next';
import type { DispositionsDefinition, EntityDefinition } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import type { Issue } from '../api/issues';
import { PanelSection } from '../ui/PanelSection';
import type { Campaign } from './campaign-ops';
import { OutcomeRules } from './OutcomeRules';
import { ScriptInput } from './ScriptInput';

interface Props {
  def: Campaign;
  entity: EntityDefinition | undefined;
  dispositions: { list: DefinitionSummary[]; chosen: DispositionsDefinition | undefined };
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

/** What agents say (the script) and what happens after each call (outcomes and their rules). */
export function CampaignTalk({ def, entity, dispositions, issues, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <section className="pool-pane" aria-labelledby="campaign-talk-title" data-testid="campaign-talk">
      <div className="pane-head">
        <h2 id="campaign-talk-title">{t('campaigns.talk')}</h2>
      </div>
      <div className="pane-scroll pool-pane-body">
        <PanelSection title={t('campaigns.script')}>
          <ScriptInput def={def} entity={entity} issues={issues} onChange={onChange} />
        </PanelSection>
        <PanelSection title={t('campaigns.dispositions')}>
          <OutcomeRules def={def} definitions={dispositions.list} chosen={dispositions.chosen} issues={issues} onChange={onChange} />
        </PanelSection>
      </div>
    </section>
  );
}
