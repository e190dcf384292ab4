import type { ContextField } from './context-fields';
import type { FunctionName } from './functions';
import type { BinaryOperator } from './operators';

/**
 * A parsed expression: plain, serialisable objects (JSON round-trips unchanged).
 * `and`/`&&` and `or`/`||` are `logical` nodes (they short-circuit); `!` is `not`;
 * `a not in b` is `not (a in b)`.
 */
export type Expression =
  | { readonly type: 'literal'; readonly value: string | number | boolean | null }
  | { readonly type: 'list'; readonly items: readonly Expression[] }
  | { readonly type: 'variable'; readonly name: string }
  | { readonly type: 'field'; readonly name: ContextField }
  | { readonly type: 'not'; readonly operand: Expression }
  | { readonly type: 'negate'; readonly operand: Expression }
  | { readonly type: 'logical'; readonly operator: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'binary'; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'call'; readonly name: FunctionName; readonly args: readonly Expression[] };

export type TemplatePart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'expression'; readonly expression: Expression };

/** A parsed template: literal text runs and `{{ expression }}` placeholders, in order. */
export interface Template {
  readonly type: 'template';
  readonly parts: readonly TemplatePart[];
}

export interface ExpressionError {
  message: string;
  /** Offset into the source in UTF-16 code units (JavaScript string indices). */
  offset: number;
  length: number;
}
