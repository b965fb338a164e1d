import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { removeAt } from './form-props';

interface Props<T> {
  label: string;
  items: readonly T[];
  /** Fewest rows the schema allows (the remove button hides below it). */
  min?: number;
  max: number;
  newItem(): T;
  onChange(items: T[]): void;
  testId: string;
  children(item: T, index: number): ReactNode;
}

/** An editable list of small rows (cases, assignments, mappings) with add and remove. */
export function RowList<T>({ label, items, min = 0, max, newItem, onChange, testId, children }: Props<T>) {
  const { t } = useTranslation();
  return (
    <fieldset className="row-list" data-testid={testId}>
      <legend>{label}</legend>
      {items.map((item, i) => (
        <div key={i} className="row-list-item" data-testid={`${testId}-row`}>
          <div className="row-list-body">{children(item, i)}</div>
          {items.length > min && (
            <button type="button" className="icon-btn danger" aria-label={t('action.remove')} onClick={() => onChange(removeAt(items, i))}>
              ×
            </button>
          )}
        </div>
      ))}
      {items.length < max && (
        <button type="button" className="small" onClick={() => onChange([...items, newItem()])} data-testid={`${testId}-add`}>
          + {t('flows.form.addRow')}
        </button>
      )}
    </fieldset>
  );
}
