import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';
import { createRecordValidator, localize } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import type { Issue } from '../api/issues';
import { fieldsInOrder, sortedSections } from '../designer/definition-ops';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { PreviewField } from './PreviewField';

interface Props {
  def: EntityDefinition;
  roles: DefinitionSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * The card as an agent sees it, rebuilt as the definition changes. Values typed here are checked with the
 * same record validator the runtime uses, so pattern and range messages can be tried before publishing.
 */
export function CardPreview({ def: liveDef, roles, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Compiling the record validator on every keystroke would make typing in the panel lag.
  const def = useDeferredValue(liveDef);
  const [role, setRole] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [checkAll, setCheckAll] = useState(false);

  const validator = useMemo(() => {
    try {
      return createRecordValidator(def);
    } catch {
      return null; // an invalid definition (bad regex...) cannot compile; the issue list says why
    }
  }, [def]);

  const visible = (f: FieldDefinition) => !f.retired && !(role && f.access?.[role] === 'hidden');
  const effective: Record<string, unknown> = {};
  for (const f of def.fields) {
    const v = f.key in values ? values[f.key] : f.default;
    if (v !== undefined && visible(f)) effective[f.key] = v;
  }
  let issues: Issue[] = [];
  try {
    issues = validator ? validator(effective, { mode: 'create', locale }) : [];
  } catch {
    issues = [];
  }
  const shownFor = (key: string) =>
    checkAll || key in values ? issues.filter((i) => i.path === `/values/${key}` || i.path.startsWith(`/values/${key}/`)) : [];
  const general = checkAll ? issues.filter((i) => i.path === '/values' || i.path === '') : [];

  const ordered = fieldsInOrder(def).filter(visible);
  const known = new Set((def.sections ?? []).map((s) => s.key));
  const groups = [
    { id: 'loose', title: null as string | null, fields: ordered.filter((f) => !f.section || !known.has(f.section)) },
    ...sortedSections(def).map((s) => ({ id: s.id, title: localize(s.label, locale) || s.key, fields: ordered.filter((f) => f.section === s.key) })),
  ].filter((g) => g.fields.length > 0 || g.title);

  return (
    <section className="preview" aria-label={t('preview.title')} data-testid="card-preview">
      <div className="pane-head">
        <h2>{t('preview.title')}</h2>
        <select value={role} onChange={(e) => setRole(e.target.value)} aria-label={t('preview.asRole')} className="small" data-testid="preview-role">
          <option value="">{t('preview.allEditable')}</option>
          {roles.map((r) => (
            <option key={r.key} value={r.key}>
              {t('preview.as', { role: localize(r.label, locale) || r.key })}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={() => setCheckAll(true)} data-testid="preview-check">
          {t('preview.check')}
        </button>
        <button
          type="button"
          className="small ghost"
          onClick={() => {
            setValues({});
            setCheckAll(false);
          }}
        >
          {t('preview.reset')}
        </button>
      </div>
      <div className="preview-card">
        <h3 className="card-title">{localize(def.label, locale) || def.key}</h3>
        {ordered.length === 0 && <p className="muted">{t('preview.empty')}</p>}
        {groups.map((g) => (
          <fieldset key={g.id} className="card-section">
            {g.title && <legend>{g.title}</legend>}
            {g.fields.length === 0 && <p className="muted small">{t('preview.emptySection')}</p>}
            <div className="card-grid">
              {g.fields.map((f) => (
                <PreviewField
                  key={f.id}
                  field={f}
                  value={f.key in values ? values[f.key] : f.default}
                  readOnly={f.readOnly === true || (role !== '' && f.access?.[role] === 'read')}
                  issues={shownFor(f.key)}
                  selected={f.id === selectedId}
                  onSelect={() => onSelect(f.id)}
                  onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <InlineIssues issues={general} />
      </div>
    </section>
  );
}
