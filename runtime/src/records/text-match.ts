import { callingCode, type FieldDefinition } from '@telesales/schemas';

/** Client text as a literal inside a RegExp: never a pattern of the client's making. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function containsText(text: string): RegExp {
  return new RegExp(escapeRegExp(text), 'i');
}

export function startsWithText(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}`, 'i');
}

/**
 * Phones are stored in E.164 (+8613812345678) while people type them nationally (138 1234 5678), so a
 * phone matches on digits: "contains" anywhere, "starts with" right after the optional + and the field's
 * country calling code. Returns null when the text holds no digit at all.
 */
export function phoneDigits(field: FieldDefinition, text: string, anchored: boolean): RegExp | null {
  const digits = text.replace(/\D/g, '');
  if (!digits) return null;
  if (!anchored) return new RegExp(digits);
  const cc = callingCode(field.defaultCountry);
  return new RegExp(cc ? `^\\+?(?:${cc})?${digits}` : `^\\+?${digits}`);
}
