import { useTranslation } from 'react-i18next';
import type { WidgetProps } from './widget-props';

const PARTS = ['province', 'city', 'district', 'street', 'postcode'] as const;

export function AddressWidget({ id, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const address = (value && typeof value === 'object' ? value : {}) as Record<string, string>;
  const set = (part: string, text: string) => {
    const next = { ...address, [part]: text };
    if (!text) delete next[part];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <div id={id} className="address-widget" role="group">
      {PARTS.map((part) => (
        <input key={part} className={part === 'street' ? 'wide' : ''} placeholder={t(`preview.address.${part}`)} aria-label={t(`preview.address.${part}`)} value={address[part] ?? ''} disabled={disabled} onChange={(e) => set(part, e.target.value)} />
      ))}
    </div>
  );
}
