import { parseExpression, type Expression, type ExpressionError } from './index';

function parsed(source: string): Expression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`parse failed: ${result.error.message} at ${result.error.offset}`);
  return result.expression;
}

function parseError(source: string): ExpressionError {
  const result = parseExpression(source);
  if (result.ok) throw new Error(`expected a parse error for ${source}`);
  return result.error;
}

/** Compact S-expression view of an AST, so precedence tests stay readable. */
function shape(expression: Expression): string {
  switch (expression.type) {
    case 'literal':
      return JSON.stringify(expression.value);
    case 'list':
      return `[${expression.items.map(shape).join(' ')}]`;
    case 'variable':
      return `vars.${expression.name}`;
    case 'field':
      return expression.name;
    case 'not':
      return `(not ${shape(expression.operand)})`;
    case 'negate':
      return `(neg ${shape(expression.operand)})`;
    case 'logical':
    case 'binary':
      return `(${expression.operator} ${shape(expression.left)} ${shape(expression.right)})`;
    case 'call':
      return `(${expression.name}${expression.args.map((arg) => ` ${shape(arg)}`).join('')})`;
  }
}

describe('parseExpression: literals and names', () => {
  it.each([
    ['42', '42'],
    ['3.25', '3.25'],
    ['007', '7'],
    ['"double"', '"double"'],
    ["'single'", '"single"'],
    [String.raw`"a\"b\'c\\d\ne\tf"`, JSON.stringify('a"b\'c\\d\ne\tf')],
    [String.raw`'it\'s'`, JSON.stringify("it's")],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['["a", "b", 3]', '["a" "b" 3]'],
    ['[]', '[]'],
    ['[1, 2,]', '[1 2]'],
    ['vars.tier', 'vars.tier'],
    ['vars.in', 'vars.in'],
    ['caller.number', 'caller.number'],
    ['caller.countryCode', 'caller.countryCode'],
    ['called.digits', 'called.digits'],
    ['time.hhmm', 'time.hhmm'],
  ])('%s', (source, expected) => {
    expect(shape(parsed(source))).toBe(expected);
  });

  it('produces plain JSON-serialisable objects', () => {
    const expression = parsed('vars.a + 1 > 2 and lower(caller.number) in ["x", null]');
    expect(JSON.parse(JSON.stringify(expression))).toEqual(expression);
  });
});

describe('parseExpression: precedence', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['10 - 4 - 3', '(- (- 10 4) 3)'],
    ['8 / 4 % 3', '(% (/ 8 4) 3)'],
    ['-2 * 3', '(* (neg 2) 3)'],
    ['- -2', '(neg (neg 2))'],
    ['1 + 2 == 3', '(== (+ 1 2) 3)'],
    ['vars.a or vars.b and vars.c', '(or vars.a (and vars.b vars.c))'],
    ['vars.a || vars.b && vars.c', '(or vars.a (and vars.b vars.c))'],
    ['vars.a and vars.b or vars.c', '(or (and vars.a vars.b) vars.c)'],
    ['not vars.a == 1', '(not (== vars.a 1))'],
    ['!vars.a == 1', '(not (== vars.a 1))'],
    ['not vars.a and vars.b', '(and (not vars.a) vars.b)'],
    ['not not vars.a', '(not (not vars.a))'],
    ['vars.a == !vars.b', '(== vars.a (not vars.b))'],
    ['vars.a in ["x", "y"] or vars.b', '(or (in vars.a ["x" "y"]) vars.b)'],
    ['vars.a not in ["x"]', '(not (in vars.a ["x"]))'],
    ['caller.number startsWith "+1" + "415"', '(startsWith caller.number (+ "+1" "415"))'],
    ['vars.s contains "x" and vars.s endsWith "y"', '(and (contains vars.s "x") (endsWith vars.s "y"))'],
    ['startsWith(vars.s, "a")', '(startsWith vars.s "a")'],
    ['coalesce(vars.a, vars.b, "c")', '(coalesce vars.a vars.b "c")'],
    ['vars.a >= 1 && vars.a <= 5', '(and (>= vars.a 1) (<= vars.a 5))'],
  ])('%s', (source, expected) => {
    expect(shape(parsed(source))).toBe(expected);
  });
});

