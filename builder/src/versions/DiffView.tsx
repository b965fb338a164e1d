import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import type { DiffChange } from '../api/definitions';
import { useLocale } from '../i18n';
import { DiffRow } from './DiffRow';
import { groupChanges } from './group-changes';

/** Changes grouped per field/section, each with its before -> after. */
export function DiffView({ changes }: { changes: DiffChange[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (changes.length === 0)
    return (
      <p className="state empty small" data-testid="diff-empty">
        {t('diff.noChanges')}
      </p>
    );
  const label = (c: DiffChange | undefined) => (c?.label === undefined ? '' : typeof c.label === 'string' ? c.label : localize(c.label, locale));
  return (
    <div className="diff" data-testid="diff">
      {groupChanges(changes).map((g) => {
        const whole = g.changes.find((c) => c.target === g.target && c.path.split('/').length <= 3);
        // Changes inside an option carry the option's label; any other change in the group carries the field's.
        const own = whole ?? g.changes.find((c) => c.path.split('/')[3] !== 'options');
        const name = label(own) || g.name;
        return (
          <section key={g.key} className="diff-group" data-testid="diff-group" data-group={g.key}>
            <h3>
              {g.target === 'definition' ? t('diff.entity') : t('diff.groupTitle', { target: t(`diff.target.${g.target}`), name })}
              {g.target !== 'definition' && <code className="muted"> {g.name}</code>}
              {whole && <span className={`badge change-${whole.change}`}>{t(`diff.${whole.change}`)}</span>}
            </h3>
            <ul>
              {g.changes.map((c, n) => (
                <DiffRow key={`${c.path}-${n}`} change={c} optionLabel={c.target === 'option' ? label(c) : ''} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
