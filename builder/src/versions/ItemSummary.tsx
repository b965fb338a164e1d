import { useTranslation } from 'react-i18next';
import { formatValue } from './format-value';

/** A whole added or removed field / option / section, as its properties instead of raw JSON. */
export function ItemSummary({ item, kind }: { item: Record<string, unknown>; kind: 'before' | 'after' }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(item).filter(([k]) => k !== 'id');
  return (
    <dl className={`item-summary diff-${kind}`}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{i18n.exists(`diff.prop.${k}`) ? t(`diff.prop.${k}`) : <code>{k}</code>}</dt>
          <dd>
            {k === 'options' && Array.isArray(v)
              ? v.map((o) => formatValue((o as { label?: unknown }).label ?? (o as { value?: unknown }).value, t)).join(', ')
              : formatValue(v, t, k)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
