import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { issuesUnder, type Issue } from '../api/issues';
import type { AsyncState } from '../hooks/use-async';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import { PanelSection } from '../ui/PanelSection';
import { PoolEntitySelect } from '../pools/PoolEntitySelect';
import { setProp, type Campaign } from './campaign-ops';
import { ColumnMapping } from './ColumnMapping';
import { DialSettings } from './DialSettings';

interface Props {
  def: Campaign;
  entities: AsyncState<EntityDefinition[]>;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

// Paths an input of the designer shows; other issues (an unknown key...) are listed at the top of this pane.
const SHOWN = /^\/(label|description|entity|phoneColumn|columns|dialMode|ratio|maxConcurrent|maxLinesPerAgent|abandonTarget|abandonWindowDays|ringTimeoutSec|wrapupSec|callerNumbers|limits|agents|schedule|script|dispositions|rules)(\/|$)/;

/** The task's name and object, its number list's layout, and how it dials. */
export function CampaignSettings({ def, entities, issues, onChange }: Props) {
  const { t } = useTranslation();
  const entity = entities.data?.find((e) => e.key === (def.entity ?? 'customer'));
  return (
    <aside className="side-panel pool-pane" aria-label={t('campaigns.settings')} data-testid="campaign-settings">
      <div className="pane-head">
        <h2>{t('campaigns.settings')}</h2>
      </div>
      <div className="panel-scroll">
        <InlineIssues issues={issues.filter((i) => !SHOWN.test(i.path))} />
        <PanelSection title={t('campaigns.basic')}>
          <LocalTextInput label={t('field.label')} value={def.label} onChange={(label) => onChange((d) => ({ ...d, label: (label ?? {}) as Campaign['label'] }))} issues={issues} pointer="/label" testId="campaign-label" />
          <LocalTextInput label={t('campaigns.description')} value={def.description} onChange={(v) => onChange((d) => setProp(d, 'description', v))} issues={issues} pointer="/description" testId="campaign-description" multiline />
          <PoolEntitySelect entities={entities} value={def.entity ?? 'customer'} onChange={(e) => onChange((d) => setProp(d, 'entity', e))} issues={issuesUnder(issues, '/entity')} testId="campaign-entity" label={t('campaigns.entity')} hint={t('campaigns.entityHint')} />
        </PanelSection>
        <PanelSection title={t('campaigns.list')}>
          <ColumnMapping def={def} entity={entity} issues={issues} onChange={onChange} />
        </PanelSection>
        <DialSettings def={def} issues={issues} onChange={onChange} />
      </div>
    </aside>
  );
}
