import { nationalDialDigits } from '@telesales/schemas';

/**
 * How a customer's number is written in the request-URI toward the SIP trunk (`sip:<this>@<domain>`), set by
 * SIP_TRUNK_NUMBER_FORMAT: `e164` `+8613912345678`; `e164-no-plus` `8613912345678` (the default: what the
 * runtime always sent); `national` the number as dialled inside its country, `13912345678`, `01012345678`.
 */
export type TrunkNumberFormat = 'e164' | 'e164-no-plus' | 'national';
export const TRUNK_NUMBER_FORMATS: readonly TrunkNumberFormat[] = ['e164', 'e164-no-plus', 'national'];

/** SIP_TRUNK_PREFIX: digits (and * #) some trunks want before every number (an outside-line 0 or 9, a route code). */
export const TRUNK_PREFIX = /^[0-9*#]{0,16}$/;

/**
 * The user part for a stored number (E.164 when it parsed, else the digits as typed). A number stored without
 * its `+` has no known country to drop or `+` to add: its digits are sent as they are.
 */
export function trunkNumber(stored: string, format: TrunkNumberFormat = 'e164-no-plus', prefix = ''): string {
  const digits = stored.replace(/\D/g, '');
  const e164 = stored.startsWith('+') && digits.length > 0;
  const number = format === 'e164' && e164 ? `+${digits}` : format === 'national' ? nationalDialDigits(stored) : digits;
  return `${prefix}${number}`;
}
