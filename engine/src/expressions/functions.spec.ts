import { evaluateExpression, parseExpression, type ExpressionContext, type ExprValue } from './index';

const context: ExpressionContext = {
  vars: { name: '  Ana María  ', code: 'ab-12 34', list: [3, '1.5', 8], bad: [1, 'x'], empty: '', tier: 'gold' },
  caller: '+14155550123',
  called: '+442071234567',
  now: 0,
  timeZone: 'UTC',
};

function run(source: string): ExprValue {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`parse failed for ${source}: ${result.error.message}`);
  return evaluateExpression(result.expression, context);
}

describe('text functions', () => {
  it.each<[string, ExprValue]>([
    ['lower("ÀBC")', 'àbc'],
    ['upper("straße")', 'STRASSE'],
    ['upper(vars.missing)', ''],
    ['lower(12.50)', '12.5'],
    ['trim(vars.name)', 'Ana María'],
    ['trim("\\n x \\t")', 'x'],
    ['len("hello")', 5],
    ['len("😀a")', 2],
    ['len(vars.list)', 3],
    ['len([])', 0],
    ['len(vars.missing)', 0],
    ['len(12345)', 5],
    ['digits(vars.code)', '1234'],
    ['digits(caller.number)', '14155550123'],
    ['digits("none")', ''],
    ['string(1.50)', '1.5'],
    ['string(0.1 + 0.2)', '0.3'],
    ['string(1 / 3)', '0.3333333333'],
    ['string(-0.00000000001)', '0'],
    ['string(100)', '100'],
    ['string(true)', 'true'],
    ['string(null)', ''],
    ['string(vars.list)', '3, 1.5, 8'],
    ['string([["a", "b"], "c"])', 'a, b, c'],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });
});

describe('substr', () => {
  it.each<[string, ExprValue]>([
    ['substr("hello", 1)', 'ello'],
    ['substr("hello", 1, 3)', 'ell'],
    ['substr("hello", 0, 0)', ''],
    ['substr("hello", -3)', 'llo'],
    ['substr("hello", -3, 2)', 'll'],
    ['substr("hello", -10, 2)', 'he'],
    ['substr("hello", 10)', ''],
    ['substr("hello", 1.9, 2.9)', 'el'],
    ['substr("hello", 2, -1)', ''],
    ['substr("hello", "1", "2")', 'el'],
    ['substr("😀ab", 1)', 'ab'],
    ['substr("hello", "x")', null],
    ['substr("hello", 1, vars.missing)', null],
    ['substr(caller.number, 2, 3)', '415'],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });
});

describe('replace', () => {
  it.each<[string, ExprValue]>([
    ['replace("a-b-c", "-", "+")', 'a+b+c'],
    ['replace("aaa", "a", "aa")', 'aaaaaa'],
    ['replace("a.b", ".", "")', 'ab'],
    ['replace("(x)", "(", "[")', '[x)'],
    ['replace("abc", "", "-")', 'abc'],
    ['replace("abc", "z", "-")', 'abc'],
    ['replace(12345, 3, "x")', '12x45'],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('gives null instead of an enormous result', () => {
    const grow = (depth: number): string =>
      depth === 0 ? '"aaaaaaaaaa"' : `replace(${grow(depth - 1)}, "a", "aaaaaaaaaa")`;
    expect(run(`len(${grow(4)})`)).toBe(100_000);
    expect(run(`len(${grow(5)})`)).toBe(0);
    expect(run(grow(30))).toBe('');
  });
});

describe('number, coalesce, min, max, round', () => {
  it.each<[string, ExprValue]>([
    ['number("42")', 42],
    ['number(" -3.5 ")', -3.5],
    ['number(".5")', 0.5],
    ['number("0042")', 42],
    ['number("1e3")', null],
    ['number("1,000")', null],
    ['number("")', null],
    ['number("abc")', null],
    ['number(true)', null],
    ['number(null)', null],
    ['number(7)', 7],
    ['coalesce(vars.missing, vars.empty, "there")', 'there'],
    ['coalesce(vars.tier, "there")', 'gold'],
    ['coalesce(0, 1)', 0],
    ['coalesce(false, 1)', false],
    ['coalesce(vars.missing, vars.empty)', null],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min(vars.list)', 1.5],
    ['max(vars.list, 10)', 10],
    ['max("7", 2)', 7],
    ['min(vars.bad)', null],
    ['min(1, vars.missing)', null],
    ['max([])', null],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(2.4)', 2],
    ['round(1.005, 2)', 1.01],
    ['round(1.2345, 3)', 1.235],
    ['round("3.14159", 2)', 3.14],
    ['round(-0.4)', 0],
    ['round(1.5, 11)', null],
    ['round(1.5, -1)', null],
    ['round(1.5, "x")', null],
    ['round("x")', null],
    ['round(12345678901234567)', 12345678901234567],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('never returns negative zero from round', () => {
    expect(Object.is(run('round(-0.4)'), 0)).toBe(true);
  });
});

describe('startsWith, endsWith, contains as functions', () => {
  it.each<[string, ExprValue]>([
    ['startsWith(caller.number, "+1415")', true],
    ['startsWith(caller.number, "+44")', false],
    ['endsWith(called.number, "4567")', true],
    ['endsWith(vars.missing, "")', false],
    ['contains(vars.list, 8)', true],
    ['contains(vars.list, "8")', true],
    ['contains(vars.list, 9)', false],
    ['contains("gold", "ol")', true],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});
