import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../../api/definitions';
import { useAsync } from '../../hooks/use-async';
import { useLocale } from '../../i18n';
import { withKey, type FormProps } from './form-props';
import { SelectRow, TextRow } from './rows';

/** Finds the caller's record by their number (as the caller's flow may see it: masked fields stay masked). */
export function LookupForm({ node, issues, base, set }: FormProps<'lookup'>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const entities = useAsync(() => listDefinitions('entity'), []);
  const c = node.config;
  const options = (entities.data ?? []).filter((e) => e.version > 0).map((e) => ({ value: e.key, label: localize(e.label, locale) || e.key }));
  if (c.entity && !options.some((o) => o.value === c.entity)) options.push({ value: c.entity, label: c.entity });
  return (
    <>
      <SelectRow label={t('flows.form.entity')} value={c.entity || undefined} options={options} onChange={(v) => set({ ...c, entity: v ?? '' })} issues={issues} pointer={`${base}/entity`} testId="lookup-entity" />
      <TextRow label={t('flows.form.variable')} value={c.variable} placeholder="customer" onChange={(v) => set(withKey(c, 'variable', v))} issues={issues} pointer={`${base}/variable`} testId="lookup-variable" hint={t('flows.form.lookupHint')} />
    </>
  );
}
