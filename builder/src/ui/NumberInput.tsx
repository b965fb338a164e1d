import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: number | undefined;
  onValue(value: number | undefined): void;
};

/** A number input whose empty state means "not set" (the key is dropped) rather than 0. */
export function NumberInput({ value, onValue, ...rest }: Props) {
  return (
    <input
      type="number"
      {...rest}
      value={value ?? ''}
      onChange={(e) => onValue(e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
    />
  );
}
