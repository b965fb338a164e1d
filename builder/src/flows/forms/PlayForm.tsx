import { useTranslation } from 'react-i18next';
import { CheckboxRow } from '../../ui/CheckboxRow';
import { withKey, type FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';

export function PlayForm({ node, def, issues, base, set }: FormProps<'play'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <CheckboxRow label={t('flows.form.bargeIn')} hint={t('flows.form.bargeInHint')} checked={c.bargeIn ?? false} onChange={(on) => set(withKey(c, 'bargeIn', on || undefined))} testId="play-bargeIn" />
    </>
  );
}
