import { useTranslation } from 'react-i18next';
import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import { issuesAt, type Issue } from '../api/issues';
import type { FieldPatch } from '../designer/definition-ops';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { AccessEditor } from './AccessEditor';
import { BasicProps } from './BasicProps';
import { BehaviourProps } from './BehaviourProps';
import { DefaultValueInput } from './DefaultValueInput';
import { FIELD_TYPE_TRAITS } from './field-types';
import { OptionsEditor } from './OptionsEditor';
import { PanelSection } from '../ui/PanelSection';
import { TypeProps } from './TypeProps';
import { ValidationProps } from './ValidationProps';
import { strayIssues } from './stray-issues';

interface Props {
  def: EntityDefinition;
  field: FieldDefinition;
  index: number;
  issues: readonly Issue[];
  published: FieldDefinition | null;
  roles: DefinitionSummary[];
  entities: DefinitionSummary[];
  onPatch(patch: FieldPatch): void;
  onDelete(): void;
  onClose(): void;
}

/** Every per-field option of the contract, grouped; parts a type does not use are left out. */
export function FieldPanel({ def, field, index, issues, published, roles, entities, onPatch, onDelete, onClose }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pointer = `/fields/${index}`;
  const common = { field, pointer, issues, onPatch };
  const publishedOptionIds = new Set((published?.options ?? []).map((o) => o.id));
  const name = localize(field.label, locale) || field.key;
  const traits = FIELD_TYPE_TRAITS[field.type];
  const hasValidation = Boolean(traits.range || traits.length || traits.decimals || traits.currency || traits.country || traits.reference);

  return (
    <aside className="side-panel" aria-label={t('designer.fieldPanel', { name })} data-testid="field-panel" data-key={field.key}>
      <div className="pane-head">
        <h2 className="ellipsis">{name}</h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('action.close')} data-testid="close-panel">
          ×
        </button>
      </div>
      <div className="panel-scroll">
        {field.retired && <p className="notice">{t('field.retiredNotice')}</p>}
        <InlineIssues issues={[...issuesAt(issues, pointer), ...strayIssues(issues, pointer)]} testId="field-issues" />
        <PanelSection title={t('panel.basic')}>
          <BasicProps {...common} def={def} published={published !== null} />
          <DefaultValueInput {...common} />
        </PanelSection>
        {(field.type === 'select' || field.type === 'multiselect') && (
          <PanelSection title={t('panel.options')}>
            <OptionsEditor {...common} publishedOptionIds={publishedOptionIds} />
          </PanelSection>
        )}
        {hasValidation && (
          <PanelSection title={t('panel.validation')}>
            <ValidationProps {...common} />
            <TypeProps {...common} entities={entities} />
          </PanelSection>
        )}
        <PanelSection title={t('panel.behaviour')}>
          <BehaviourProps {...common} />
        </PanelSection>
        <PanelSection title={t('panel.access')} collapsed>
          <AccessEditor {...common} roles={roles} />
        </PanelSection>
        <div className="danger-zone">
          {published || field.retired ? (
            <button type="button" onClick={() => onPatch({ retired: !field.retired || undefined })} data-testid={field.retired ? 'unretire-field' : 'retire-field'}>
              {field.retired ? t('action.unretireField') : t('action.retireField')}
            </button>
          ) : null}
          {!published && (
            <button type="button" className="danger" onClick={onDelete} data-testid="delete-field">
              {t('action.deleteField')}
            </button>
          )}
          <p className="hint">{published ? t('field.retireHint') : t('field.deleteHint')}</p>
        </div>
      </div>
    </aside>
  );
}
