import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import { issuesAt } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import type { FieldEditorProps } from './editor-props';

type Level = 'hidden' | 'read' | 'edit';

interface Props extends FieldEditorProps {
  roles: DefinitionSummary[];
}

/** Per role: hidden / read-only / editable. Editable is the absence of an entry, as the contract says. */
export function AccessEditor({ field, pointer, issues, onPatch, roles }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const access = (field.access ?? {}) as Record<string, 'hidden' | 'read'>;
  const set = (role: string, level: Level) => {
    const next = { ...access };
    if (level === 'edit') delete next[role];
    else next[role] = level;
    onPatch({ access: Object.keys(next).length ? next : undefined });
  };
  // Roles named in the definition but no longer existing are still listed so they can be cleaned up.
  const keys = [...new Set([...roles.map((r) => r.key), ...Object.keys(access)])];
  return (
    <div className="access-editor" data-testid="access-editor">
      {keys.length === 0 && <p className="muted">{t('access.noRoles')}</p>}
      <table className="table compact">
        <tbody>
          {keys.map((key) => {
            const role = roles.find((r) => r.key === key);
            const name = role ? localize(role.label, locale) || key : `${key} (${t('access.unknownRole')})`;
            return (
              <tr key={key}>
                <th scope="row">{name}</th>
                <td>
                  <div className="segmented" role="radiogroup" aria-label={t('access.forRole', { role: name })}>
                    {(['hidden', 'read', 'edit'] as const).map((level) => (
                      <label key={level} className={(access[key] ?? 'edit') === level ? 'on' : ''}>
                        <input
                          type="radio"
                          name={`access-${field.id}-${key}`}
                          checked={(access[key] ?? 'edit') === level}
                          onChange={() => set(key, level)}
                          data-testid={`access-${key}-${level}`}
                        />
                        {t(`access.${level}`)}
                      </label>
                    ))}
                  </div>
                  <InlineIssues issues={issuesAt(issues, `${pointer}/access/${key}`)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <InlineIssues issues={issuesAt(issues, `${pointer}/access`)} />
    </div>
  );
}
