import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Phones are stored normalised so duplicate checks and look-ups by caller number match: E.164 when the
 * number parses (with its own `+` or the field's default country), otherwise the digits as typed. Text
 * that is not a phone at all (a masked stand-in "138****5678", letters) is left as it is, for the
 * validator to refuse: stripping it to its digits would store a different, wrong number.
 */
export function normalizePhone(raw: string, defaultCountry?: string): string {
  const trimmed = raw.trim();
  if (/[^\d\s+\-().]/.test(trimmed)) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode | undefined);
  if (parsed?.isValid()) return parsed.number;
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/\D/g, '');
}

/** The national part of a stored phone (what people read and what masking shows). */
export function nationalDigits(stored: string): string {
  const parsed = stored.startsWith('+') ? parsePhoneNumberFromString(stored) : undefined;
  return parsed ? String(parsed.nationalNumber) : stored.replace(/\D/g, '');
}

/**
 * A stored phone as dialled inside its own country, digits only, with the national trunk prefix where the
 * country uses one (`+8613912345678` -> `13912345678`, `+861012345678` -> `01012345678`); the digits of
 * anything that is not E.164.
 */
export function nationalDialDigits(stored: string): string {
  const parsed = stored.startsWith('+') ? parsePhoneNumberFromString(stored) : undefined;
  return (parsed ? parsed.formatNational() : stored).replace(/\D/g, '');
}

/** The calling code of a country (`CN` -> `86`), or '' for an unknown or missing country. */
export function callingCode(country: string | undefined): string {
  if (!country) return '';
  try {
    return getCountryCallingCode(country as CountryCode);
  } catch {
    return '';
  }
}
