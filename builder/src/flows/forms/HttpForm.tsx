import { useTranslation } from 'react-i18next';
import { AssignmentList } from './AssignmentList';
import { withKey, type FormProps } from './form-props';
import { ExpressionRow, NumberRow, SelectRow, TextRow } from './rows';

/** A request to an approved host; the answer is mapped into variables. */
export function HttpForm({ node, issues, base, set }: FormProps<'http'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <SelectRow label={t('flows.form.method')} value={c.method} options={[{ value: 'GET', label: 'GET' }, { value: 'POST', label: 'POST' }]} onChange={(method) => set({ ...c, method: method ?? 'GET' })} issues={issues} pointer={`${base}/method`} testId="http-method" />
      <TextRow label={t('flows.form.url')} value={c.url} onChange={(url) => set({ ...c, url: url ?? '' })} issues={issues} pointer={`${base}/url`} testId="http-url" hint={t('flows.form.urlHint')} />
      {c.method === 'POST' && (
        <ExpressionRow label={t('flows.form.body')} value={c.body} onChange={(body) => set(withKey(c, 'body', body))} issues={issues} pointer={`${base}/body`} testId="http-body" />
      )}
      <NumberRow label={t('flows.form.timeoutMs')} min={100} max={10000} value={c.timeoutMs} onChange={(v) => set({ ...c, timeoutMs: v ?? 3000 })} issues={issues} pointer={`${base}/timeoutMs`} testId="http-timeoutMs" />
      <AssignmentList label={t('flows.form.mapping')} items={c.mapping} min={0} issues={issues} pointer={`${base}/mapping`} testId="http-mapping" onChange={(mapping) => set({ ...c, mapping })} />
      <p className="hint">{t('flows.form.mappingHint')}</p>
    </>
  );
}
