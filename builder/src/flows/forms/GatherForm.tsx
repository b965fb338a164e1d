import { useTranslation } from 'react-i18next';
import { withKey, type FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';
import { RetrySettings } from './RetrySettings';
import { NumberRow, SelectRow, TextRow } from './rows';

/** Collects several digits (an order number, a date of birth) into a variable. */
export function GatherForm({ node, def, issues, base, set }: FormProps<'gather'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <div className="grid-2">
        <NumberRow label={t('flows.form.minDigits')} min={1} max={32} value={c.minDigits} onChange={(v) => set(withKey(c, 'minDigits', v))} issues={issues} pointer={`${base}/minDigits`} testId="gather-minDigits" />
        <NumberRow label={t('flows.form.maxDigits')} min={1} max={32} value={c.maxDigits} onChange={(v) => set({ ...c, maxDigits: v ?? 1 })} issues={issues} pointer={`${base}/maxDigits`} testId="gather-maxDigits" />
      </div>
      <SelectRow
        label={t('flows.form.finishOnKey')}
        value={c.finishOnKey ?? ('none' as const)}
        options={[{ value: 'none', label: t('flows.form.noKey') }, { value: '#', label: '#' }, { value: '*', label: '*' }]}
        onChange={(v) => set(withKey(c, 'finishOnKey', v === 'none' ? undefined : v))}
        issues={issues}
        pointer={`${base}/finishOnKey`}
        testId="gather-finishOnKey"
      />
      <TextRow label={t('flows.form.variable')} value={c.variable} onChange={(v) => set({ ...c, variable: v ?? '' })} issues={issues} pointer={`${base}/variable`} testId="gather-variable" hint={t('flows.form.variableHint')} />
      <RetrySettings config={c} languages={def.languages} issues={issues} base={base} set={set} />
    </>
  );
}
