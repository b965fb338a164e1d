import type { TFunction } from 'i18next';

const isLocalText = (v: unknown): v is { zh?: string; en?: string } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k === 'zh' || k === 'en');

/**
 * A before/after value as short readable text; whole objects fall back to compact JSON. A field's type
 * (`property` "type") reads as the type's name ("Single choice", not "select").
 */
export function formatValue(value: unknown, t: TFunction, property?: string): string {
  if (value === undefined || value === null) return t('diff.none');
  if (property === 'type' && typeof value === 'string' && t(`types.${value}`, { defaultValue: '' })) return t(`types.${value}`);
  if (typeof value === 'boolean') return value ? t('preview.yes') : t('preview.no');
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number') return String(value);
  if (isLocalText(value)) return [value.zh, value.en].filter(Boolean).join(' / ');
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  return JSON.stringify(value);
}

/** Long values (whole fields or options) are folded behind a toggle. */
export const isBulky = (text: string) => text.length > 80;
