import { useTranslation } from 'react-i18next';
import type { Issue } from '../../api/issues';
import { replaceAt } from './form-props';
import { RowList } from './RowList';
import { ExpressionRow, TextRow } from './rows';

export interface Assignment {
  variable: string;
  expression: string;
}

interface Props {
  label: string;
  items: readonly Assignment[];
  min: number;
  issues: readonly Issue[];
  pointer: string;
  testId: string;
  onChange(items: Assignment[]): void;
}

/** Variables set from JSONata: a set-variable node's assignments, an HTTP node's mapping of the response. */
export function AssignmentList({ label, items, min, issues, pointer, testId, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <RowList label={label} items={items} min={min} max={20} newItem={() => ({ variable: '', expression: '' })} onChange={onChange} testId={testId}>
      {(item, i) => (
        <>
          <TextRow label={t('flows.form.variable')} value={item.variable} onChange={(v) => onChange(replaceAt(items, i, { ...item, variable: v ?? '' }))} issues={issues} pointer={`${pointer}/${i}/variable`} testId={`${testId}-variable-${i}`} />
          <ExpressionRow label={t('flows.form.expression')} value={item.expression} onChange={(v) => onChange(replaceAt(items, i, { ...item, expression: v ?? '' }))} issues={issues} pointer={`${pointer}/${i}/expression`} testId={`${testId}-expression-${i}`} />
        </>
      )}
    </RowList>
  );
}
