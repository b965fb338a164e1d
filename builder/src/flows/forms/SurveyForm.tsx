import { useTranslation } from 'react-i18next';
import { withKey, type FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';
import { SelectRow, TextRow } from './rows';

/** After the agent leg: the caller keys a score (1 to 5 or 10), stored on the call. */
export function SurveyForm({ node, def, issues, base, set }: FormProps<'survey'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <SelectRow
        label={t('flows.form.scale')}
        value={String(c.max) as '5' | '10'}
        options={[{ value: '5', label: '1 – 5' }, { value: '10', label: '1 – 10' }]}
        onChange={(v) => set({ ...c, max: v === '10' ? 10 : 5 })}
        issues={issues}
        pointer={`${base}/max`}
        testId="survey-max"
      />
      <TextRow label={t('flows.form.variable')} value={c.variable} placeholder="satisfaction" onChange={(v) => set(withKey(c, 'variable', v))} issues={issues} pointer={`${base}/variable`} testId="survey-variable" />
    </>
  );
}
