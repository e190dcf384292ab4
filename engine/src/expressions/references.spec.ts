import { parseExpression, parseTemplate, referencedVariables } from './index';

function expressionVariables(source: string): string[] {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(result.error.message);
  return referencedVariables(result.expression);
}

function templateVariables(source: string): string[] {
  const result = parseTemplate(source);
  if (!result.ok) throw new Error(result.error.message);
  return referencedVariables(result.template);
}

describe('referencedVariables', () => {
  it('finds variables in every kind of node, sorted and unique', () => {
    expect(
      expressionVariables(
        'vars.tier == "gold" and not (vars.b in [vars.a, -vars.c]) or lower(vars.tier) startsWith coalesce(vars.d, "x")',
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'tier']);
  });

  it('ignores context fields and literals', () => {
    expect(expressionVariables('caller.number startsWith "+1" and time.hour < 12')).toEqual([]);
  });

  it('sorts by code unit order', () => {
    expect(expressionVariables('vars.b + vars.B + vars._x + vars.a1 + vars.a')).toEqual(['B', '_x', 'a', 'a1', 'b']);
  });

  it('collects across all placeholders of a template', () => {
    expect(templateVariables('Hi {{vars.name}}, order {{ vars.order }} for {{ vars.name }} at {{ time.hhmm }}')).toEqual([
      'name',
      'order',
    ]);
    expect(templateVariables(String.raw`plain \{{vars.hidden}} text`)).toEqual([]);
  });
});
