import type { Expression, Template } from './ast';

/** Names read as vars.NAME anywhere in an expression or template: sorted, without duplicates. */
export function referencedVariables(parsed: Expression | Template): string[] {
  const names = new Set<string>();
  const visit = (expression: Expression): void => {
    switch (expression.type) {
      case 'variable':
        names.add(expression.name);
        return;
      case 'literal':
      case 'field':
        return;
      case 'list':
        expression.items.forEach(visit);
        return;
      case 'not':
      case 'negate':
        visit(expression.operand);
        return;
      case 'logical':
      case 'binary':
        visit(expression.left);
        visit(expression.right);
        return;
      case 'call':
        expression.args.forEach(visit);
        return;
    }
  };
  if (parsed.type === 'template') {
    for (const part of parsed.parts) if (part.type === 'expression') visit(part.expression);
  } else {
    visit(parsed);
  }
  return [...names].sort();
}
