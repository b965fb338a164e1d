// maskValue and normalizePhone: what a person without unmask sees, and how phones are stored.
import { describe, expect, it } from 'vitest';
import { maskValue, nationalDigits, normalizePhone } from '@telesales/schemas';
import { field } from './support.js';

const phone = field(2, 'phone', 'phone');

describe('maskValue', () => {
  it('masks a stored E.164 mobile as its national number: stars, then the last 4', () => {
    expect(maskValue(phone, '+8613812345678')).toBe('*******5678');
    expect(maskValue(phone, '+14155552671')).toBe('******2671');
  });

  it('masks unparsed digits and short numbers keeping less than half (tests/security/mask-every-length)', () => {
    expect(maskValue(phone, '02112345678')).toBe('*******5678');
    expect(maskValue(phone, '12345')).toBe('****5');
    expect(maskValue(phone, '12')).toBe('****');
  });

  it('masks an email keeping the first character and the domain', () => {
    expect(maskValue(field(3, 'email', 'email'), 'zhang@example.com')).toBe('z***@example.com');
    expect(maskValue(field(3, 'email', 'email'), 'not-an-email')).toBe('***');
  });

  it('masks other strings to their first character (by code point), numbers and objects to ***', () => {
    expect(maskValue(field(4, 'id_number', 'text'), '11010519491231002X')).toBe('1***');
    expect(maskValue(field(4, 'name', 'text'), '张三丰')).toBe('张***');
    expect(maskValue(field(4, 'name', 'text'), '𠀀x')).toBe('𠀀***');
    expect(maskValue(field(5, 'n', 'integer'), 42)).toBe('***');
    expect(maskValue(field(6, 'a', 'address'), { city: '杭州' })).toBe('***');
    expect(maskValue(field(7, 't', 'tags'), ['ab', 'cd', 3])).toEqual(['a***', 'c***', '***']);
  });

  it('leaves null and undefined alone', () => {
    expect(maskValue(phone, null)).toBeNull();
    expect(maskValue(phone, undefined)).toBeUndefined();
  });

  it('never contains the full national number', () => {
    for (const stored of ['+8613812345678', '+8615533021001', '13812345678']) {
      expect(String(maskValue(phone, stored))).not.toContain(nationalDigits(stored));
    }
  });
});

describe('normalizePhone', () => {
  it('stores a Chinese mobile as E.164 whatever the spacing', () => {
    expect(normalizePhone('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(normalizePhone('138-1234-5678', 'CN')).toBe('+8613812345678');
    expect(normalizePhone('+86 138 1234 5678')).toBe('+8613812345678');
    expect(normalizePhone('8613812345678', 'CN')).toBe('+8613812345678');
  });

  it('parses a number with its own + without a default country', () => {
    expect(normalizePhone('+1 (415) 555-2671')).toBe('+14155552671');
  });

  it('keeps the digits as typed when the number does not parse', () => {
    expect(normalizePhone(' 12-34 ', 'CN')).toBe('1234');
    expect(normalizePhone('13812345678')).toBe('13812345678');
    expect(normalizePhone('+12')).toBe('+12');
  });

  it('leaves text that is not a phone as it is (a masked stand-in must not become a shorter number)', () => {
    expect(normalizePhone('138****5678', 'CN')).toBe('138****5678');
    expect(normalizePhone('call me', 'CN')).toBe('call me');
  });

  it('nationalDigits reads back the national part', () => {
    expect(nationalDigits('+8613812345678')).toBe('13812345678');
    expect(nationalDigits('021-1234')).toBe('0211234');
  });
});
