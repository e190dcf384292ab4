import type { Expression } from './ast';
import { CONTEXT_ROOTS, fieldsOf, isContextField } from './context-fields';
import { FUNCTIONS, isFunctionName, type FunctionName } from './functions';
import { tokenize, type SymbolText, type Token } from './lexer';
import { MAX_DEPTH } from './limits';
import type { BinaryOperator } from './operators';
import { fail } from './parse-failure';

/*
 * Grammar, loosest binding first:
 *   or        := and (('or' | '||') and)*
 *   and       := not (('and' | '&&') not)*
 *   not       := ('not' | '!') not | comparison
 *   comparison:= additive (compareOp additive)?        compareOp: == != < <= > >= in, not in, contains,
 *                                                      startsWith, endsWith (chaining is an error)
 *   additive  := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/' | '%') unary)*
 *   unary     := ('-' | 'not' | '!') unary | primary   ('a == !b' works; '!a == b' is '!(a == b)')
 *   primary   := number | string | true | false | null | list | '(' or ')' | path | call
 */

interface Parsed {
  readonly node: Expression;
  /** Height of the AST below and including this node. */
  readonly depth: number;
}

interface ComparisonOperator {
  readonly operator: BinaryOperator;
  readonly negated: boolean;
  readonly tokenCount: number;
}

const COMPARISON_SYMBOLS: ReadonlySet<string> = new Set<BinaryOperator>(['==', '!=', '<', '<=', '>', '>=']);
const COMPARISON_WORDS: ReadonlySet<string> = new Set<BinaryOperator>(['in', 'contains', 'startsWith', 'endsWith']);
const KEYWORDS = ['and', 'or', 'not', 'in', 'contains', 'startsWith', 'endsWith', 'true', 'false', 'null'];
const FUNCTION_NAMES = Object.keys(FUNCTIONS);
/** Lower-cased spelling → the real name, for "did you mean" hints on wrongly cased keywords and functions. */
const CANONICAL_NAMES = new Map([...KEYWORDS, ...FUNCTION_NAMES].map((name) => [name.toLowerCase(), name]));

/** Parses a whole expression source (length already checked). Throws ParseFailure. */
export function parseExpressionTokens(source: string): Expression {
  const parser = new Parser(source, tokenize(source, 0, 'expression'));
  const parsed = parser.expression();
  const next = parser.peek();
  if (next.kind !== 'end') {
    fail(`unexpected ${parser.describe(next)} after the expression${caseHint(next)}`, next.offset, next.length);
  }
  return parsed.node;
}

/**
 * Parses the expression of a template placeholder whose `{{` is at `openOffset`, up to its `}}`.
 * Returns the expression and the offset just after `}}`. Throws ParseFailure.
 */
export function parsePlaceholder(source: string, openOffset: number): { expression: Expression; end: number } {
  const parser = new Parser(source, tokenize(source, openOffset + 2, 'template'));
  const parsed = parser.expression();
  const close = parser.peek();
  if (close.kind !== 'close') {
    fail(
      `expected '}}' to close '{{' opened at ${openOffset} but found ${parser.describe(close)}${caseHint(close)}`,
      close.offset,
      close.length,
    );
  }
  return { expression: parsed.node, end: close.offset + close.length };
}

class Parser {
  private position = 0;
  private nesting = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  expression(): Parsed {
    return this.or();
  }

  peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)];
    if (token === undefined) throw new Error('the lexer always emits a final token');
    return token;
  }

  describe(token: Token): string {
    if (token.kind === 'end') return 'end of input';
    const text = this.source.slice(token.offset, token.offset + token.length);
    return `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;
  }

  private advance(): Token {
    const token = this.peek();
    this.position = Math.min(this.position + 1, this.tokens.length - 1);
    return token;
  }

  private or(): Parsed {
    let left = this.and();
    while (isWord(this.peek(), 'or') || isSymbol(this.peek(), '||')) {
      const operator = this.advance();
      const right = this.and();
      left = this.node({ type: 'logical', operator: 'or', left: left.node, right: right.node }, [left, right], operator);
    }
    return left;
  }

  private and(): Parsed {
    let left = this.not();
    while (isWord(this.peek(), 'and') || isSymbol(this.peek(), '&&')) {
      const operator = this.advance();
      const right = this.not();
      left = this.node({ type: 'logical', operator: 'and', left: left.node, right: right.node }, [left, right], operator);
    }
    return left;
  }

  private not(): Parsed {
    const token = this.peek();
    if (!isWord(token, 'not') && !isSymbol(token, '!')) return this.comparison();
    this.advance();
    this.enter(token);
    const operand = this.not();
    this.leave();
    return this.node({ type: 'not', operand: operand.node }, [operand], token);
  }

  private comparison(): Parsed {
    const left = this.additive();
    const found = this.comparisonOperator();
    if (found === null) return left;
    const operatorToken = this.peek();
    for (let index = 0; index < found.tokenCount; index += 1) this.advance();
    const right = this.additive();
    const compared = this.node(
      { type: 'binary', operator: found.operator, left: left.node, right: right.node },
      [left, right],
      operatorToken,
    );
    const chained = this.peek();
    if (this.comparisonOperator() !== null) {
      fail("comparisons cannot be chained: combine them with 'and' (a < b and b < c)", chained.offset, chained.length);
    }
    return found.negated ? this.node({ type: 'not', operand: compared.node }, [compared], operatorToken) : compared;
  }

  private comparisonOperator(): ComparisonOperator | null {
    const token = this.peek();
    if (token.kind === 'symbol' && COMPARISON_SYMBOLS.has(token.text)) {
      return { operator: token.text as BinaryOperator, negated: false, tokenCount: 1 };
    }
    if (token.kind === 'word' && COMPARISON_WORDS.has(token.text)) {
      return { operator: token.text as BinaryOperator, negated: false, tokenCount: 1 };
    }
    if (isWord(token, 'not') && isWord(this.peek(1), 'in')) return { operator: 'in', negated: true, tokenCount: 2 };
    return null;
  }

  private additive(): Parsed {
    let left = this.multiplicative();
    for (let token = this.peek(); isSymbol(token, '+') || isSymbol(token, '-'); token = this.peek()) {
      this.advance();
      const right = this.multiplicative();
      left = this.node({ type: 'binary', operator: token.text, left: left.node, right: right.node }, [left, right], token);
    }
    return left;
  }

  private multiplicative(): Parsed {
    let left = this.unary();
    for (
      let token = this.peek();
      isSymbol(token, '*') || isSymbol(token, '/') || isSymbol(token, '%');
      token = this.peek()
    ) {
      this.advance();
      const right = this.unary();
      left = this.node({ type: 'binary', operator: token.text, left: left.node, right: right.node }, [left, right], token);
    }
    return left;
  }

  private unary(): Parsed {
    const token = this.peek();
    const negate = isSymbol(token, '-');
    if (!negate && !isWord(token, 'not') && !isSymbol(token, '!')) return this.primary();
    this.advance();
    this.enter(token);
    const operand = this.unary();
    this.leave();
    return this.node(negate ? { type: 'negate', operand: operand.node } : { type: 'not', operand: operand.node }, [operand], token);
  }

  private primary(): Parsed {
    const token = this.advance();
    switch (token.kind) {
      case 'number':
      case 'string':
        return { node: { type: 'literal', value: token.value }, depth: 1 };
      case 'word':
        return this.word(token);
      case 'symbol':
        if (token.text === '(') return this.group(token);
        if (token.text === '[') return this.list(token);
        break;
      case 'close':
      case 'end':
        break;
    }
    return fail(`expected an expression but found ${this.describe(token)}`, token.offset, token.length);
  }

  private group(open: Token): Parsed {
    this.enter(open);
    const inner = this.expression();
    this.expectSymbol(')', `expected ')' to close '(' opened at ${open.offset}`);
    this.leave();
    return inner;
  }

  private list(open: Token): Parsed {
    this.enter(open);
    const items: Parsed[] = [];
    while (!isSymbol(this.peek(), ']')) {
      items.push(this.expression());
      if (!isSymbol(this.peek(), ',')) break;
      this.advance();
    }
    this.expectSymbol(']', `expected ',' or ']' to close '[' opened at ${open.offset}`);
    this.leave();
    return this.node({ type: 'list', items: items.map((item) => item.node) }, items, open);
  }

  private word(token: Token & { kind: 'word' }): Parsed {
    const name = token.text;
    if (name === 'true' || name === 'false') return { node: { type: 'literal', value: name === 'true' }, depth: 1 };
    if (name === 'null') return { node: { type: 'literal', value: null }, depth: 1 };
    if (name === 'vars') return this.variable(token);
    if (CONTEXT_ROOTS.includes(name)) return this.contextField(token);
    if (isFunctionName(name)) return this.call(token, name);
    if (KEYWORDS.includes(name)) fail(`expected an expression but found '${name}'`, token.offset, token.length);
    const canonical = CANONICAL_NAMES.get(name.toLowerCase());
    if (isSymbol(this.peek(), '(')) {
      const hint = canonical === undefined ? ` (functions: ${FUNCTION_NAMES.join(', ')})` : `: did you mean '${canonical}'?`;
      fail(`unknown function '${name}'${hint}`, token.offset, token.length);
    }
    if (canonical !== undefined) fail(`unknown name '${name}': did you mean '${canonical}'?`, token.offset, token.length);
    return fail(`unknown name '${name}' — use vars.${name} for a flow variable`, token.offset, token.length);
  }

  private variable(root: Token): Parsed {
    const name = this.fieldName(root, "'vars' needs a variable name: vars.NAME");
    const next = this.peek();
    if (isSymbol(next, '.')) {
      fail(`flow variables have no fields: 'vars.${name.text}' is a plain value`, next.offset, next.length);
    }
    return { node: { type: 'variable', name: name.text }, depth: 1 };
  }

  private contextField(root: Token & { kind: 'word' }): Parsed {
    const known = fieldsOf(root.text).join(', ');
    const field = this.fieldName(root, `'${root.text}' needs a field: ${known}`);
    const name = `${root.text}.${field.text}`;
    if (!isContextField(name)) {
      fail(`unknown field '${name}': use one of ${known}`, root.offset, field.offset + field.length - root.offset);
    }
    return { node: { type: 'field', name }, depth: 1 };
  }

  /** The word after `root.`; fails with `message` when the dot or the word is missing. */
  private fieldName(root: Token, message: string): Token & { kind: 'word' } {
    const dot = this.peek();
    if (!isSymbol(dot, '.')) return fail(message, root.offset, root.length);
    this.advance();
    const name = this.advance();
    if (name.kind !== 'word') return fail(`${message}, but found ${this.describe(name)}`, name.offset, name.length);
    return name;
  }

  private call(nameToken: Token, name: FunctionName): Parsed {
    const open = this.peek();
    if (!isSymbol(open, '(')) {
      return fail(`'${name}' is a function: call it as ${name}(…)`, nameToken.offset, nameToken.length);
    }
    this.advance();
    this.enter(open);
    const args: Parsed[] = [];
    if (isSymbol(this.peek(), ')')) {
      this.advance();
    } else {
      for (;;) {
        args.push(this.expression());
        if (!isSymbol(this.peek(), ',')) break;
        this.advance();
      }
      this.expectSymbol(')', `expected ',' or ')' to close '(' opened at ${open.offset}`);
    }
    this.leave();
    const { minArgs, maxArgs } = FUNCTIONS[name];
    if (args.length < minArgs || args.length > maxArgs) {
      const end = this.tokens[this.position - 1] ?? nameToken;
      fail(
        `'${name}' takes ${arityText(minArgs, maxArgs)}, got ${args.length}`,
        nameToken.offset,
        end.offset + end.length - nameToken.offset,
      );
    }
    return this.node({ type: 'call', name, args: args.map((arg) => arg.node) }, args, nameToken);
  }

  private expectSymbol(symbol: SymbolText, message: string): void {
    const token = this.peek();
    if (!isSymbol(token, symbol)) fail(`${message} but found ${this.describe(token)}`, token.offset, token.length);
    this.advance();
  }

  private enter(token: Token): void {
    this.nesting += 1;
    if (this.nesting > MAX_DEPTH) tooDeep(token);
  }

  private leave(): void {
    this.nesting -= 1;
  }

  private node(node: Expression, children: readonly Parsed[], at: Token): Parsed {
    const depth = 1 + children.reduce((deepest, child) => Math.max(deepest, child.depth), 0);
    if (depth > MAX_DEPTH) tooDeep(at);
    return { node, depth };
  }
}

function isWord(token: Token, text: string): boolean {
  return token.kind === 'word' && token.text === text;
}

function isSymbol<S extends SymbolText>(token: Token, text: S): token is Token & { kind: 'symbol'; text: S } {
  return token.kind === 'symbol' && token.text === text;
}

function tooDeep(token: Token): never {
  return fail(`expression is nested too deeply (at most ${MAX_DEPTH} levels)`, token.offset, token.length);
}

function caseHint(token: Token): string {
  if (token.kind !== 'word') return '';
  const canonical = CANONICAL_NAMES.get(token.text.toLowerCase());
  return canonical !== undefined && canonical !== token.text ? ` (did you mean '${canonical}'?)` : '';
}

function arityText(minArgs: number, maxArgs: number): string {
  const plural = (count: number) => `${count} argument${count === 1 ? '' : 's'}`;
  if (minArgs === maxArgs) return plural(minArgs);
  if (maxArgs === Infinity) return `at least ${plural(minArgs)}`;
  return `${minArgs} or ${plural(maxArgs)}`;
}
