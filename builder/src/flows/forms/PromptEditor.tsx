import { useTranslation } from 'react-i18next';
import type { FlowDefinition, Prompt } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../../api/issues';
import { InlineIssues } from '../../ui/InlineIssues';
import { AudioPicker } from './AudioPicker';

export interface PromptEditorProps {
  label: string;
  value: Prompt | undefined;
  languages: FlowDefinition['languages'];
  issues: readonly Issue[];
  pointer: string;
  testId: string;
  onChange(prompt: Prompt): void;
}

/** One prompt: per language the flow offers, the text read by text-to-speech and, optionally, an uploaded recording (it wins). */
export function PromptEditor({ label, value, languages, issues, pointer, testId, onChange }: PromptEditorProps) {
  const { t } = useTranslation();
  const setPart = (part: 'text' | 'audio', lang: 'zh' | 'en', text: string) => {
    const current: Record<string, string> = { ...(value?.[part] ?? {}) };
    if (text) current[lang] = text;
    else delete current[lang];
    const next: Prompt = { ...value };
    if (Object.keys(current).length || part === 'text') next[part] = current;
    else delete next[part];
    onChange(next);
  };
  return (
    <fieldset className="prompt-editor" data-testid={testId}>
      <legend>{label}</legend>
      {languages.map((lang) => (
        <div key={lang} className="prompt-lang">
          <span className="lang-tag" lang={lang}>{lang === 'zh' ? '中' : 'EN'}</span>
          <textarea
            rows={2}
            value={value?.text?.[lang] ?? ''}
            placeholder={t('flows.form.ttsText')}
            aria-label={`${label} (${t(`lang.${lang}`)})`}
            aria-invalid={issuesUnder(issues, `${pointer}/text/${lang}`).length > 0 || issuesAt(issues, pointer).length > 0}
            onChange={(e) => setPart('text', lang, e.target.value)}
            data-testid={`${testId}-text-${lang}`}
          />
          <AudioPicker
            value={value?.audio?.[lang]}
            ariaLabel={`${label} — ${t('flows.form.audioId')} (${t(`lang.${lang}`)})`}
            invalid={issuesUnder(issues, `${pointer}/audio/${lang}`).length > 0}
            onChange={(id) => setPart('audio', lang, id ?? '')}
            testId={`${testId}-audio-${lang}`}
          />
        </div>
      ))}
      <InlineIssues issues={issuesUnder(issues, pointer)} testId={`${testId}-issues`} />
    </fieldset>
  );
}
