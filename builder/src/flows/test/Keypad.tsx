import { useTranslation } from 'react-i18next';
import { DTMF_KEYS } from '../forms/DigitPicker';

/** A phone keypad: each key is sent to the flow as it is pressed (the interpreter collects them). */
export function Keypad({ onKey, disabled }: { onKey(key: string): void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={t('flows.test.keypad')}>
      {DTMF_KEYS.map((key) => (
        <button key={key} type="button" disabled={disabled} onClick={() => onKey(key)} data-testid={`key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`}>
          {key}
        </button>
      ))}
    </div>
  );
}
