import { useTranslation } from 'react-i18next';

export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];

interface Props {
  value: readonly string[];
  onChange(keys: DtmfKey[]): void;
  invalid: boolean;
}

/** The keys a menu listens for, as a phone keypad of toggles; each chosen key becomes a port (in keypad order). */
export function DigitPicker({ value, onChange, invalid }: Props) {
  const { t } = useTranslation();
  const toggle = (key: DtmfKey) => onChange(DTMF_KEYS.filter((k) => (k === key ? !value.includes(k) : value.includes(k))));
  return (
    <div className="digit-picker" role="group" aria-label={t('flows.form.options')} aria-invalid={invalid || undefined}>
      {DTMF_KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className={value.includes(key) ? 'on' : ''}
          aria-pressed={value.includes(key)}
          onClick={() => toggle(key)}
          data-testid={`menu-option-${key}`}
        >
          {key}
        </button>
      ))}
    </div>
  );
}
