import { useTranslation } from 'react-i18next';
import { withKey, type FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';
import { NumberRow, TextRow } from './rows';

export function VoicemailForm({ node, def, issues, base, set }: FormProps<'voicemail'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <NumberRow label={t('flows.form.maxSec')} min={5} max={300} value={c.maxSec} onChange={(v) => set({ ...c, maxSec: v ?? 60 })} issues={issues} pointer={`${base}/maxSec`} testId="voicemail-maxSec" />
      <TextRow label={t('flows.form.variable')} value={c.variable} onChange={(v) => set(withKey(c, 'variable', v))} issues={issues} pointer={`${base}/variable`} testId="voicemail-variable" hint={t('flows.form.recordingHint')} />
    </>
  );
}