describe('parseExpression: errors', () => {
  it.each<[string, Partial<ExpressionError>]>([
    ['', { message: 'expected an expression but found end of input', offset: 0, length: 0 }],
    ['1 + (2 * 3', { message: "expected ')' to close '(' opened at 4 but found end of input", offset: 10, length: 0 }],
    ['(1 + 2]', { message: "expected ')' to close '(' opened at 0 but found ']'", offset: 6, length: 1 }],
    ['[1, 2', { message: "expected ',' or ']' to close '[' opened at 0 but found end of input", offset: 5 }],
    ['lower(vars.a', { message: "expected ',' or ')' to close '(' opened at 5 but found end of input", offset: 12 }],
    ['foo == 1', { message: "unknown name 'foo' — use vars.foo for a flow variable", offset: 0, length: 3 }],
    ['vars.a == TRUE', { message: "unknown name 'TRUE': did you mean 'true'?", offset: 10, length: 4 }],
    ['vars.a AND vars.b', { message: "unexpected 'AND' after the expression (did you mean 'and'?)", offset: 7, length: 3 }],
    ['1 2', { message: "unexpected '2' after the expression", offset: 2, length: 1 }],
    ['shout(vars.a)', { offset: 0, length: 5 }],
    ['LOWER(vars.a)', { message: "unknown function 'LOWER': did you mean 'lower'?", offset: 0, length: 5 }],
    ['lower', { message: "'lower' is a function: call it as lower(…)", offset: 0, length: 5 }],
    ['lower(vars.a, vars.b)', { message: "'lower' takes 1 argument, got 2", offset: 0, length: 21 }],
    ['substr("x")', { message: "'substr' takes 2 or 3 arguments, got 1", offset: 0, length: 11 }],
    ['replace("a", "b")', { message: "'replace' takes 3 arguments, got 2" }],
    ['coalesce()', { message: "'coalesce' takes at least 1 argument, got 0", offset: 0, length: 10 }],
    ['round(1, 2, 3)', { message: "'round' takes 1 or 2 arguments, got 3" }],
    ['vars', { message: "'vars' needs a variable name: vars.NAME", offset: 0, length: 4 }],
    ['vars.1', { message: "'vars' needs a variable name: vars.NAME, but found '1'", offset: 5, length: 1 }],
    ['vars.a.b', { message: "flow variables have no fields: 'vars.a' is a plain value", offset: 6, length: 1 }],
    ['caller', { offset: 0, length: 6 }],
    ['caller.name', { offset: 0, length: 11 }],
    ['time.second', { offset: 0, length: 11 }],
    ['1 < 2 < 3', { message: "comparisons cannot be chained: combine them with 'and' (a < b and b < c)", offset: 6 }],
    ['vars.a == 1 == true', { offset: 12, length: 2 }],
    ['vars.a = 1', { message: "'=' is not an operator: use '==' to compare", offset: 7, length: 1 }],
    ['vars.a & vars.b', { message: "unexpected '&': use '&&' or 'and'", offset: 7 }],
    ['vars.a | vars.b', { message: "unexpected '|': use '||' or 'or'", offset: 7 }],
    ['vars.a # 1', { message: "unexpected character '#'", offset: 7, length: 1 }],
    ['vars.a == “x”', { message: `unexpected character '“': use straight quotes " or '`, offset: 10 }],
    ['"😀" + 😀', { message: "unexpected character '😀'", offset: 7, length: 2 }],
    ['"abc', { message: 'unterminated string: no closing " for the quote at 0', offset: 0, length: 4 }],
    ["1 + 'ab", { message: "unterminated string: no closing ' for the quote at 4", offset: 4, length: 3 }],
    [String.raw`"a\qb"`, { offset: 2, length: 2 }],
    ['"a\\', { message: 'unterminated string: no closing " for the quote at 0', offset: 0, length: 3 }],
    ['1 + }}', { message: "unexpected character '}'", offset: 4 }],
    ['and', { message: "expected an expression but found 'and'", offset: 0, length: 3 }],
    ['vars.a +', { message: 'expected an expression but found end of input', offset: 8 }],
    ['+1', { message: "expected an expression but found '+'", offset: 0 }],
  ])('%j', (source, expected) => {
    expect(parseError(source)).toMatchObject(expected);
  });

  it('names the known fields when a context field is unknown', () => {
    expect(parseError('caller.name').message).toBe(
      "unknown field 'caller.name': use one of caller.number, caller.digits, caller.areaCode, caller.countryCode, caller.isAnonymous",
    );
    expect(parseError('caller').message).toBe(
      "'caller' needs a field: caller.number, caller.digits, caller.areaCode, caller.countryCode, caller.isAnonymous",
    );
  });

  it('lists the functions when an unknown one is called', () => {
    expect(parseError('shout(vars.a)').message).toMatch(/^unknown function 'shout' \(functions: lower, upper, trim, len, /);
  });

  it('refuses numbers too large to represent', () => {
    expect(parseError(`1 + ${'9'.repeat(400)}`)).toEqual({ message: 'number is too large', offset: 4, length: 400 });
  });

  it('explains unknown escapes', () => {
    expect(parseError(String.raw`"a\qb"`).message).toBe(String.raw`unknown escape '\q' in string: use \" \' \\ \n or \t`);
  });
});

describe('parseExpression: limits', () => {
  it('accepts 4096 characters and refuses 4097', () => {
    const atLimit = `"${'x'.repeat(4094)}"`;
    expect(parseExpression(atLimit).ok).toBe(true);
    expect(parseError(`${atLimit} `)).toEqual({ message: 'source is longer than 4096 characters', offset: 4096, length: 1 });
  });

  it('accepts 64 levels of parentheses and refuses 65', () => {
    expect(parseExpression(`${'('.repeat(64)}1${')'.repeat(64)}`).ok).toBe(true);
    expect(parseError(`${'('.repeat(65)}1${')'.repeat(65)}`)).toEqual({
      message: 'expression is nested too deeply (at most 64 levels)',
      offset: 64,
      length: 1,
    });
  });

  it('limits the depth of the tree, also for long operator chains', () => {
    const terms = (count: number) => Array.from({ length: count }, () => '1').join(' + ');
    expect(parseExpression(terms(64)).ok).toBe(true);
    expect(parseError(terms(65))).toMatchObject({ message: 'expression is nested too deeply (at most 64 levels)', offset: 254 });
  });

  it('refuses hostile nesting without overflowing the stack', () => {
    for (const source of ['('.repeat(4000), '['.repeat(4000), '-'.repeat(4000) + '1', 'not '.repeat(1000) + '1', 'lower('.repeat(600)]) {
      expect(parseError(source).message).toBe('expression is nested too deeply (at most 64 levels)');
    }
  });
});
