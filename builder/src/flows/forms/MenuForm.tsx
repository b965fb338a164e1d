import { useTranslation } from 'react-i18next';
import { issuesUnder } from '../../api/issues';
import { InlineIssues } from '../../ui/InlineIssues';
import { DigitPicker } from './DigitPicker';
import type { FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';
import { RetrySettings } from './RetrySettings';

export function MenuForm({ node, def, issues, base, set }: FormProps<'menu'>) {
  const { t } = useTranslation();
  const c = node.config;
  const optionIssues = issuesUnder(issues, `${base}/options`);
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <div className="form-row">
        <span className="label-text">{t('flows.form.options')}</span>
        <DigitPicker value={c.options} invalid={optionIssues.length > 0} onChange={(options) => set({ ...c, options })} />
        <span className="hint">{t('flows.form.optionsHint')}</span>
        <InlineIssues issues={optionIssues} />
      </div>
      <RetrySettings config={c} languages={def.languages} issues={issues} base={base} set={set} />
    </>
  );
}
