import { useTranslation } from 'react-i18next';
import { replaceAt, type FormProps } from './form-props';
import { RowList } from './RowList';
import { ExpressionRow, TextRow } from './rows';

/** Cases tried in order: the first true expression names the port taken; none true takes `else`. */
export function ConditionForm({ node, issues, base, set }: FormProps<'condition'>) {
  const { t } = useTranslation();
  const c = node.config;
  type Case = (typeof c.cases)[number];
  const put = (i: number, item: Case) => set({ ...c, cases: replaceAt(c.cases, i, item) });
  return (
    <>
      <p className="hint">{t('flows.form.expressionHint')}</p>
      <RowList label={t('flows.form.cases')} items={c.cases} min={1} max={10} newItem={() => ({ port: `case${c.cases.length + 1}`, expression: '' })} onChange={(cases) => set({ ...c, cases })} testId="condition-cases">
        {(item, i) => (
          <>
            <TextRow label={t('flows.form.casePort')} value={item.port} onChange={(port) => put(i, { ...item, port: port ?? '' })} issues={issues} pointer={`${base}/cases/${i}/port`} testId={`case-port-${i}`} />
            <ExpressionRow label={t('flows.form.expression')} value={item.expression} onChange={(expression) => put(i, { ...item, expression: expression ?? '' })} issues={issues} pointer={`${base}/cases/${i}/expression`} testId={`case-expression-${i}`} />
          </>
        )}
      </RowList>
      <p className="hint">{t('flows.form.elseHint')}</p>
    </>
  );
}
