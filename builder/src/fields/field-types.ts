import type { FieldType } from '@telesales/schemas';

/** Which per-field options make sense for a type; the panel shows only those. */
export interface TypeTraits {
  group: 'text' | 'number' | 'time' | 'choice' | 'contact' | 'relation' | 'other';
  range?: 'number' | 'date' | 'datetime'; // min/max
  length?: true; // minLength/maxLength and pattern
  decimals?: true;
  currency?: true;
  country?: true;
  options?: true;
  reference?: true;
  defaultValue?: true;
}

// A Record keyed by FieldType makes the compiler insist on every one of the contract's types.
export const FIELD_TYPE_TRAITS: Record<FieldType, TypeTraits> = {
  text: { group: 'text', length: true, defaultValue: true },
  longtext: { group: 'text', length: true, defaultValue: true },
  integer: { group: 'number', range: 'number', defaultValue: true },
  decimal: { group: 'number', range: 'number', decimals: true, defaultValue: true },
  money: { group: 'number', range: 'number', decimals: true, currency: true, defaultValue: true },
  percent: { group: 'number', range: 'number', decimals: true, defaultValue: true },
  date: { group: 'time', range: 'date', defaultValue: true },
  datetime: { group: 'time', range: 'datetime', defaultValue: true },
  boolean: { group: 'choice', defaultValue: true },
  select: { group: 'choice', options: true, defaultValue: true },
  multiselect: { group: 'choice', options: true, defaultValue: true },
  phone: { group: 'contact', length: true, country: true, defaultValue: true },
  email: { group: 'contact', length: true, defaultValue: true },
  url: { group: 'contact', length: true, defaultValue: true },
  user: { group: 'relation' },
  reference: { group: 'relation', reference: true },
  tags: { group: 'other', defaultValue: true },
  address: { group: 'other' },
  attachment: { group: 'other' },
};

export const FIELD_TYPES = Object.keys(FIELD_TYPE_TRAITS) as FieldType[];

/** Short glyphs for the type picker and the field list: plain text (no emoji), so no icon or emoji font is needed. */
export const FIELD_TYPE_ICON: Record<FieldType, string> = {
  text: 'Aa', longtext: '¶', integer: '#', decimal: '.0', money: '¥', percent: '%', date: '▦', datetime: '◷',
  boolean: '☑', select: '◉', multiselect: '☰', phone: '☎', email: '@', url: '⇗', user: '☺', reference: '↗',
  tags: '◈', address: '⌂', attachment: '⎘',
};
