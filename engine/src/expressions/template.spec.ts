import { parseTemplate, renderTemplate, type ExpressionContext, type ExpressionError, type Template } from './index';

const context: ExpressionContext = {
  vars: { name: 'Ana', order: 'A-1042', total: 12.5, count: 3, tags: ['vip', 'beta'], nothing: null },
  caller: '+14155550123',
  called: '+18005550199',
  now: Date.parse('2026-11-26T14:05:00Z'),
  timeZone: 'America/New_York',
};

function parsed(source: string): Template {
  const result = parseTemplate(source);
  if (!result.ok) throw new Error(`parse failed: ${result.error.message} at ${result.error.offset}`);
  return result.template;
}

function render(source: string): string {
  return renderTemplate(parsed(source), context);
}

function templateError(source: string): ExpressionError {
  const result = parseTemplate(source);
  if (result.ok) throw new Error(`expected a parse error for ${source}`);
  return result.error;
}

describe('renderTemplate', () => {
  it.each([
    ['Hello {{vars.name}}, your order {{vars.order}} ships today', 'Hello Ana, your order A-1042 ships today'],
    ['https://crm.example.com/lookup?phone={{caller.number}}', 'https://crm.example.com/lookup?phone=+14155550123'],
    ['{{ vars.total }} / {{ vars.total * 2 }} / {{ 10 / 4 }} / {{ 1 / 3 }}', '12.5 / 25 / 2.5 / 0.3333333333'],
    ['[{{ vars.nothing }}][{{ vars.missing }}]', '[][]'],
    ['tags: {{ vars.tags }}', 'tags: vip, beta'],
    ['{{ vars.count > 2 }} {{ not vars.count }}', 'true false'],
    ['It is {{ time.hhmm }} on {{ time.date }}', 'It is 09:05 on 2026-11-26'],
    ['Hi {{ coalesce(vars.missing, "there") }}!', 'Hi there!'],
    ['{{vars.name}}{{vars.order}}', 'AnaA-1042'],
    ['no placeholders at all', 'no placeholders at all'],
    ['', ''],
  ])('%j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('renders \\{{ as a literal {{ and keeps other backslashes', () => {
    expect(render(String.raw`Use \{{vars.name}} to insert {{vars.name}}`)).toBe('Use {{vars.name}} to insert Ana');
    expect(render(String.raw`C:\path\{{vars.name}}`)).toBe(String.raw`C:\path{{vars.name}}`);
    expect(render(String.raw`{"text": "a\nb", "who": "{{vars.name}}"}`)).toBe(String.raw`{"text": "a\nb", "who": "Ana"}`);
  });

  it('keeps single braces and lets the last two of a longer run open the placeholder', () => {
    expect(render('{"name": "{{vars.name}}", "n": {{vars.count}}}')).toBe('{"name": "Ana", "n": 3}');
    expect(render('{{{vars.name}}}')).toBe('{Ana}');
    expect(render('}} and { alone')).toBe('}} and { alone');
  });

  it('ends a placeholder at the first }} outside a string literal', () => {
    expect(render('{{ "}}" + vars.name }}!')).toBe('}}Ana!');
    expect(render("{{ '{{' }}")).toBe('{{');
  });

  it('keeps text and expressions as separate parts', () => {
    expect(parsed('a{{vars.x}}b')).toEqual({
      type: 'template',
      parts: [
        { type: 'text', text: 'a' },
        { type: 'expression', expression: { type: 'variable', name: 'x' } },
        { type: 'text', text: 'b' },
      ],
    });
  });
});

describe('parseTemplate errors', () => {
  it.each<[string, ExpressionError]>([
    ['Hi {{ vars.name', { message: "expected '}}' to close '{{' opened at 3 but found end of input", offset: 15, length: 0 }],
    ['Hi {{ vars.name vars.x }}', { message: "expected '}}' to close '{{' opened at 3 but found 'vars'", offset: 16, length: 4 }],
    ['Hi {{ }}', { message: "expected an expression but found '}}'", offset: 6, length: 2 }],
    ['Hi {{ (vars.a }}', { message: "expected ')' to close '(' opened at 6 but found '}}'", offset: 14, length: 2 }],
    ['Hi {{ nme }}', { message: "unknown name 'nme' — use vars.nme for a flow variable", offset: 6, length: 3 }],
    ['Hi {{ vars.a } }}', { message: "unexpected character '}'", offset: 13, length: 1 }],
    ['Hi {{ "x }}', { message: 'unterminated string: no closing " for the quote at 6', offset: 6, length: 5 }],
    ['{{ a AND b }}', { message: "unknown name 'a' — use vars.a for a flow variable", offset: 3, length: 1 }],
    ['{{ vars.a OR vars.b }}', { message: "expected '}}' to close '{{' opened at 0 but found 'OR' (did you mean 'or'?)", offset: 10, length: 2 }],
  ])('%j', (source, expected) => {
    expect(templateError(source)).toEqual(expected);
  });

  it('accepts 256 parts and refuses 257', () => {
    expect(parseTemplate('x{{1}}'.repeat(128)).ok).toBe(true);
    expect(templateError(`${'x{{1}}'.repeat(128)}y`)).toEqual({
      message: 'template has more than 256 parts (text runs and placeholders)',
      offset: 768,
      length: 1,
    });
  });

  it('refuses sources longer than 4096 characters', () => {
    expect(parseTemplate('x'.repeat(4096)).ok).toBe(true);
    expect(templateError('x'.repeat(4100))).toEqual({ message: 'source is longer than 4096 characters', offset: 4096, length: 4 });
  });
});
