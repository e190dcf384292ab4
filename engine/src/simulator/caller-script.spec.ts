import { formatCallerScript, parseCallerScript } from './caller-script';

describe('caller scripts', () => {
  it('reads presses, silences and a hang-up, ignoring spaces', () => {
    expect(parseCallerScript(' press:1, silence ,press:42#,hangup')).toEqual({
      ok: true,
      actions: [{ type: 'press', digits: '1' }, { type: 'silence' }, { type: 'press', digits: '42#' }, { type: 'hangup' }],
    });
  });

  it('reads an empty script as no actions', () => {
    expect(parseCallerScript('  ')).toEqual({ ok: true, actions: [] });
  });

  it('names the step it cannot read', () => {
    expect(parseCallerScript('press:1,press:x')).toEqual({ ok: false, error: 'cannot read script step "press:x": use press:DIGITS, silence or hangup' });
    expect(parseCallerScript('silence:3')).toMatchObject({ ok: false });
    expect(parseCallerScript('press:1,,silence')).toMatchObject({ ok: false });
  });

  it('writes actions back in the form it reads', () => {
    const text = 'press:1,silence,press:*9,hangup';
    const parsed = parseCallerScript(text);
    expect(parsed.ok && formatCallerScript(parsed.actions)).toBe(text);
  });
});
