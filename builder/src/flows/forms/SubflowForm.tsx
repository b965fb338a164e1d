import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../../api/definitions';
import { useAsync } from '../../hooks/use-async';
import { useLocale } from '../../i18n';
import type { FormProps } from './form-props';
import { SelectRow } from './rows';

/** Calls another published flow, pinned to a version or always its latest; its `return` comes back here. */
export function SubflowForm({ node, def, issues, base, set }: FormProps<'subflow'>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const flows = useAsync(() => listDefinitions('flow'), []);
  const c = node.config;
  const published = (flows.data ?? []).filter((f) => f.version > 0 && f.key !== def.key);
  const options = published.map((f) => ({ value: f.key, label: `${localize(f.label, locale) || f.key} (${f.key})` }));
  if (c.flow && !options.some((o) => o.value === c.flow)) options.push({ value: c.flow, label: c.flow });
  const latest = published.find((f) => f.key === c.flow)?.version ?? 0;
  const versions = [{ value: 'latest', label: t('flows.form.latest') }, ...Array.from({ length: latest }, (_, i) => ({ value: String(latest - i), label: `v${latest - i}` }))];
  return (
    <>
      <SelectRow label={t('flows.form.subflow')} value={c.flow || undefined} options={options} onChange={(flow) => set({ ...c, flow: flow ?? '', version: 'latest' })} issues={issues} pointer={`${base}/flow`} testId="subflow-flow" hint={options.length === 0 ? t('flows.form.noPublishedFlows') : undefined} />
      <SelectRow label={t('flows.form.version')} value={String(c.version)} options={versions} onChange={(v) => set({ ...c, version: !v || v === 'latest' ? 'latest' : Number(v) })} issues={issues} pointer={`${base}/version`} testId="subflow-version" />
    </>
  );
}
