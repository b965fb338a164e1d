// What the SIP trunk receives as the number of a click-to-call (runtime/src/carriers/sip/trunk-number.ts).
import { describe, expect, it } from 'vitest';
import { trunkNumber } from '@telesales/runtime/carriers/sip/trunk-number';

describe('the customer\'s number toward the trunk', () => {
  const mobile = '+8613912345678';
  const beijing = '+861012345678';

  it('e164-no-plus (the default): the E.164 digits without the +', () => {
    expect(trunkNumber(mobile)).toBe('8613912345678');
    expect(trunkNumber(mobile, 'e164-no-plus')).toBe('8613912345678');
  });

  it('e164: with the +', () => {
    expect(trunkNumber(mobile, 'e164')).toBe('+8613912345678');
    expect(trunkNumber('+14155550123', 'e164')).toBe('+14155550123');
  });

  it('national: as dialled inside the country, with its trunk prefix where it has one', () => {
    expect(trunkNumber(mobile, 'national')).toBe('13912345678');
    expect(trunkNumber(beijing, 'national')).toBe('01012345678');
    expect(trunkNumber('+442079460018', 'national')).toBe('02079460018');
  });

  it('a prefix goes before the number as written', () => {
    expect(trunkNumber(mobile, 'national', '9')).toBe('913912345678');
    expect(trunkNumber(mobile, 'e164-no-plus', '1234#')).toBe('1234#8613912345678');
  });

  it('a number stored without its + (it did not parse) is sent as its digits whatever the format', () => {
    for (const format of ['e164', 'e164-no-plus', 'national'] as const) expect(trunkNumber('0571-8888 1234', format)).toBe('057188881234');
  });
});
