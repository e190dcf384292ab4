import type { ExpressionError, Template, TemplatePart } from './ast';
import { evaluate } from './evaluate';
import { tooLong } from './expression';
import { MAX_SOURCE_LENGTH, MAX_TEMPLATE_PARTS } from './limits';
import { fail, ParseFailure } from './parse-failure';
import { parsePlaceholder } from './parser';
import { EvaluationScope, type ExpressionContext } from './scope';
import { toText } from './values';

/**
 * Text with `{{ expression }}` placeholders. `\{{` writes a literal `{{`; every other backslash is kept
 * as it is (so JSON bodies and paths need no escaping). In a run of three or more braces the last two
 * open the placeholder: `{{{ vars.x }}}` is "{", the value, "}". A placeholder ends at the first `}}`
 * outside a string literal, so `{{ "}}" }}` renders "}}".
 */
export function parseTemplate(source: string): { ok: true; template: Template } | { ok: false; error: ExpressionError } {
  if (source.length > MAX_SOURCE_LENGTH) return { ok: false, error: tooLong(source) };
  try {
    return { ok: true, template: { type: 'template', parts: templateParts(source) } };
  } catch (caught) {
    if (caught instanceof ParseFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

/** Values render as text: null → "", lists joined with ", ", numbers without trailing zeros. */
export function renderTemplate(template: Template, context: ExpressionContext): string {
  const scope = new EvaluationScope(context);
  return template.parts
    .map((part) => (part.type === 'text' ? part.text : toText(evaluate(part.expression, scope))))
    .join('');
}

function templateParts(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const add = (part: TemplatePart, start: number, end: number): void => {
    if (parts.length === MAX_TEMPLATE_PARTS) {
      fail(`template has more than ${MAX_TEMPLATE_PARTS} parts (text runs and placeholders)`, start, end - start);
    }
    parts.push(part);
  };
  let text = '';
  let textStart = 0;
  let index = 0;
  while (index < source.length) {
    if (text === '') textStart = index;
    if (source.startsWith('\\{{', index)) {
      text += '{{';
      index += 3;
    } else if (source.startsWith('{{', index) && source[index + 2] !== '{') {
      if (text !== '') add({ type: 'text', text }, textStart, index);
      text = '';
      const { expression, end } = parsePlaceholder(source, index);
      add({ type: 'expression', expression }, index, end);
      index = end;
    } else {
      text += source[index] ?? '';
      index += 1;
    }
  }
  if (text !== '') add({ type: 'text', text }, textStart, source.length);
  return parts;
}
