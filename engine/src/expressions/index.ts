export type { Expression, ExpressionError, Template } from './ast';
export { evaluateExpression, parseExpression } from './expression';
export { referencedVariables } from './references';
export type { ExpressionContext } from './scope';
export { parseTemplate, renderTemplate } from './template';
export { isTruthy, type ExprValue } from './values';
export { parseExpressionOnce, parseTemplateOnce } from './parse-cache';
