import { evaluateExpression, parseExpression, type ExprValue } from './index';
import { phoneNumberParts } from './phone-number';

describe('phoneNumberParts', () => {
  it.each<[string, string, string | null, string | null]>([
    // raw, digits, countryCode, areaCode
    ['+14155550123', '14155550123', '1', '415'],
    ['+1 (415) 555-0123', '14155550123', '1', '415'],
    ['+12125550100', '12125550100', '1', '212'],
    ['+11235550100', '11235550100', '1', null],
    ['+1415555012', '1415555012', '1', null],
    ['+79161234567', '79161234567', '7', null],
    ['+77011234567', '77011234567', '7', null],
    ['+442071234567', '442071234567', '44', null],
    ['+493012345678', '493012345678', '49', null],
    ['+33142685300', '33142685300', '33', null],
    ['+201001234567', '201001234567', '20', null],
    ['+27211234567', '27211234567', '27', null],
    ['+61212345678', '61212345678', '61', null],
    ['+819012345678', '819012345678', '81', null],
    ['+8613812345678', '8613812345678', '86', null],
    ['+919812345678', '919812345678', '91', null],
    ['+989121234567', '989121234567', '98', null],
    ['+353861234567', '353861234567', '353', null],
    ['+380441234567', '380441234567', '380', null],
    ['+971501234567', '971501234567', '971', null],
    ['+35812345678', '35812345678', '358', null],
    ['+8525551234', '8525551234', '852', null],
    ['sip:+14155550123@sip.telnyx.com;user=phone', '14155550123', '1', '415'],
    ['tel:+44-20-7123-4567', '442071234567', '44', null],
    ['sip:1001@10.0.0.5', '1001', null, null],
    ['4155550123', '4155550123', null, null],
    ['+0123456789', '0123456789', null, null],
    ['+12345', '12345', null, null],
    ['+1234567890123456', '1234567890123456', null, null],
    ['anonymous', '', null, null],
  ])('%s', (raw, digits, countryCode, areaCode) => {
    expect(phoneNumberParts(raw)).toEqual({ number: raw, digits, countryCode, areaCode, isAnonymous: raw === 'anonymous' });
  });

  it.each(['', '  ', 'anonymous', 'Anonymous', 'RESTRICTED', 'private', 'unavailable', 'sip:anonymous@anonymous.invalid'])(
    '%j is anonymous',
    (raw) => {
      expect(phoneNumberParts(raw).isAnonymous).toBe(true);
    },
  );

  it.each(['+14155550123', 'sip:alice@example.com', 'unknown-ish'])('%j is not anonymous', (raw) => {
    expect(phoneNumberParts(raw).isAnonymous).toBe(false);
  });
});

describe('caller and called fields in expressions', () => {
  const run = (source: string, caller: string, called = '+493012345678'): ExprValue => {
    const result = parseExpression(source);
    if (!result.ok) throw new Error(result.error.message);
    return evaluateExpression(result.expression, { vars: {}, caller, called, now: 0, timeZone: 'UTC' });
  };

  it('exposes the caller parts', () => {
    const fields = '[caller.number, caller.digits, caller.areaCode, caller.countryCode, caller.isAnonymous]';
    expect(run(fields, '+14155550123')).toEqual(['+14155550123', '14155550123', '415', '1', false]);
    expect(run(fields, 'restricted')).toEqual(['restricted', '', null, null, true]);
  });

  it('exposes the called parts', () => {
    const fields = '[called.number, called.digits, called.areaCode, called.countryCode]';
    expect(run(fields, '', '+18005550199')).toEqual(['+18005550199', '18005550199', '800', '1']);
    expect(run(fields, '', '+493012345678')).toEqual(['+493012345678', '493012345678', null, '49']);
  });

  it('compares codes with numbers or strings alike', () => {
    expect(run('caller.countryCode == 44', '+442071234567')).toBe(true);
    expect(run('caller.countryCode == "44"', '+442071234567')).toBe(true);
    expect(run('caller.areaCode in ["415", "650"]', '+16505550123')).toBe(true);
    expect(run('caller.areaCode in ["415", "650"]', '+442071234567')).toBe(false);
  });
});
