import fc from 'fast-check';
import { CONTEXT_FIELDS } from './context-fields';
import { FUNCTIONS } from './functions';
import {
  evaluateExpression,
  parseExpression,
  parseTemplate,
  referencedVariables,
  renderTemplate,
  type ExpressionContext,
  type ExpressionError,
  type ExprValue,
} from './index';

const VARIABLE_NAMES = ['a', 'b', 'tier', 'missing', 'constructor', 'toString'];

/** Pieces of the language, so random sources reach deep into the parser rather than failing at once. */
const FRAGMENTS = [
  'vars.a', 'vars.tier', 'caller.number', 'caller.areaCode', 'time.hhmm', 'time.weekday', 'called.digits',
  '1', '2.5', '0', '"x"', "'y'", '"', "'", '\\', 'true', 'false', 'null', '(', ')', '[', ']', ',', '.',
  '+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '!', '&&', '||', '=', '&', '|',
  ' and ', ' or ', ' not ', ' in ', ' contains ', ' startsWith ', ' endsWith ', 'lower(', 'substr(', 'replace(',
  'coalesce(', 'round(', 'min(', 'len(', 'foo', 'AND', '{{', '}}', '\\{{', '{', '}', ' ', '\n', '😀', '“',
];

const sourceSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const anySource = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }), sourceSoup);

const ESCAPED: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n' };
const stringLiteral = fc
  .array(fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', '{', '}', 'é', '😀', '0', '+'), { maxLength: 6 })
  .map((chars) => `"${chars.map((char) => ESCAPED[char] ?? char).join('')}"`);

const numberLiteral = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 999 })).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.constant('9'.repeat(308)),
);

const BINARY_OPERATORS = [
  'and', 'or', '&&', '||', '==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'contains', 'startsWith', 'endsWith',
  '+', '-', '*', '/', '%',
];

/** Sources of valid expressions covering every node type, operator, field and function. */
const { validSource } = fc.letrec<{ validSource: string }>((tie) => ({
  validSource: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    fc.oneof(
      numberLiteral,
      stringLiteral,
      fc.constantFrom('true', 'false', 'null'),
      fc.constantFrom(...VARIABLE_NAMES).map((name) => `vars.${name}`),
      fc.constantFrom(...Object.keys(CONTEXT_FIELDS)),
    ),
    fc
      .tuple(tie('validSource'), fc.constantFrom(...BINARY_OPERATORS), tie('validSource'))
      .map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
    fc.tuple(fc.constantFrom('-', 'not ', '!'), tie('validSource')).map(([operator, operand]) => `${operator}(${operand})`),
    fc.array(tie('validSource'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.constantFrom(...Object.entries(FUNCTIONS)).chain(([name, { minArgs, maxArgs }]) =>
      fc
        .array(tie('validSource'), { minLength: minArgs, maxLength: Math.min(maxArgs, minArgs + 2) })
        .map((args) => `${name}(${args.join(', ')})`),
    ),
  ),
}));

const { hostValue } = fc.letrec<{ hostValue: ExprValue }>((tie) => ({
  hostValue: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.string(),
    fc.constantFrom('42', ' -3.5 ', '09:30', '+14155550123', ''),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('hostValue'), { maxLength: 4 }),
  ),
}));

const contexts: fc.Arbitrary<ExpressionContext> = fc.record({
  vars: fc.dictionary(fc.constantFrom(...VARIABLE_NAMES), hostValue),
  caller: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('+14155550123', 'sip:+442071234567@sip.example.com', 'anonymous', '', '+7', '+35312345678'),
    fc.stringMatching(/^\+[0-9]{1,16}$/),
  ),
  called: fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\+[0-9]{1,16}$/)),
  now: fc.oneof(fc.maxSafeInteger(), fc.double(), fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }).map((s) => s * 1000)),
  timeZone: fc.oneof(
    fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'local', ''),
    fc.string({ maxLength: 20 }),
  ),
});

function isExprValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return true;
  return Array.isArray(value) && value.every(isExprValue);
}

function errorWithinSource(error: ExpressionError, source: string): boolean {
  return (
    error.message.length > 0 &&
    Number.isInteger(error.offset) &&
    Number.isInteger(error.length) &&
    error.offset >= 0 &&
    error.length >= 0 &&
    error.offset + error.length <= source.length
  );
}

describe('property: parsing never throws', () => {
  it('parseExpression returns a result with an in-range error for any string', () => {
    fc.assert(
      fc.property(anySource, (source) => {
        const result = parseExpression(source);
        return result.ok || errorWithinSource(result.error, source);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseTemplate returns a result with an in-range error for any string', () => {
    fc.assert(
      fc.property(anySource, (source) => {
        const result = parseTemplate(source);
        return result.ok || errorWithinSource(result.error, source);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses over-long sources as errors too', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (tail) => {
        const source = `"${'x'.repeat(4095)}${tail}`;
        const expression = parseExpression(source);
        const template = parseTemplate(source);
        return !expression.ok && !template.ok && errorWithinSource(expression.error, source);
      }),
      { numRuns: 50 },
    );
  });
});

describe('property: evaluation never throws', () => {
  it('every generated valid expression parses', () => {
    fc.assert(
      fc.property(validSource, (source) => {
        const result = parseExpression(source);
        if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset} in ${source}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('any parsed expression evaluates to an ExprValue for any context', () => {
    fc.assert(
      fc.property(fc.oneof(validSource, sourceSoup), contexts, (source, context) => {
        const result = parseExpression(source);
        return !result.ok || isExprValue(evaluateExpression(result.expression, context));
      }),
      { numRuns: 2000 },
    );
  });

  it('a parsed expression survives a JSON round trip unchanged in meaning', () => {
    fc.assert(
      fc.property(validSource, contexts, (source, context) => {
        const result = parseExpression(source);
        if (!result.ok) return true;
        const copy = JSON.parse(JSON.stringify(result.expression)) as typeof result.expression;
        expect(evaluateExpression(copy, context)).toEqual(evaluateExpression(result.expression, context));
        expect(referencedVariables(copy)).toEqual(referencedVariables(result.expression));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('any parsed template renders to a string for any context', () => {
    const templates = fc
      .array(fc.oneof(fc.string({ maxLength: 10 }), validSource.map((source) => `{{ ${source} }}`), sourceSoup), {
        maxLength: 5,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(templates, contexts, (source, context) => {
        const result = parseTemplate(source);
        return !result.ok || typeof renderTemplate(result.template, context) === 'string';
      }),
      { numRuns: 1000 },
    );
  });
});
