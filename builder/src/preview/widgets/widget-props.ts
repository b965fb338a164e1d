import type { FieldDefinition, Locale } from '@telesales/schemas';

export interface WidgetProps {
  id: string;
  field: FieldDefinition;
  value: unknown;
  onChange(value: unknown): void;
  disabled: boolean;
  invalid: boolean;
  locale: Locale;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
