import type { Expression, ExpressionError, Template } from './ast';
import { parseExpression } from './expression';
import { referencedVariables } from './references';
import { parseTemplate } from './template';

/** Enough for every distinct prompt and condition of many flows; past it the cache starts over. */
const MAX_CACHED_SOURCES = 10_000;

type Parsed<T> = { ok: true; value: T; variables: readonly string[] } | { ok: false; error: ExpressionError };

function memoizeBySource<T extends Expression | Template>(
  parse: (source: string) => { ok: true; value: T } | { ok: false; error: ExpressionError },
): (source: string) => Parsed<T> {
  const cache = new Map<string, Parsed<T>>();
  return (source) => {
    let parsed = cache.get(source);
    if (parsed === undefined) {
      if (cache.size >= MAX_CACHED_SOURCES) cache.clear();
      const result = parse(source);
      parsed = result.ok ? { ok: true, value: result.value, variables: referencedVariables(result.value) } : result;
      cache.set(source, parsed);
    }
    return parsed;
  };
}

/**
 * Parses once per distinct source: flows repeat the same templates and conditions, and the interpreter
 * evaluates them on every call. The results are shared, so callers must not modify them.
 */
export const parseExpressionOnce = memoizeBySource((source) => {
  const result = parseExpression(source);
  return result.ok ? { ok: true, value: result.expression } : result;
});

export const parseTemplateOnce = memoizeBySource((source) => {
  const result = parseTemplate(source);
  return result.ok ? { ok: true, value: result.template } : result;
});
