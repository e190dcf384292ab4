import type { Expression } from './ast';
import { CONTEXT_FIELDS } from './context-fields';
import { FUNCTIONS } from './functions';
import { BINARY_OPERATORS, negate } from './operators';
import type { EvaluationScope } from './scope';
import { isTruthy, type ExprValue } from './values';

/**
 * Evaluates a parsed expression. Never throws: parsing bounds the depth of the tree, and every operator
 * and function defines a result for every input (see values.ts, operators.ts, functions.ts).
 */
export function evaluate(expression: Expression, scope: EvaluationScope): ExprValue {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'list':
      return expression.items.map((item) => evaluate(item, scope));
    case 'variable':
      return scope.variable(expression.name);
    case 'field':
      return CONTEXT_FIELDS[expression.name](scope);
    case 'not':
      return !isTruthy(evaluate(expression.operand, scope));
    case 'negate':
      return negate(evaluate(expression.operand, scope));
    case 'logical': {
      const left = isTruthy(evaluate(expression.left, scope));
      if (expression.operator === 'and' ? !left : left) return left;
      return isTruthy(evaluate(expression.right, scope));
    }
    case 'binary':
      return BINARY_OPERATORS[expression.operator](evaluate(expression.left, scope), evaluate(expression.right, scope));
    case 'call':
      return FUNCTIONS[expression.name].apply(expression.args.map((arg) => evaluate(arg, scope)));
  }
}
