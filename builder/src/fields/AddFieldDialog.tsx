import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDefinition, FieldDefinition, FieldType, LocalText } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { sortedSections } from '../designer/definition-ops';
import { useLocale } from '../i18n';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import { Modal } from '../ui/Modal';
import { KEY_PATTERN, newField, suggestKey } from './new-field';
import { TypePicker } from './TypePicker';

interface Props {
  def: EntityDefinition;
  defaultSection?: string;
  onClose(): void;
  onAdd(field: FieldDefinition): void;
}

/** The few things a field needs to exist; everything else is set afterwards in the side panel. */
export function AddFieldDialog({ def, defaultSection, onClose, onAdd }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const sections = sortedSections(def);
  const [type, setType] = useState<FieldType>('text');
  const [label, setLabel] = useState<Partial<LocalText> | undefined>(undefined);
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [section, setSection] = useState(defaultSection ?? sections[0]?.key ?? '');
  const [required, setRequired] = useState(false);
  const [tried, setTried] = useState(false);

  const issues: Issue[] = [];
  if (!KEY_PATTERN.test(key)) issues.push({ path: '/key', code: 'pattern', message: t('field.keyHint') });
  if (def.fields.some((f) => f.key === key)) issues.push({ path: '/key', code: 'duplicate', message: t('field.keyTaken') });
  if (!label?.zh) issues.push({ path: '/label/zh', code: 'required', message: t('field.labelRequired') });
  if (!label?.en) issues.push({ path: '/label/en', code: 'required', message: t('field.labelRequired') });
  const shown = tried ? issues : [];

  function changeLabel(next: LocalText | undefined) {
    setLabel(next);
    if (!keyEdited) setKey(suggestKey(next?.en ?? ''));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (issues.length) return;
    onAdd(newField({ key, label: label as LocalText, type, section: section || undefined, required }));
  }

  return (
    <Modal title={t('designer.addField')} onClose={onClose} testId="add-field-dialog" wide>
      <form onSubmit={submit} className="stack">
        <TypePicker value={type} onChange={setType} />
        <LocalTextInput label={t('field.label')} value={label} onChange={changeLabel} issues={shown} pointer="/label" testId="new-field-label" />
        <div className="grid-2">
          <FormRow label={t('field.key')} issues={shown.filter((i) => i.path === '/key')} hint={t('field.keyHint')}>
            {(id, invalid) => (
              <input
                id={id}
                className="mono"
                value={key}
                aria-invalid={invalid}
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyEdited(true);
                }}
                data-testid="new-field-key"
              />
            )}
          </FormRow>
          <FormRow label={t('field.section')}>
            {(id) => (
              <select id={id} value={section} onChange={(e) => setSection(e.target.value)} data-testid="new-field-section">
                <option value="">{t('field.noSection')}</option>
                {sections.map((s) => (
                  <option key={s.id} value={s.key}>
                    {localize(s.label, locale) || s.key}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
        </div>
        <CheckboxRow label={t('field.required')} checked={required} onChange={setRequired} testId="new-field-required" />
        <div className="row gap end">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={tried && issues.length > 0} data-testid="new-field-add">
            {t('designer.addField')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
