import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';

interface Props {
  def: EntityDefinition;
  issues: readonly Issue[];
  onChange(change: (def: EntityDefinition) => EntityDefinition): void;
}

/** Compound duplicate-check keys: each a set of fields whose values together must be unique. */
export function DuplicateKeysEditor({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const combos = (def.duplicateKeys ?? []) as string[][];
  const fields = def.fields.filter((f) => !f.retired);
  const set = (next: string[][]) => onChange((d) => ({ ...d, duplicateKeys: next.length ? next : undefined }));
  const toggle = (i: number, key: string, on: boolean) =>
    set(combos.map((c, n) => (n === i ? (on ? [...c, key] : c.filter((k) => k !== key)) : c)));
  return (
    <div className="duplicate-keys" data-testid="duplicate-keys">
      <p className="hint">{t('entity.duplicateKeysHint')}</p>
      {combos.map((combo, i) => (
        <div key={i} className="combo">
          <div className="check-list">
            {fields.map((f) => (
              <label key={f.id} className="check-row">
                <input type="checkbox" checked={combo.includes(f.key)} onChange={(e) => toggle(i, f.key, e.target.checked)} />
                {localize(f.label, locale) || f.key}
              </label>
            ))}
          </div>
          <button type="button" className="small" onClick={() => set(combos.filter((_, n) => n !== i))}>
            {t('action.remove')}
          </button>
          <InlineIssues issues={issuesUnder(issues, `/duplicateKeys/${i}`)} />
        </div>
      ))}
      <InlineIssues issues={issues.filter((x) => x.path === '/duplicateKeys')} />
      <button type="button" className="small" onClick={() => set([...combos, []])} disabled={fields.length < 2}>
        + {t('entity.addDuplicateKey')}
      </button>
    </div>
  );
}
