import {
  compareValues,
  containsValue,
  endsWithValue,
  finiteOrNull,
  startsWithValue,
  toNumber,
  toText,
  valuesEqual,
  type ExprValue,
} from './values';

type BinaryImplementation = (left: ExprValue, right: ExprValue) => ExprValue;

/**
 * Eager binary operators (`and`/`or` short-circuit and live in the evaluator). See values.ts for the
 * comparison rules. Arithmetic: `+` concatenates as text when either side is a string and joins two lists;
 * otherwise `+ - * / %` need numbers (numeric strings count for `- * / %`), and give null for anything
 * else, for division or remainder by zero, and for results too large for a finite number.
 * `%` keeps the sign of the left operand.
 */
export const BINARY_OPERATORS = {
  '==': (left, right) => valuesEqual(left, right),
  '!=': (left, right) => !valuesEqual(left, right),
  '<': (left, right) => orderedAs(left, right, (order) => order < 0),
  '<=': (left, right) => orderedAs(left, right, (order) => order <= 0),
  '>': (left, right) => orderedAs(left, right, (order) => order > 0),
  '>=': (left, right) => orderedAs(left, right, (order) => order >= 0),
  in: (left, right) => containsValue(right, left),
  contains: (left, right) => containsValue(left, right),
  startsWith: (left, right) => startsWithValue(left, right),
  endsWith: (left, right) => endsWithValue(left, right),
  '+': plus,
  '-': (left, right) => arithmetic(left, right, (a, b) => a - b),
  '*': (left, right) => arithmetic(left, right, (a, b) => a * b),
  '/': (left, right) => arithmetic(left, right, (a, b) => (b === 0 ? null : a / b)),
  '%': (left, right) => arithmetic(left, right, (a, b) => (b === 0 ? null : a % b)),
} satisfies Record<string, BinaryImplementation>;

export type BinaryOperator = keyof typeof BINARY_OPERATORS;

/** Unary minus: the negated number (numeric strings count), else null. */
export function negate(value: ExprValue): ExprValue {
  const number = toNumber(value);
  return number === null ? null : 0 - number;
}

function orderedAs(left: ExprValue, right: ExprValue, accept: (order: -1 | 0 | 1) => boolean): boolean {
  const order = compareValues(left, right);
  return order !== null && accept(order);
}

function plus(left: ExprValue, right: ExprValue): ExprValue {
  if (typeof left === 'string' || typeof right === 'string') return toText(left) + toText(right);
  if (Array.isArray(left) && Array.isArray(right)) return [...(left as readonly ExprValue[]), ...(right as readonly ExprValue[])];
  if (typeof left === 'number' && typeof right === 'number') return finiteOrNull(left + right);
  return null;
}

function arithmetic(left: ExprValue, right: ExprValue, apply: (a: number, b: number) => number | null): ExprValue {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a === null || b === null) return null;
  const result = apply(a, b);
  return result === null ? null : finiteOrNull(result);
}
