import { evaluateExpression, isTruthy, parseExpression, type ExpressionContext, type ExprValue } from './index';

const context: ExpressionContext = {
  vars: {
    tier: 'gold',
    name: 'Ana',
    count: 3,
    zero: 0,
    digits: '0042',
    price: '19.90',
    flag: true,
    empty: '',
    tags: ['vip', 'beta', 7],
    nested: [['a', 'b'], 'c'],
  },
  caller: '+14155550123',
  called: '+493012345678',
  now: Date.UTC(2026, 5, 15, 9, 5),
  timeZone: 'UTC',
};

function run(source: string, ctx: ExpressionContext = context): ExprValue {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`parse failed for ${source}: ${result.error.message}`);
  return evaluateExpression(result.expression, ctx);
}

describe('evaluateExpression: names', () => {
  it('reads flow variables, and a missing one is null', () => {
    expect(run('vars.tier')).toBe('gold');
    expect(run('vars.tags')).toEqual(['vip', 'beta', 7]);
    expect(run('vars.missing')).toBeNull();
  });

  it('does not read inherited object properties as variables', () => {
    expect(run('vars.constructor')).toBeNull();
    expect(run('vars.toString')).toBeNull();
    expect(run('vars.__proto__')).toBeNull();
  });

  it('treats undefined and non-finite host values as null', () => {
    const vars = { gone: undefined, big: Infinity } as unknown as Record<string, ExprValue>;
    expect(run('vars.gone', { ...context, vars })).toBeNull();
    expect(run('vars.big', { ...context, vars })).toBeNull();
  });

  it('evaluates list literals', () => {
    expect(run('[vars.name, 1 + 1, null, [true]]')).toEqual(['Ana', 2, null, [true]]);
  });
});

describe('evaluateExpression: logic', () => {
  it.each([
    ['true and true', true],
    ['true and false', false],
    ['false or true', true],
    ['false || false', false],
    ['true && vars.name', true],
    ['vars.empty or vars.zero', false],
    ['not vars.missing', true],
    ['!vars.name', false],
    ['not vars.tags', false],
    ['not []', true],
    ['vars.tier == "gold" and caller.number startsWith "+1415"', true],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('yields booleans, never an operand', () => {
    expect(run('vars.missing and vars.name')).toBe(false);
    expect(run('vars.name or vars.missing')).toBe(true);
    expect(run('vars.empty or vars.name')).toBe(true);
  });
});

describe('evaluateExpression: equality', () => {
  it.each([
    ['1 == 1.0', true],
    ['vars.count == 3', true],
    ['vars.count == "3"', true],
    ['"3.0" == 3', true],
    ['vars.digits == 42', true],
    ['vars.digits == "42"', false],
    ['"Gold" == vars.tier', false],
    ['"gold" == vars.tier', true],
    ['vars.missing == null', true],
    ['null == null', true],
    ['vars.empty == null', false],
    ['0 == null', false],
    ['0 == false', false],
    ['"true" == true', false],
    ['vars.flag == true', true],
    ['["a", 1] == ["a", "1"]', true],
    ['["a", 1] == ["a"]', false],
    ['"abc" == 3', false],
    ['1 != 2', true],
    ['vars.tier != "gold"', false],
    ['vars.missing != null', false],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('evaluateExpression: ordering', () => {
  it.each([
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 >= 3', false],
    ['vars.digits > 5', true],
    ['"10" > 9', true],
    ['"10" > "9"', false],
    ['"09:05" < "12:00"', true],
    ['"b" > "a"', true],
    ['"B" < "a"', true],
    ['vars.missing < 5', false],
    ['vars.missing >= 5', false],
    ['"abc" < 5', false],
    ['"abc" >= 5', false],
    ['true > false', false],
    ['[1] < [2]', false],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('evaluateExpression: membership and text operators', () => {
  it.each([
    ['vars.tier in ["gold", "silver"]', true],
    ['"bronze" in ["gold", "silver"]', false],
    ['7 in vars.tags', true],
    ['"7" in vars.tags', true],
    ['["a", "b"] in vars.nested', true],
    ['"old" in vars.tier', true],
    ['"Old" in vars.tier', false],
    ['555 in caller.number', true],
    ['null in "abc"', false],
    ['"a" in null', false],
    ['"a" in 5', false],
    ['vars.tier not in ["gold"]', false],
    ['vars.tags contains "vip"', true],
    ['vars.tier contains "ol"', true],
    ['caller.number startsWith "+1415"', true],
    ['caller.number startsWith "+1650"', false],
    ['caller.number endsWith "0123"', true],
    ['caller.number endsWith 123', true],
    ['vars.missing startsWith ""', false],
    ['vars.tags startsWith "vip"', false],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('evaluateExpression: arithmetic', () => {
  it.each<[string, ExprValue]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['7 / 2', 3.5],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['-vars.count', -3],
    ['-vars.digits', -42],
    ['-"abc"', null],
    ['-0', 0],
    ['vars.price * 2', 39.8],
    ['vars.digits - 2', 40],
    ['1 / 0', null],
    ['1 % 0', null],
    ['vars.missing + 1', null],
    ['vars.missing * 2', null],
    ['true + 1', null],
    ['"abc" * 2', null],
    ['"Hello " + vars.name', 'Hello Ana'],
    ['"n=" + 1.50', 'n=1.5'],
    ['vars.count + "3"', '33'],
    ['"x" + vars.missing', 'x'],
    ['"flag: " + vars.flag', 'flag: true'],
    ['"tags: " + vars.tags', 'tags: vip, beta, 7'],
    ['[1] + [2, 3]', [1, 2, 3]],
    ['[1] + 2', null],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('turns overflow into null rather than Infinity', () => {
    const big = '9'.repeat(308);
    expect(run(`${big} * 10`)).toBeNull();
    expect(run(`${big} + ${big}`)).toBeNull();
    expect(run(`-${big} - ${big}`)).toBeNull();
  });
});

describe('isTruthy', () => {
  it.each<[ExprValue, boolean]>([
    [null, false],
    [false, false],
    [0, false],
    ['', false],
    [[], false],
    [true, true],
    [1, true],
    [-1, true],
    ['0', true],
    ['false', true],
    [[null], true],
  ])('%j → %j', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});

describe('host data safety', () => {
  it('does not overflow on absurdly deep or cyclic lists in variables', () => {
    let deep: ExprValue = 'x';
    for (let level = 0; level < 10_000; level += 1) deep = [deep];
    const cyclic: ExprValue[] = ['a'];
    cyclic.push(cyclic);
    const ctx = { ...context, vars: { deep, cyclic } };
    expect(run('string(vars.deep)', ctx)).toBe('');
    expect(run('vars.deep == vars.deep', ctx)).toBe(false);
    expect(run('string(vars.cyclic)', ctx)).toMatch(/^a, a, a/);
    expect(run('vars.cyclic == vars.cyclic', ctx)).toBe(false);
  });
});
