import { localize, type MetricSpec, type ReportMeasure, type ReportField } from '@telesales/schemas';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n';

interface Props {
  measure: ReportMeasure;
  spec: MetricSpec;
  fields: readonly ReportField[];
  onChange(params: NonNullable<ReportMeasure['params']>): void;
}

/**
 * A metric's parameters: seconds as a number, a field picked from the source, values ticked from that field's
 * options (the status values meaning won, contacted, closed).
 */
export function MetricParams({ measure: m, spec, fields, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const params = m.params ?? {};
  const set = (key: string, value: string | number | string[] | undefined) => {
    const next = { ...params } as Record<string, string | number | string[]>;
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const statusField = fields.find((f) => f.key === params.field);
  return (
    <div className="metric-params">
      {(spec.params ?? []).map((p) => {
        const label = localize(p.label, locale);
        const id = `measure-${m.id}-param-${p.key}`;
        if (p.type === 'seconds') {
          return (
            <label key={p.key}>{label}
              <input type="number" min={1} data-testid={id} value={String(params[p.key] ?? p.default ?? '')} onChange={(e) => set(p.key, e.target.value ? Number(e.target.value) : undefined)} />
            </label>
          );
        }
        if (p.type === 'field') {
          return (
            <label key={p.key}>{label}
              <select data-testid={id} value={String(params[p.key] ?? '')} onChange={(e) => set(p.key, e.target.value)}>
                <option value="">{t('reportDesigner.choose')}</option>
                {fields.map((f) => <option key={f.key} value={f.key}>{localize(f.label, locale)}</option>)}
              </select>
            </label>
          );
        }
        const chosen = new Set(Array.isArray(params[p.key]) ? (params[p.key] as string[]) : []);
        return (
          <fieldset key={p.key} className="values-param" data-testid={id}>
            <legend>{label}</legend>
            {(statusField?.options ?? []).map((v) => (
              <label key={v} className="check-row">
                <input type="checkbox" checked={chosen.has(v)} onChange={(e) => set(p.key, e.target.checked ? [...chosen, v] : [...chosen].filter((x) => x !== v))} />
                <code>{v}</code>
              </label>
            ))}
            {!statusField && <span className="muted small">{t('reportDesigner.pickFieldFirst')}</span>}
          </fieldset>
        );
      })}
    </div>
  );
}
