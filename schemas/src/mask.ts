import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { FieldDefinition } from './types.js';

/** Fewest digits a masked number hides, whatever its length: 10^4 guesses at the very least. */
export const MASK_MIN_HIDDEN = 4;
/** What people recognise a number by; a mask never shows more of it. */
const MASK_MAX_SHOWN = 4;

/**
 * A stored phone split into its country calling code and the subscriber's (national) digits. The calling
 * code is never shown as if it were part of the subscriber's number; a `+` number libphonenumber cannot
 * read keeps all its digits as the national part (the tail shown is then still the number's own tail).
 */
function phoneParts(stored: string): { cc: string; national: string } {
  const parsed = stored.trim().startsWith('+') ? parsePhoneNumberFromString(stored.trim()) : undefined;
  if (parsed) return { cc: String(parsed.countryCallingCode), national: String(parsed.nationalNumber) };
  return { cc: '', national: stored.replace(/\D/g, '') };
}

/**
 * `+8613812345678` -> `*******5678`: the last digits only (what an agent recognises a caller by), and never
 * more than the whole number can spare. At least half of ALL its digits, country code included, and never
 * fewer than MASK_MIN_HIDDEN, are stars; the calling code is not shown, so it counts as neither. A 3-digit
 * prefix (138****5678) is the common Chinese form but shows 7 of 13 digits and leaves 10^4 guesses; a short
 * number (Iceland's 7 digits) would show them all. The stars keep the national length, which is no secret.
 */
function maskPhone(stored: string): string {
  const { cc, national } = phoneParts(stored);
  const total = cc.length + national.length;
  const hidden = Math.max(MASK_MIN_HIDDEN, Math.ceil(total / 2));
  const shown = Math.max(0, Math.min(MASK_MAX_SHOWN, national.length - hidden));
  if (!shown) return '*'.repeat(Math.max(MASK_MIN_HIDDEN, national.length));
  return '*'.repeat(national.length - shown) + national.slice(-shown);
}

function maskString(field: FieldDefinition, value: string): string {
  if (field.type === 'phone') return maskPhone(value);
  if (field.type === 'email') {
    const at = value.indexOf('@');
    return at > 0 ? `${value[0]}***${value.slice(at)}` : '***';
  }
  return value.length ? `${[...value][0]}***` : '';
}

/**
 * What a person without the unmask permission sees instead of a masked field's value. The result never
 * contains enough of the original to recover it; the runtime applies it before anything leaves the server.
 */
export function maskValue(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return maskString(field, value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? maskString(field, v) : '***'));
  return '***';
}
