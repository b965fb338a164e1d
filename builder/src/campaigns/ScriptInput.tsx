import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldToken, localize, SCRIPT_BUILTIN_TOKENS, type EntityDefinition } from '@telesales/schemas';
import { issuesAt, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { setProp, type Campaign } from './campaign-ops';

interface Props {
  def: Campaign;
  entity: EntityDefinition | undefined;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

type Lang = 'zh' | 'en';

/** The agents' script (Markdown) in each language, and a picker that puts a field token where the cursor is. */
export function ScriptInput({ def, entity, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [lang, setLang] = useState<Lang>(locale);
  const area = useRef<HTMLTextAreaElement>(null);
  const text = def.script?.[lang] ?? '';
  const set = (value: string) =>
    onChange((d) => {
      const script: Record<string, string> = { ...d.script, [lang]: value };
      if (!value) delete script[lang];
      return setProp(d, 'script', Object.keys(script).length ? script : undefined);
    });
  const insert = (token: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    set(text.slice(0, at) + token + text.slice(end));
    // Put the cursor after the token once React has written the new text.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const fields = (entity?.fields ?? []).filter((f) => !f.retired);
  const langIssues = (l: Lang) => issuesAt(issues, `/script/${l}`);
  return (
    <div className="campaign-script" data-testid="campaign-script">
      <div className="row gap">
        <div className="segmented" role="radiogroup" aria-label={t('campaigns.scriptLang')}>
          {(['zh', 'en'] as const).map((l) => (
            <label key={l} className={`${lang === l ? 'on' : ''}${langIssues(l).length ? ' has-issues' : ''}`}>
              <input type="radio" name="script-lang" checked={lang === l} onChange={() => setLang(l)} data-testid={`campaign-script-lang-${l}`} />
              {t(`lang.${l}`)}
            </label>
          ))}
        </div>
        <select
          aria-label={t('campaigns.insertTokenLabel')}
          value=""
          onChange={(e) => e.target.value && insert(e.target.value)}
          data-testid="campaign-script-token"
        >
          <option value="">{t('campaigns.insertToken')} {'{{…}}'}</option>
          {SCRIPT_BUILTIN_TOKENS.map((k) => (
            <option key={k} value={`{{${k}}}`}>{t(`campaigns.builtin.${k}`)} {`{{${k}}}`}</option>
          ))}
          {fields.map((f) => (
            <option key={f.key} value={fieldToken(f.key)}>{localize(f.label, locale) || f.key} {fieldToken(f.key)}</option>
          ))}
        </select>
      </div>
      <textarea
        ref={area}
        rows={10}
        lang={lang}
        aria-label={`${t('campaigns.script')} (${t(`lang.${lang}`)})`}
        aria-invalid={langIssues(lang).length > 0}
        value={text}
        onChange={(e) => set(e.target.value)}
        data-testid={`campaign-script-${lang}`}
      />
      <p className="hint">{t('campaigns.scriptHint', { example: '{{name}}' })}</p>
      <InlineIssues issues={[...langIssues('zh'), ...langIssues('en'), ...issuesAt(issues, '/script')]} />
    </div>
  );
}
