import { nationalDigits } from './phone.js';
import type { FieldDefinition } from './types.js';

/** `13812345678` -> `138****5678`; short numbers keep less so at least half is hidden. */
function maskDigits(digits: string): string {
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 3) return `${digits.slice(0, 1)}****${digits.slice(-1)}`;
  return '****';
}

function maskString(field: FieldDefinition, value: string): string {
  if (field.type === 'phone') return maskDigits(nationalDigits(value));
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
