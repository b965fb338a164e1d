import { useTranslation } from 'react-i18next';
import type { EntityDefinition, PoolDefinition } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import type { AsyncState } from '../hooks/use-async';
import { PanelSection } from '../ui/PanelSection';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import { NumberInput } from '../ui/NumberInput';
import { ConditionInput } from './ConditionInput';
import { setProp } from './pool-ops';
import { PoolEntitySelect } from './PoolEntitySelect';
import { SystemBadge } from './SystemBadge';

interface Props {
  def: PoolDefinition;
  /** The published version: its object is fixed once records may be in the pool. */
  published: PoolDefinition | null;
  entities: AsyncState<EntityDefinition[]>;
  issues: readonly Issue[];
  onChange(change: (def: PoolDefinition) => PoolDefinition): void;
}

const MODES = ['manual', 'auto'] as const;
// Paths an input in this panel shows; other top-level issues (unexpected keys...) are listed at its top.
const SHOWN = /^\/(members|admins|recycle|label|description|entity|mode|tickets|cap|condition)(\/|$)/;

/** The pool's own properties: name, object, how it hands out, tickets, cap and landing condition. */
export function PoolSettings({ def, published, entities, issues, onChange }: Props) {
  const { t } = useTranslation();
  const own = issues.filter((i) => !SHOWN.test(i.path));
  return (
    <aside className="side-panel pool-pane" aria-label={t('pools.settings')} data-testid="pool-settings">
      <div className="pane-head">
        <h2>{t('pools.settings')}</h2>
        <SystemBadge system={def.system} />
      </div>
      <div className="panel-scroll">
        {def.system && <p className="hint">{t(`pools.systemExplain.${def.system}`)}</p>}
        <InlineIssues issues={own} />
        <PanelSection title={t('panel.basic')}>
          <LocalTextInput
            label={t('field.label')}
            value={def.label}
            onChange={(label) => onChange((d) => ({ ...d, label: (label ?? {}) as PoolDefinition['label'] }))}
            issues={issues}
            pointer="/label"
            testId="pool-label"
          />
          <LocalTextInput
            label={t('pools.description')}
            value={def.description}
            onChange={(description) => onChange((d) => setProp(d, 'description', description))}
            issues={issues}
            pointer="/description"
            testId="pool-description"
            multiline
          />
          <PoolEntitySelect
            entities={entities}
            value={def.entity}
            onChange={(entity) => onChange((d) => ({ ...d, entity }))}
            issues={issuesUnder(issues, '/entity')}
            testId="pool-entity"
            locked={published !== null && published.entity === def.entity}
          />
        </PanelSection>
        <PanelSection title={t('pools.handOut')}>
          <div className="segmented" role="radiogroup" aria-label={t('pools.mode')} data-testid="pool-mode">
            {MODES.map((mode) => (
              <label key={mode} className={def.mode === mode ? 'on' : ''}>
                <input type="radio" name="pool-mode" checked={def.mode === mode} onChange={() => onChange((d) => ({ ...d, mode }))} data-testid={`pool-mode-${mode}`} />
                {t(`pools.mode_${mode}`)}
              </label>
            ))}
          </div>
          <p className="hint">{t(`pools.mode_${def.mode}Hint`)}</p>
          <InlineIssues issues={issuesAt(issues, '/mode')} />
          <CheckboxRow
            label={t('pools.tickets')}
            checked={def.tickets ?? false}
            disabled={def.mode !== 'auto'}
            onChange={(tickets) => onChange((d) => ({ ...d, tickets }))}
            testId="pool-tickets"
          />
          <div className="hint check-hint">{def.mode === 'auto' ? t('pools.ticketsHint') : t('pools.ticketsManualHint')}</div>
          <InlineIssues issues={issuesAt(issues, '/tickets')} />
          <FormRow label={t('pools.cap')} issues={issuesAt(issues, '/cap')} hint={t('pools.capHint')}>
            {(id, invalid) => (
              <NumberInput
                id={id}
                min={1}
                step={1}
                placeholder={t('pools.noCap')}
                aria-invalid={invalid}
                value={def.cap}
                onValue={(cap) => onChange((d) => setProp(d, 'cap', cap))}
                data-testid="pool-cap"
              />
            )}
          </FormRow>
        </PanelSection>
        <PanelSection title={t('pools.landing')}>
          <ConditionInput value={def.condition} onChange={(condition) => onChange((d) => setProp(d, 'condition', condition))} issues={issues} />
        </PanelSection>
      </div>
    </aside>
  );
}
