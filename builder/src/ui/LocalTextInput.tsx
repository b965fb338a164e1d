import type { LocalText } from '@telesales/schemas';
import { useTranslation } from 'react-i18next';
import { issuesAt, type Issue } from '../api/issues';
import { InlineIssues } from './InlineIssues';

interface Props {
  label: string;
  value: Partial<LocalText> | undefined;
  onChange(value: LocalText | undefined): void;
  issues: readonly Issue[];
  /** JSON pointer of the text object; issues at it and at its /zh and /en are shown here. */
  pointer: string;
  testId: string;
  multiline?: boolean;
}

/** One localised text as a zh/en pair of inputs; an all-empty pair becomes undefined (key dropped). */
export function LocalTextInput({ label, value, onChange, issues, pointer, testId, multiline }: Props) {
  const { t } = useTranslation();
  const set = (lang: 'zh' | 'en', text: string) => {
    const next: Record<string, string> = { ...(value ?? {}) };
    if (text === '') delete next[lang];
    else next[lang] = text;
    onChange(Object.keys(next).length ? (next as LocalText) : undefined);
  };
  const own = issuesAt(issues, pointer);
  return (
    <fieldset className={`local-text${own.length ? ' has-issues' : ''}`}>
      <legend>{label}</legend>
      {(['zh', 'en'] as const).map((lang) => {
        const langIssues = issuesAt(issues, `${pointer}/${lang}`);
        const common = {
          value: value?.[lang] ?? '',
          'aria-label': `${label} (${t(`lang.${lang}`)})`,
          'aria-invalid': langIssues.length > 0 || own.length > 0,
          'data-testid': `${testId}-${lang}`,
          placeholder: t(`lang.${lang}`),
        };
        return (
          <div key={lang} className="local-text-row">
            <span className="lang-tag" lang={lang}>{lang === 'zh' ? '中' : 'EN'}</span>
            {multiline ? (
              <textarea rows={2} {...common} onChange={(e) => set(lang, e.target.value)} />
            ) : (
              <input type="text" {...common} onChange={(e) => set(lang, e.target.value)} />
            )}
            <InlineIssues issues={langIssues} />
          </div>
        );
      })}
      <InlineIssues issues={own} />
    </fieldset>
  );
}
