import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '@telesales/schemas';
import { issuesUnder, type Issue } from '../api/issues';
import { CheckboxRow } from '../ui/CheckboxRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import type { FlowHistory } from './use-flow-history';

type Lang = FlowDefinition['languages'][number];

/** The flow's own settings, shown while no node is selected: name, the languages callers may use, the default one. */
export function FlowSettings({ def, issues, history }: { def: FlowDefinition; issues: readonly Issue[]; history: FlowHistory }) {
  const { t } = useTranslation();
  const toggle = (lang: Lang, on: boolean) =>
    history.edit((d) => {
      const languages = (['zh', 'en'] as const).filter((l) => (l === lang ? on : d.languages.includes(l)));
      if (!languages.length) return d;
      return { ...d, languages, defaultLanguage: languages.includes(d.defaultLanguage) ? d.defaultLanguage : languages[0]! };
    });
  return (
    <div className="flow-settings" data-testid="flow-settings">
      <div className="pane-head">
        <h2>{t('flows.settings')}</h2>
      </div>
      <div className="panel-scroll">
        <p className="hint">{t('flows.settingsHint')}</p>
        <LocalTextInput label={t('field.label')} value={def.label} onChange={(label) => label && history.edit((d) => ({ ...d, label: label as FlowDefinition['label'] }))} issues={issues} pointer="/label" testId="flow-label" />
        <fieldset className="local-text">
          <legend>{t('flows.languages')}</legend>
          {(['zh', 'en'] as const).map((lang) => (
            <CheckboxRow key={lang} label={t(`lang.${lang}`)} checked={def.languages.includes(lang)} onChange={(on) => toggle(lang, on)} testId={`flow-language-${lang}`} />
          ))}
          <InlineIssues issues={issuesUnder(issues, '/languages')} />
        </fieldset>
        <label className="stack-label">
          {t('flows.defaultLanguage')}
          <select value={def.defaultLanguage} onChange={(e) => history.edit((d) => ({ ...d, defaultLanguage: e.target.value as Lang }))} data-testid="flow-defaultLanguage">
            {def.languages.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <InlineIssues issues={[...issuesUnder(issues, '/defaultLanguage'), ...issuesUnder(issues, '/start')]} />
      </div>
    </div>
  );
}
