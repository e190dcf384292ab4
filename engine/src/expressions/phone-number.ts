export interface PhoneNumberParts {
  /** The number exactly as the carrier gave it. */
  readonly number: string;
  /** Only the digits of the number (of the user part for a SIP or tel URI). */
  readonly digits: string;
  /** E.164 calling code ("1", "44", "353"), or null when the number is not in E.164 form. */
  readonly countryCode: string | null;
  /** The 3-digit area code of a NANP number (+1 and ten digits), else null. */
  readonly areaCode: string | null;
  readonly isAnonymous: boolean;
}

/**
 * Calling codes shorter than three digits. This is the complete ITU list: 1 (NANP) and 7 are the only
 * one-digit codes, these are the only two-digit ones, and every other code has three digits.
 */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

const ANONYMOUS_NAMES = new Set(['', 'anonymous', 'restricted', 'private', 'unavailable']);
const URI_SCHEME = /^(?:sips?|tel):/i;
/** E.164: '+', no leading zero, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Splits a caller or called number into the parts expressions can read.
 * "sip:+14155550123@example.com;user=phone" and "tel:+1-415-555-0123" are read through their user part;
 * spaces, dashes, dots and parentheses inside a number are ignored. Only a number in E.164 form
 * (leading '+') has a country code; a national number ("4155550123") has none.
 */
export function phoneNumberParts(raw: string): PhoneNumberParts {
  const user = userPart(raw);
  const compact = user.replace(/[\s\-.()]/g, '');
  const digits = user.replace(/\D/g, '');
  const countryCode = E164.test(compact) ? callingCode(digits) : null;
  const areaCode = countryCode === '1' && /^[2-9]\d{9}$/.test(digits.slice(1)) ? digits.slice(1, 4) : null;
  return {
    number: raw,
    digits,
    countryCode,
    areaCode,
    isAnonymous: ANONYMOUS_NAMES.has(user.toLowerCase()),
  };
}

function userPart(raw: string): string {
  const trimmed = raw.trim();
  const scheme = URI_SCHEME.exec(trimmed);
  if (!scheme) return trimmed;
  const rest = trimmed.slice(scheme[0].length);
  const end = rest.search(/[@;]/);
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

function callingCode(digits: string): string {
  const one = digits.slice(0, 1);
  if (ONE_DIGIT_CODES.has(one)) return one;
  const two = digits.slice(0, 2);
  return TWO_DIGIT_CODES.has(two) ? two : digits.slice(0, 3);
}
