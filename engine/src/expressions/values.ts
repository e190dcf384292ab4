import { MAX_DEPTH } from './limits';

export type ExprValue = string | number | boolean | null | readonly ExprValue[];

/*
 * Runtime semantics. Nothing here throws; every type mismatch has a defined result.
 *
 * - Text (`toText`, used by templates, `string()`, `+` with a string, text functions):
 *   null → "", booleans → "true"/"false", numbers with at most 10 decimals and no trailing zeros,
 *   lists → items joined with ", ".
 * - Numbers (`toNumber`, used by `number()`, `- * / %`, unary minus, min/max, round): numbers as they are,
 *   strings holding a plain decimal ("12", " -3.5 ", ".5") as that number, everything else null.
 * - Truthiness: null, false, 0, "" and [] are false; everything else (including the string "false") is true.
 * - `==`: null equals only null; numbers compare numerically, also against a numeric string (5 == "5.0");
 *   strings compare exactly (case-sensitive); booleans only equal booleans; lists compare item by item.
 * - `< <= > >=`: numbers (or a number and a numeric string) compare numerically, two strings compare by
 *   UTF-16 code units ("09:05" < "12:00"); any other pairing is false, in both directions.
 * - Lists nested deeper than MAX_DEPTH (possible only through context variables) render as "" and never
 *   compare equal, so cyclic or absurdly deep host data cannot overflow the stack.
 */

export function isTruthy(value: ExprValue): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !(typeof value === 'number' && Number.isNaN(value));
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) || Math.abs(value) >= 1e15) return Object.is(value, -0) ? '0' : String(value);
  const fixed = value.toFixed(10).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function toText(value: ExprValue, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return '';
    return value.map((item: ExprValue) => toText(item, depth + 1)).join(', ');
  }
  return '';
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function toNumber(value: ExprValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A finite number, or null: arithmetic never produces NaN or Infinity. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function valuesEqual(left: ExprValue, right: ExprValue, depth = 0): boolean {
  if (left === null || right === null) return left === right;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = numericSide(left);
    const b = numericSide(right);
    return a !== null && b !== null && a === b;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || depth >= MAX_DEPTH) return false;
    const a: readonly ExprValue[] = left;
    const b: readonly ExprValue[] = right;
    return a.length === b.length && a.every((item, index) => valuesEqual(item, b[index] ?? null, depth + 1));
  }
  return left === right;
}

/** -1, 0 or 1 when the values are ordered relative to each other; null when they are not comparable. */
export function compareValues(left: ExprValue, right: ExprValue): -1 | 0 | 1 | null {
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left !== 'number' && typeof right !== 'number') return null;
  const a = numericSide(left);
  const b = numericSide(right);
  if (a === null || b === null) return null;
  return sign(a - b);
}

/** The number a value stands for when compared with a number: numbers and numeric strings only. */
function numericSide(value: ExprValue): number | null {
  return typeof value === 'number' || typeof value === 'string' ? toNumber(value) : null;
}

function sign(difference: number): -1 | 0 | 1 {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** Text of a string or number operand for the string operators; null for anything else. */
function textOperand(value: ExprValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  return null;
}

/**
 * `needle in haystack` (and `haystack contains needle`): list membership by `==`, or a substring test
 * when the haystack is a string and the needle a string or number. Anything else is false.
 */
export function containsValue(haystack: ExprValue, needle: ExprValue): boolean {
  if (Array.isArray(haystack)) {
    const items: readonly ExprValue[] = haystack;
    return items.some((item) => valuesEqual(item, needle));
  }
  if (typeof haystack !== 'string') return false;
  const text = textOperand(needle);
  return text !== null && haystack.includes(text);
}

export function startsWithValue(subject: ExprValue, prefix: ExprValue): boolean {
  const text = textOperand(subject);
  const start = textOperand(prefix);
  return text !== null && start !== null && text.startsWith(start);
}

export function endsWithValue(subject: ExprValue, suffix: ExprValue): boolean {
  const text = textOperand(subject);
  const end = textOperand(suffix);
  return text !== null && end !== null && text.endsWith(end);
}

/** A context variable as an ExprValue: missing, undefined or non-finite values become null. */
export function fromHost(value: unknown): ExprValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value as readonly ExprValue[];
  return null;
}
