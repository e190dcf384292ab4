import type { CallerAction } from './simulate';

export type CallerScriptParse = { ok: true; actions: CallerAction[] } | { ok: false; error: string };

/** Reads a caller script written as `press:1,silence,press:42#,hangup` (the CLI's --script, the designer's simulator). */
export function parseCallerScript(text: string): CallerScriptParse {
  const actions: CallerAction[] = [];
  if (text.trim() === '') return { ok: true, actions };
  for (const entry of text.split(',').map((part) => part.trim())) {
    const [verb, argument] = entry.split(':').map((part) => part.trim());
    if (verb === 'silence' && argument === undefined) actions.push({ type: 'silence' });
    else if (verb === 'hangup' && argument === undefined) actions.push({ type: 'hangup' });
    else if (verb === 'press' && argument && /^[0-9*#]+$/.test(argument)) actions.push({ type: 'press', digits: argument });
    else return { ok: false, error: `cannot read script step "${entry}": use press:DIGITS, silence or hangup` };
  }
  return { ok: true, actions };
}

/** The script form of caller actions, as `parseCallerScript` reads it. */
export function formatCallerScript(actions: readonly CallerAction[]): string {
  return actions.map((action) => (action.type === 'press' ? `press:${action.digits}` : action.type)).join(',');
}
