import { useTranslation } from 'react-i18next';
import type { AgentStatesDefinition, DispositionsDefinition, LocalText } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';

type CallDefinition = DispositionsDefinition | AgentStatesDefinition;

interface Props<D extends CallDefinition> {
  def: D;
  issues: readonly Issue[];
  /** Test id prefix and i18n section: "dispositions" or "agentStates". */
  section: 'dispositions' | 'agentStates';
  onChange(change: (def: D) => D): void;
}

// Paths an input of the editor shows; anything else (unexpected keys...) is listed at the top of this panel.
const SHOWN = /^\/(label|description|outcomes|states)(\/|$)/;

/** The name and description of an outcome list or a state list. */
export function CallDefinitionSettings<D extends CallDefinition>({ def, issues, section, onChange }: Props<D>) {
  const { t } = useTranslation();
  const setDescription = (description: LocalText | undefined) =>
    onChange((d) => {
      const next = { ...d };
      if (description) next.description = description;
      else delete next.description;
      return next;
    });
  return (
    <aside className="side-panel pool-pane" aria-label={t(`${section}.settings`)} data-testid={`${section}-settings`}>
      <div className="pane-head">
        <h2>{t(`${section}.settings`)}</h2>
      </div>
      <div className="panel-scroll pool-pane-body">
        <InlineIssues issues={issues.filter((i) => !SHOWN.test(i.path))} />
        <LocalTextInput
          label={t('field.label')}
          value={def.label}
          onChange={(label) => onChange((d) => ({ ...d, label: (label ?? {}) as D['label'] }))}
          issues={issues}
          pointer="/label"
          testId={`${section}-label`}
        />
        <LocalTextInput
          label={t(`${section}.description`)}
          value={def.description}
          onChange={setDescription}
          issues={issues}
          pointer="/description"
          testId={`${section}-description`}
          multiline
        />
      </div>
    </aside>
  );
}
