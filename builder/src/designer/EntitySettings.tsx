import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { PanelSection } from '../ui/PanelSection';
import { useLocale } from '../i18n';
import { SectionsEditor } from '../sections/SectionsEditor';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import { DuplicateKeysEditor } from './DuplicateKeysEditor';

interface Props {
  def: EntityDefinition;
  issues: readonly Issue[];
  onChange(change: (def: EntityDefinition) => EntityDefinition): void;
}

/** Shown in the side panel when no field is selected: the entity's own properties and its sections. */
export function EntitySettings({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Issues that are neither a field's nor a section's nor shown by an input below.
  const own = issues.filter((i) => !/^\/(fields|sections|label|titleField|owned|duplicateKeys)(\/|$)/.test(i.path));
  const candidates = def.fields.filter((f) => !f.retired);
  return (
    <aside className="side-panel" aria-label={t('entity.settings')} data-testid="entity-settings">
      <div className="pane-head">
        <h2>{t('entity.settings')}</h2>
      </div>
      <div className="panel-scroll">
        <InlineIssues issues={own} />
        <PanelSection title={t('panel.basic')}>
          <LocalTextInput label={t('field.label')} value={def.label} onChange={(label) => onChange((d) => ({ ...d, label: (label ?? {}) as typeof d.label }))} issues={issues} pointer="/label" testId="entity-label" />
          <FormRow label={t('entity.titleField')} issues={issuesAt(issues, '/titleField')} hint={t('entity.titleFieldHint')}>
            {(id, invalid) => (
              <select
                id={id}
                aria-invalid={invalid}
                value={def.titleField ?? ''}
                onChange={(e) => onChange((d) => ({ ...d, titleField: e.target.value || undefined }))}
                data-testid="entity-titleField"
              >
                <option value="">—</option>
                {candidates.map((f) => (
                  <option key={f.id} value={f.key}>
                    {localize(f.label, locale) || f.key}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          <CheckboxRow label={t('entity.owned')} hint={t('entity.ownedHint')} checked={def.owned ?? false} onChange={(owned) => onChange((d) => ({ ...d, owned }))} testId="entity-owned" />
          <InlineIssues issues={issuesAt(issues, '/owned')} />
        </PanelSection>
        <PanelSection title={t('section.title')}>
          <SectionsEditor def={def} issues={issues} onChange={onChange} />
        </PanelSection>
        <PanelSection title={t('entity.duplicateKeys')}>
          <DuplicateKeysEditor def={def} issues={issuesUnder(issues, '/duplicateKeys')} onChange={onChange} />
        </PanelSection>
      </div>
    </aside>
  );
}
