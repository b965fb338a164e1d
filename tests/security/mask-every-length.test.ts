// A masked phone must hide enough of every number, short or long, national or international: at least half of
// all its digits (country code included) and never fewer than 4, and what it shows is the number's own tail.
import { describe, expect, it } from 'vitest';
import { maskValue } from '@telesales/schemas';
import { field } from '../schemas/support.js';

const phone = field(2, 'phone', 'phone');

/** Stored numbers: digits without a + (unparsed, lengths 5..15) and E.164 numbers of several countries. */
const plain = Array.from({ length: 11 }, (_, i) => '918273645091827'.slice(0, i + 5));
const international = [
  '+8613812345678', // China mobile, 13 digits
  '+861012345678', // China landline (Beijing)
  '+14155552671', // US
  '+447911123456', // UK mobile
  '+3545284125', // Iceland, 7 national digits
  '+85297249035', // Hong Kong, 8 national digits
  '+6591234567', // Singapore
  '+4915112345678', // Germany mobile
  '+491511234567', // Germany, shorter
  '+97150123456', // UAE
  '+390612345678', // Italy (national number keeps its leading 0)
  '+79161234567', // Russia
  '+2348031234567', // Nigeria
  '+6421234567', // New Zealand
  '+6899123456', // French Polynesia (country code 689)
  '+12', // too short to parse: kept as typed
];

function check(stored: string) {
  const digits = stored.replace(/\D/g, '');
  const masked = String(maskValue(phone, stored));
  const shown = masked.replace(/\D/g, '');
  const hidden = masked.replace(/[^*]/g, '').length;
  expect(masked, stored).toMatch(/^[*\d]+$/);
  // Hidden: at least half of the whole number (country code included) and never fewer than 4.
  expect(hidden, `${stored} -> ${masked}`).toBeGreaterThanOrEqual(Math.max(4, Math.ceil(digits.length / 2)));
  expect(shown.length, `${stored} -> ${masked}`).toBeLessThanOrEqual(Math.floor(digits.length / 2));
  // What is shown is the number's own digits in place: the mask lines up with the end of the number, so a
  // visible digit is never a country-code digit passed off as the subscriber's.
  const tail = digits.slice(-masked.length);
  expect(masked.length, stored).toBeLessThanOrEqual(Math.max(4, digits.length));
  [...masked].forEach((c, i) => { if (c !== '*') expect(c, `${stored} -> ${masked} at ${i}`).toBe(tail[i]); });
  return masked;
}

describe('maskValue on phones of every length', () => {
  it.each(plain)('hides at least half and never fewer than 4 digits of %s', (stored) => {
    check(stored);
  });

  it.each(international)('hides at least half of %s (country code included) and shows only its own tail', (stored) => {
    check(stored);
  });

  it('shows an agent the last 4 digits of a long number, and less of a short one', () => {
    expect(maskValue(phone, '+8613812345678')).toBe('*******5678');
    expect(maskValue(phone, '+14155552671')).toBe('******2671');
    expect(maskValue(phone, '+3545284125')).toBe('*****25');
    expect(maskValue(phone, '+85297249035')).toBe('******35');
    expect(maskValue(phone, '12345')).toBe('****5');
    expect(maskValue(phone, '1234')).toBe('****');
  });
});
