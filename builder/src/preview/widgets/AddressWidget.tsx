import { useTranslation } from 'react-i18next';
import { ADDRESS_PARTS } from '@telesales/schemas';
import type { WidgetProps } from './widget-props';

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
      {/* The console's address input shows the same parts in the same grid. */}
      {ADDRESS_PARTS.map((part) => (
        <input key={part} className={part === 'street' ? 'wide' : ''} data-part={part} placeholder={t(`preview.address.${part}`)} aria-label={t(`preview.address.${part}`)} value={address[part] ?? ''} disabled={disabled} onChange={(e) => set(part, e.target.value)} />
      ))}
    </div>
  );
}
