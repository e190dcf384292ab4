import type { EvaluationScope } from './scope';
import type { ExprValue } from './values';

type FieldReader = (scope: EvaluationScope) => ExprValue;

/**
 * Every dotted name an expression may read besides `vars.NAME`. `called.*` offers the same number parts
 * as `caller.*` except `isAnonymous`. time.* values are null when the context's zone is not a valid IANA name.
 */
export const CONTEXT_FIELDS = {
  'caller.number': (scope) => scope.caller().number,
  'caller.digits': (scope) => scope.caller().digits,
  'caller.areaCode': (scope) => scope.caller().areaCode,
  'caller.countryCode': (scope) => scope.caller().countryCode,
  'caller.isAnonymous': (scope) => scope.caller().isAnonymous,
  'called.number': (scope) => scope.called().number,
  'called.digits': (scope) => scope.called().digits,
  'called.areaCode': (scope) => scope.called().areaCode,
  'called.countryCode': (scope) => scope.called().countryCode,
  'time.year': (scope) => scope.time()?.year ?? null,
  'time.month': (scope) => scope.time()?.month ?? null,
  'time.day': (scope) => scope.time()?.day ?? null,
  'time.hour': (scope) => scope.time()?.hour ?? null,
  'time.minute': (scope) => scope.time()?.minute ?? null,
  'time.weekday': (scope) => scope.time()?.weekday ?? null,
  'time.hhmm': (scope) => scope.time()?.hhmm ?? null,
  'time.date': (scope) => scope.time()?.date ?? null,
} satisfies Record<string, FieldReader>;

export type ContextField = keyof typeof CONTEXT_FIELDS;

export function isContextField(name: string): name is ContextField {
  return Object.hasOwn(CONTEXT_FIELDS, name);
}

/** Roots of the context fields ("caller", "called", "time"), for parse errors and hints. */
export const CONTEXT_ROOTS: readonly string[] = [...new Set(Object.keys(CONTEXT_FIELDS).map((name) => name.split('.')[0] ?? ''))];

export function fieldsOf(root: string): string[] {
  return Object.keys(CONTEXT_FIELDS).filter((name) => name.startsWith(`${root}.`));
}
