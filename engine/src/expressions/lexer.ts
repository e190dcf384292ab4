import { fail } from './parse-failure';

const SYMBOLS = [
  '==', '!=', '<=', '>=', '&&', '||', '(', ')', '[', ']', ',', '.', '+', '-', '*', '/', '%', '<', '>', '!',
] as const;
export type SymbolText = (typeof SYMBOLS)[number];

interface Span {
  readonly offset: number;
  readonly length: number;
}

export type Token =
  | (Span & { readonly kind: 'number'; readonly value: number })
  | (Span & { readonly kind: 'string'; readonly value: string })
  | (Span & { readonly kind: 'word'; readonly text: string })
  | (Span & { readonly kind: 'symbol'; readonly text: SymbolText })
  /** `}}`, closing a template placeholder (template mode only). */
  | (Span & { readonly kind: 'close' })
  | (Span & { readonly kind: 'end' });

type LexMode = 'expression' | 'template';

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t' };
const MISTAKES: Readonly<Record<string, string>> = {
  '=': "'=' is not an operator: use '==' to compare",
  '&': "unexpected '&': use '&&' or 'and'",
  '|': "unexpected '|': use '||' or 'or'",
};
const CURLY_QUOTES = new Set(['\u2018', '\u2019', '\u201c', '\u201d']);

/**
 * Tokens of `source` from `start`. In template mode lexing stops after the first `}}` outside a string
 * literal (the end of the placeholder); otherwise it runs to the end of the source.
 */
export function tokenize(source: string, start: number, mode: LexMode): Token[] {
  const tokens: Token[] = [];
  let index = start;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index += 1;
    } else if (isDigit(char)) {
      index = readNumber(source, index, tokens);
    } else if (char === '"' || char === "'") {
      index = readString(source, index, tokens);
    } else if (isWordStart(char)) {
      let end = index + 1;
      while (end < source.length && isWordPart(source[end] ?? '')) end += 1;
      tokens.push({ kind: 'word', text: source.slice(index, end), offset: index, length: end - index });
      index = end;
    } else if (mode === 'template' && source.startsWith('}}', index)) {
      tokens.push({ kind: 'close', offset: index, length: 2 });
      return tokens;
    } else {
      const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, index));
      if (symbol === undefined) unexpectedCharacter(source, index);
      tokens.push({ kind: 'symbol', text: symbol, offset: index, length: symbol.length });
      index += symbol.length;
    }
  }
  tokens.push({ kind: 'end', offset: source.length, length: 0 });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let end = start;
  while (isDigit(source[end] ?? '')) end += 1;
  if (source[end] === '.' && isDigit(source[end + 1] ?? '')) {
    end += 1;
    while (isDigit(source[end] ?? '')) end += 1;
  }
  const value = Number(source.slice(start, end));
  if (!Number.isFinite(value)) fail('number is too large', start, end - start);
  tokens.push({ kind: 'number', value, offset: start, length: end - start });
  return end;
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start];
  let value = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === quote) {
      tokens.push({ kind: 'string', value, offset: start, length: index + 1 - start });
      return index + 1;
    }
    if (char === '\\') {
      if (index + 1 === source.length) break;
      const escaped = source[index + 1] ?? '';
      const replacement = ESCAPES[escaped];
      if (replacement === undefined) {
        fail(`unknown escape '\\${escaped}' in string: use \\" \\' \\\\ \\n or \\t`, index, 2);
      }
      value += replacement;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  return fail(`unterminated string: no closing ${quote} for the quote at ${start}`, start, source.length - start);
}

function unexpectedCharacter(source: string, index: number): never {
  const char = String.fromCodePoint(source.codePointAt(index) ?? 0);
  const mistake = MISTAKES[char];
  if (mistake !== undefined) fail(mistake, index, 1);
  const hint = CURLY_QUOTES.has(char) ? ': use straight quotes " or \'' : '';
  return fail(`unexpected character '${char}'${hint}`, index, char.length);
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isWordStart(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_';
}

function isWordPart(char: string): boolean {
  return isWordStart(char) || isDigit(char);
}
