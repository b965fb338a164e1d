import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { localize } from '@telesales/schemas';
import type { DefinitionChange } from '../api/definitions';
import { kindText } from '../entities/kind-texts';
import { useLocale } from '../i18n';
import { DiffRow } from './DiffRow';
import { expandFlowChanges } from './flow-changes';
import { groupChanges, wholeChange, type ChangeGroup } from './group-changes';

interface Props {
  kind?: DefinitionKind;
  changes: DefinitionChange[];
  /** Readable names of the entities a role's permission groups are about (key -> label). */
  entityNames?: Record<string, string>;
}

/** Changes grouped per field/section (entities) or per object (roles' permissions), each with its before -> after. */
export function DiffView({ kind = 'entity', changes, entityNames = {} }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (changes.length === 0)
    return (
      <p className="state empty small" data-testid="diff-empty">
        {t('diff.noChanges')}
      </p>
    );
  const label = (c: DefinitionChange | undefined) => (c?.label === undefined ? '' : typeof c.label === 'string' ? c.label : localize(c.label, locale));
  const title = (g: ChangeGroup, own: DefinitionChange | undefined) => {
    if (g.target === 'definition') return kindText(kind, 'label', locale);
    if (g.target === 'node') return t('diff.groupTitle', { target: t('diff.target.node'), name: g.name });
    if (g.target === 'permission') {
      const name = g.name === '*' ? t('roles.defaultRow') : (entityNames[g.name] ?? g.name);
      return t('diff.groupTitle', { target: t('diff.target.permission'), name });
    }
    return t('diff.groupTitle', { target: t(`diff.target.${g.target}`), name: label(own) || g.name });
  };
  return (
    <div className="diff" data-testid="diff">
      {groupChanges(kind === 'flow' ? expandFlowChanges(changes) : changes).map((g) => {
        const whole = wholeChange(g);
        // Changes inside an option carry the option's label; any other change in the group carries the field's.
        const own = whole ?? g.changes.find((c) => c.path.split('/')[3] !== 'options');
        return (
          <section key={g.key} className="diff-group" data-testid="diff-group" data-group={g.key}>
            <h3>
              {title(g, own)}
              {g.target !== 'definition' && g.target !== 'node' && <code className="muted"> {g.name}</code>}
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
