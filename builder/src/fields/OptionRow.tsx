import { useTranslation } from 'react-i18next';
import type { FieldOption } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { SortableRow } from '../ui/SortableRow';

interface Props {
  option: FieldOption;
  pointer: string;
  issues: readonly Issue[];
  published: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove(step: -1 | 1): void;
  onChange(option: FieldOption): void;
  onDelete(): void;
}

const DEFAULT_COLOUR = '#94a3b8';

export function OptionRow({ option, pointer, issues, published, canMoveUp, canMoveDown, onMove, onChange, onDelete }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = localize(option.label, locale) || option.value;
  const invalid = (p: string) => issuesAt(issues, `${pointer}/${p}`).length > 0;
  const setLabel = (lang: 'zh' | 'en', text: string) => onChange({ ...option, label: { ...option.label, [lang]: text } });
  const setColour = (color: string | undefined) => {
    const { color: _old, ...rest } = option;
    onChange(color === undefined ? rest : { ...rest, color });
  };
  const setRetired = (retired: boolean) => {
    const { retired: _old, ...rest } = option;
    onChange(retired ? { ...rest, retired } : rest);
  };
  return (
    <SortableRow
      id={option.id}
      className={`option-row${option.retired ? ' retired' : ''}`}
      handleLabel={t('options.drag', { name })}
      testId="option-row"
      data={{ value: option.value }}
    >
      {(handle) => (
        <>
          <div className="option-line">
            {handle}
            <input
              className="mono option-value"
              value={option.value}
              disabled={published}
              title={published ? t('options.valueLocked') : t('options.value')}
              aria-label={t('options.value')}
              aria-invalid={invalid('value')}
              onChange={(e) => onChange({ ...option, value: e.target.value })}
              data-testid="option-value"
            />
            <input type="color" value={option.color ?? DEFAULT_COLOUR} aria-label={t('options.colour')} onChange={(e) => setColour(e.target.value)} data-testid="option-color" />
            {option.color && (
              <button type="button" className="icon-btn" onClick={() => setColour(undefined)} aria-label={t('options.clearColour')}>
                ⌫
              </button>
            )}
            <span className="row-actions">
              <button type="button" className="icon-btn" disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={t('action.moveUpNamed', { name })}>
                ↑
              </button>
              <button type="button" className="icon-btn" disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={t('action.moveDownNamed', { name })}>
                ↓
              </button>
              {published || option.retired ? (
                <button type="button" className="small" onClick={() => setRetired(!option.retired)} data-testid={option.retired ? 'option-unretire' : 'option-retire'}>
                  {option.retired ? t('action.unretire') : t('action.retire')}
                </button>
              ) : (
                <button type="button" className="icon-btn danger" onClick={onDelete} aria-label={t('options.delete', { name })} data-testid="option-delete">
                  ✕
                </button>
              )}
            </span>
          </div>
          <div className="option-labels">
            <input value={option.label?.zh ?? ''} aria-label={t('options.labelZh')} placeholder={t('lang.zh')} aria-invalid={invalid('label/zh') || invalid('label')} onChange={(e) => setLabel('zh', e.target.value)} data-testid="option-label-zh" />
            <input value={option.label?.en ?? ''} aria-label={t('options.labelEn')} placeholder={t('lang.en')} aria-invalid={invalid('label/en') || invalid('label')} onChange={(e) => setLabel('en', e.target.value)} data-testid="option-label-en" />
          </div>
          <InlineIssues issues={issuesUnder(issues, pointer)} />
        </>
      )}
    </SortableRow>
  );
}
