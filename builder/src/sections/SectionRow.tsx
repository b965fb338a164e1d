import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { SortableRow } from '../ui/SortableRow';

type Section = NonNullable<EntityDefinition['sections']>[number];

interface Props {
  section: Section;
  pointer: string;
  issues: readonly Issue[];
  fieldCount: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove(step: -1 | 1): void;
  onChange(patch: Partial<Section>): void;
  onDelete(): void;
}

export function SectionRow({ section, pointer, issues, fieldCount, canMoveUp, canMoveDown, onMove, onChange, onDelete }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = localize(section.label, locale) || section.key;
  const invalid = (p: string) => issuesAt(issues, `${pointer}/${p}`).length > 0;
  const setLabel = (lang: 'zh' | 'en', text: string) => onChange({ label: { ...section.label, [lang]: text } });
  return (
    <SortableRow id={section.id} className="option-row" handleLabel={t('section.drag', { name })} testId="section-edit-row" data={{ key: section.key }}>
      {(handle) => (
        <>
          <div className="option-line">
            {handle}
            <input className="mono option-value" value={section.key} aria-label={t('section.key')} aria-invalid={invalid('key')} onChange={(e) => onChange({ key: e.target.value })} data-testid="section-key" />
            <span className="row-actions">
              <button type="button" className="icon-btn" disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={t('action.moveUpNamed', { name })}>
                ↑
              </button>
              <button type="button" className="icon-btn" disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={t('action.moveDownNamed', { name })}>
                ↓
              </button>
              <button
                type="button"
                className="icon-btn danger"
                disabled={fieldCount > 0}
                title={fieldCount > 0 ? t('section.notEmpty', { count: fieldCount }) : undefined}
                onClick={onDelete}
                aria-label={t('section.delete', { name })}
                data-testid="section-delete"
              >
                ✕
              </button>
            </span>
          </div>
          <div className="option-labels">
            <input value={section.label?.zh ?? ''} aria-label={t('section.labelZh')} placeholder={t('lang.zh')} aria-invalid={invalid('label/zh') || invalid('label')} onChange={(e) => setLabel('zh', e.target.value)} data-testid="section-label-zh" />
            <input value={section.label?.en ?? ''} aria-label={t('section.labelEn')} placeholder={t('lang.en')} aria-invalid={invalid('label/en') || invalid('label')} onChange={(e) => setLabel('en', e.target.value)} data-testid="section-label-en" />
          </div>
          <InlineIssues issues={issuesUnder(issues, pointer)} />
        </>
      )}
    </SortableRow>
  );
}
