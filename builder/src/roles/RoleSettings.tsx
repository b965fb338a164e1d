import { useTranslation } from 'react-i18next';
import type { RoleDefinition } from '@telesales/schemas';
import { issuesAt, type Issue } from '../api/issues';
import { PanelSection } from '../ui/PanelSection';
import { CheckboxRow } from '../ui/CheckboxRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import { DATA_SCOPES } from './role-ops';

const RIGHTS = ['manageDefinitions', 'manageUsers', 'restoreRecords', 'dialNumbers'] as const;

interface Props {
  def: RoleDefinition;
  issues: readonly Issue[];
  /** The published version, to tell which rights this draft takes away. */
  published: RoleDefinition | null;
  /** The signed-in user has this role: taking rights away locks them out after publishing. */
  isOwnRole: boolean;
  onChange(change: (def: RoleDefinition) => RoleDefinition): void;
}

/** The role's own properties: name, description, data scope and the rights (administration, dialling typed numbers). */
export function RoleSettings({ def, published, issues, isOwnRole, onChange }: Props) {
  const { t } = useTranslation();
  // Issues no input below shows (the matrix shows /entities).
  const lost = isOwnRole ? RIGHTS.filter((r) => published?.[r] && !def[r]) : [];
  const own = issues.filter((i) => !/^\/(entities|label|description|dataScope|manageDefinitions|manageUsers|restoreRecords|dialNumbers)(\/|$)/.test(i.path));
  return (
    <aside className="side-panel role-settings" aria-label={t('roles.settings')} data-testid="role-settings">
      <div className="pane-head">
        <h2>{t('roles.settings')}</h2>
      </div>
      <div className="panel-scroll">
        <InlineIssues issues={own} />
        <PanelSection title={t('panel.basic')}>
          <LocalTextInput
            label={t('field.label')}
            value={def.label}
            onChange={(label) => onChange((d) => ({ ...d, label: (label ?? {}) as RoleDefinition['label'] }))}
            issues={issues}
            pointer="/label"
            testId="role-label"
          />
          <LocalTextInput
            label={t('roles.description')}
            value={def.description}
            onChange={(description) =>
              onChange((d) => {
                const next = { ...d, description };
                if (!description) delete next.description;
                return next;
              })
            }
            issues={issues}
            pointer="/description"
            testId="role-description"
          />
        </PanelSection>
        <PanelSection title={t('roles.dataScope')}>
          <div className="segmented" role="radiogroup" aria-label={t('roles.dataScope')} data-testid="role-dataScope">
            {DATA_SCOPES.map((scope) => (
              <label key={scope} className={def.dataScope === scope ? 'on' : ''}>
                <input
                  type="radio"
                  name="role-dataScope"
                  checked={def.dataScope === scope}
                  onChange={() => onChange((d) => ({ ...d, dataScope: scope }))}
                  data-testid={`role-dataScope-${scope}`}
                />
                {t(`scope.${scope}`)}
              </label>
            ))}
          </div>
          <p className="hint">{t(`scope.${def.dataScope}Hint`)}</p>
          <InlineIssues issues={issuesAt(issues, '/dataScope')} />
        </PanelSection>
        <PanelSection title={t('roles.rights')}>
          {RIGHTS.map((right) => (
            <div key={right}>
              <CheckboxRow
                label={t(`roles.${right}`)}
                checked={def[right] ?? false}
                onChange={(on) => onChange((d) => ({ ...d, [right]: on }))}
                testId={`role-${right}`}
              />
              <div className="hint check-hint">{t(`roles.${right}Hint`)}</div>
              <InlineIssues issues={issuesAt(issues, `/${right}`)} />
            </div>
          ))}
          {lost.length > 0 && (
            <p className="notice" role="note" data-testid="own-role-warning">
              {t('roles.ownRoleWarning', { rights: lost.map((r) => t(`roles.${r}`)).join(t('roles.listSeparator')) })}
            </p>
          )}
        </PanelSection>
      </div>
    </aside>
  );
}
