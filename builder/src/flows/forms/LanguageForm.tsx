import { useTranslation } from 'react-i18next';
import { DTMF_KEYS } from './DigitPicker';
import { replaceAt, type FormProps } from './form-props';
import { PromptEditor } from './PromptEditor';
import { RowList } from './RowList';
import { SelectRow } from './rows';

/** "For Chinese press 1, for English press 2": each key switches the call's language. */
export function LanguageForm({ node, def, issues, base, set }: FormProps<'language'>) {
  const { t } = useTranslation();
  const c = node.config;
  type Option = (typeof c.options)[number];
  const put = (i: number, o: Option) => set({ ...c, options: replaceAt(c.options, i, o) });
  return (
    <>
      <PromptEditor label={t('flows.form.prompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(prompt) => set({ ...c, prompt })} />
      <RowList label={t('flows.form.languageOptions')} items={c.options} min={1} max={2} newItem={(): Option => ({ digit: '2', language: 'en' })} onChange={(options) => set({ ...c, options })} testId="language-options">
        {(o, i) => (
          <div className="grid-2">
            <SelectRow<Option['digit']> label={t('flows.form.key')} value={o.digit} options={DTMF_KEYS.map((k) => ({ value: k, label: k }))} onChange={(d) => put(i, { ...o, digit: d ?? '1' })} issues={issues} pointer={`${base}/options/${i}/digit`} testId={`language-digit-${i}`} />
            <SelectRow<Option['language']> label={t('flows.form.language')} value={o.language} options={(['zh', 'en'] as const).map((l) => ({ value: l, label: t(`lang.${l}`) }))} onChange={(l) => put(i, { ...o, language: l ?? 'zh' })} issues={issues} pointer={`${base}/options/${i}/language`} testId={`language-lang-${i}`} />
          </div>
        )}
      </RowList>
    </>
  );
}
