import { useTranslation } from 'react-i18next';
import { withKey, type FormProps } from './form-props';
import { OptionalPrompt } from './OptionalPrompt';

export function HangupForm({ node, def, issues, base, set }: FormProps<'hangup'>) {
  const { t } = useTranslation();
  return (
    <OptionalPrompt label={t('flows.form.goodbye')} value={node.config.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(p) => set(withKey(node.config, 'prompt', p))} />
  );
}
