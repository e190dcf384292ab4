import type { Expression, ExpressionError } from './ast';
import { evaluate } from './evaluate';
import { MAX_SOURCE_LENGTH } from './limits';
import { ParseFailure } from './parse-failure';
import { parseExpressionTokens } from './parser';
import { EvaluationScope, type ExpressionContext } from './scope';
import type { ExprValue } from './values';

export function parseExpression(
  source: string,
): { ok: true; expression: Expression } | { ok: false; error: ExpressionError } {
  if (source.length > MAX_SOURCE_LENGTH) return { ok: false, error: tooLong(source) };
  try {
    return { ok: true, expression: parseExpressionTokens(source) };
  } catch (caught) {
    if (caught instanceof ParseFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

export function evaluateExpression(expression: Expression, context: ExpressionContext): ExprValue {
  return evaluate(expression, new EvaluationScope(context));
}

export function tooLong(source: string): ExpressionError {
  return {
    message: `source is longer than ${MAX_SOURCE_LENGTH} characters`,
    offset: MAX_SOURCE_LENGTH,
    length: source.length - MAX_SOURCE_LENGTH,
  };
}
