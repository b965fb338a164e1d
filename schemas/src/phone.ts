// The "max" metadata, not "min": min judges a number by its length and first digits only, so it takes
// `12345678` or `+8610000000` for Chinese numbers; max knows each country's real number ranges, which is
// what "a number the platform can dial" needs (the console and builder bundle it too: ~150 kB).
import type { EntityDefinition, FieldDefinition } from './types.js';
import { getCountryCallingCode, isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

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

/**
 * The field an inbound caller's number fills on the record an agent creates from the call (the screen pop's
 * new-customer form): the entity's first active phone field. The runtime fills it from the call record and the
 * console shows the masked number in it, so both read this one rule.
 */
export function callerPhoneField(entity: EntityDefinition): FieldDefinition | undefined {
  return entity.fields.find((f) => f.type === 'phone' && !f.retired);
}

/** A record's values with every phone normalised, as the server stores and judges them. */
export function normalizePhoneValues(entity: EntityDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const field of entity.fields) {
    const v = out[field.key];
    if (field.type === 'phone' && typeof v === 'string') out[field.key] = normalizePhone(v, field.defaultCountry);
  }
  return out;
}

/**
 * Whether a phone (as typed or as stored) is a number that exists in its country's numbering plan, read
 * with the field's default country when it has no `+`. A telesales platform must not keep a number it can
 * never dial; fields marked `lenient` skip this (extensions, internal lines).
 */
export function isDialablePhone(value: string, defaultCountry?: string): boolean {
  return isValidPhoneNumber(value, defaultCountry as CountryCode | undefined);
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
