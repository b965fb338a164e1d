import { useTranslation } from 'react-i18next';
import { localize, type EntityDefinition } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { setColumns, setProp, type Campaign } from './campaign-ops';

interface Props {
  def: Campaign;
  entity: EntityDefinition | undefined;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

/** The number list's layout: which column is the number, and which columns fill which fields of the object. */
export function ColumnMapping({ def, entity, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns = def.columns ?? [];
  const fields = (entity?.fields ?? []).filter((f) => !f.retired && f.type !== 'phone');
  const edit = (i: number, patch: Partial<(typeof columns)[number]>) =>
    onChange((d) => setColumns(d, (d.columns ?? []).map((c, k) => (k === i ? { ...c, ...patch } : c))));
  return (
    <>
      <FormRow label={t('campaigns.phoneColumn')} hint={t('campaigns.phoneColumnHint')} issues={issuesAt(issues, '/phoneColumn')}>
        {(id, invalid) => (
          <input id={id} type="text" aria-invalid={invalid} placeholder="phone" value={def.phoneColumn ?? ''} onChange={(e) => onChange((d) => setProp(d, 'phoneColumn', e.target.value))} data-testid="campaign-phoneColumn" />
        )}
      </FormRow>
      <div className="campaign-columns" data-testid="campaign-columns">
        <div className="label-like">{t('campaigns.columns')}</div>
        <p className="hint">{t('campaigns.columnsHint')}</p>
        {columns.length === 0 && <p className="muted small">{t('campaigns.noColumns')}</p>}
        {columns.map((c, i) => (
          <div key={i} className="campaign-column-row" data-testid="campaign-column">
            <input type="text" aria-label={t('campaigns.column', { n: i + 1 })} value={c.column} aria-invalid={issuesAt(issues, `/columns/${i}/column`).length > 0} onChange={(e) => edit(i, { column: e.target.value })} data-testid="campaign-column-name" />
            <span aria-hidden="true">→</span>
            <select aria-label={t('campaigns.field', { n: i + 1 })} value={c.field} aria-invalid={issuesAt(issues, `/columns/${i}/field`).length > 0} onChange={(e) => edit(i, { field: e.target.value })} data-testid="campaign-column-field">
              <option value="">{t('campaigns.chooseField')}</option>
              {fields.map((f) => (
                <option key={f.key} value={f.key}>{localize(f.label, locale) || f.key}</option>
              ))}
              {c.field && !fields.some((f) => f.key === c.field) && <option value={c.field}>{c.field} ⚠</option>}
            </select>
            <button type="button" className="icon-btn" aria-label={t('campaigns.removeColumn', { n: i + 1 })} onClick={() => onChange((d) => setColumns(d, (d.columns ?? []).filter((_, k) => k !== i)))}>×</button>
            <InlineIssues issues={issuesUnder(issues, `/columns/${i}`)} />
          </div>
        ))}
        <button type="button" className="small" onClick={() => onChange((d) => setColumns(d, [...(d.columns ?? []), { column: '', field: '' }]))} data-testid="campaign-add-column">
          {t('campaigns.addColumn')}
        </button>
      </div>
    </>
  );
}
