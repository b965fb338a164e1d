import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string[] | undefined;
  onValue(value: string[] | undefined): void;
};

const split = (text: string) => text.split(/[,，]/).map((s) => s.trim()).filter(Boolean);

/** Comma-separated list; the raw text is kept while typing so a trailing comma is not eaten. */
export function TagsInput({ value, onValue, ...rest }: Props) {
  const [text, setText] = useState(() => (value ?? []).join(', '));
  const same = split(text).join('\u0000') === (value ?? []).join('\u0000');
  return (
    <input
      {...rest}
      value={same ? text : (value ?? []).join(', ')}
      onChange={(e) => {
        setText(e.target.value);
        const tags = split(e.target.value);
        onValue(tags.length ? tags : undefined);
      }}
    />
  );
}
