import type { ExpressionError } from './ast';

/** Thrown inside the lexer and parser only; the public parse functions turn it into `{ ok: false }`. */
export class ParseFailure extends Error {
  constructor(readonly error: ExpressionError) {
    super(error.message);
  }
}

export function fail(message: string, offset: number, length: number): never {
  throw new ParseFailure({ message, offset, length });
}
