import { IR_VERSION, ProgramSchema, type Program } from '@callflow/schemas';
import {
  directory,
  edge,
  entry,
  flow,
  goTo,
  hangUp,
  node,
  play,
  setVariable,
  supportLine,
  type DocumentInput,
} from '../../test/fixtures/documents';
import { validateFlow } from '../validate';
import { compileFlow, type CompileResult } from './compile-flow';

function compiled(result: CompileResult): Program {
  if (!result.ok) throw new Error(`expected the flow to compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.program;
}

const exitsOf = (program: Program) => Object.fromEntries(Object.entries(program.steps).map(([id, step]) => [id, step.exits]));

describe('compileFlow', () => {
  it('compiles the support-line sample into a program', () => {
    const result = compileFlow(supportLine, { flowId: 'flow-support', directory, knownFlowIds: ['flow-support'] });
    const program = compiled(result);

    expect(result.diagnostics).toEqual(validateFlow(supportLine, { directory }).diagnostics);
    expect(ProgramSchema.parse(program)).toEqual(program);
    expect(program).toEqual(
      expect.objectContaining({
        irVersion: IR_VERSION,
        flowId: 'flow-support',
        name: 'Support line',
        timeZone: 'America/New_York',
        entry: 'start',
        variables: { company: 'Acme', attempts: 0 },
        references: [
          { type: 'schedule', id: 'sched-main' },
          { type: 'ring-group', id: 'rg-sales' },
          { type: 'mailbox', id: 'mb-main' },
        ],
      }),
    );
    // go-to nodes ("again", "to-voicemail") are resolved into the exits that lead to them
    expect(exitsOf(program)).toEqual({
      start: { next: 'hours' },
      hours: { open: 'welcome', closed: 'closed-msg', holiday: 'closed-msg' },
      welcome: { next: 'main-menu' },
      'main-menu': { '1': 'sales', '2': 'account', noMatch: null, timeout: 'main-menu' },
      sales: { answered: null, noAnswer: 'mailbox' },
      account: { next: 'lookup', noMatch: 'main-menu', timeout: 'main-menu' },
      lookup: { ok: 'vip-check', error: 'sales' },
      'vip-check': { vip: 'vip-line', else: 'sales' },
      'vip-line': { answered: null, noAnswer: 'sales', notFound: 'sales' },
      'closed-msg': { next: 'mailbox' },
      mailbox: { next: null },
    });
    expect(program).toMatchSnapshot();
  });

  it('refuses a flow with errors and returns the validation diagnostics', () => {
    const document = flow([entry(), play('hello')], [edge('start', 'next', 'hello')]);
    const result = compileFlow(document, { flowId: 'flow-1' });
    expect(result).toEqual({ ok: false, diagnostics: validateFlow(document).diagnostics });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'required-port-unconnected', nodeId: 'hello' })]);
  });

  it('refuses a flow whose references are missing from the directory', () => {
    const document = flow([entry(), node('box', 'voicemail', { mailboxId: 'mb-gone' })], [edge('start', 'next', 'box')]);
    expect(compileFlow(document, { flowId: 'flow-1' }).ok).toBe(true);
    expect(compileFlow(document, { flowId: 'flow-1', directory }).ok).toBe(false);
  });

  it('resolves edges into go-to nodes through the whole go-to chain', () => {
    const document = flow(
      [entry(), goTo('first-jump', 'second-jump'), goTo('second-jump', 'greeting'), play('greeting'), hangUp('bye')],
      [edge('start', 'next', 'first-jump'), edge('greeting', 'next', 'second-jump')],
    );
    const program = compiled(compileFlow(document, { flowId: 'flow-1' }));
    expect(Object.keys(program.steps)).toEqual(['start', 'greeting']);
    expect(exitsOf(program)).toEqual({ start: { next: 'greeting' }, greeting: { next: 'greeting' } });
  });

  it('keeps a go-to into another flow as a step and lists the flow as a reference', () => {
    const document = flow([entry(), node('handover', 'go-to', { target: { type: 'flow', flowId: 'flow-2' } })], [edge('start', 'next', 'handover')]);
    const program = compiled(compileFlow(document, { flowId: 'flow-1', knownFlowIds: ['flow-2'] }));
    expect(program.steps['handover']).toEqual({
      kind: 'go-to',
      node: 'handover',
      label: '',
      config: { target: { type: 'flow', flowId: 'flow-2' } },
      exits: {},
    });
    expect(program.references).toEqual([{ type: 'flow', id: 'flow-2' }]);
  });

  it('leaves unreachable nodes and their references out of the program', () => {
    const document = flow(
      [entry(), hangUp('bye'), node('orphan', 'voicemail', { mailboxId: 'mb-main' })],
      [edge('start', 'next', 'bye'), edge('orphan', 'next', 'bye')],
    );
    const program = compiled(compileFlow(document, { flowId: 'flow-1' }));
    expect(Object.keys(program.steps)).toEqual(['start', 'bye']);
    expect(program.references).toEqual([]);
  });

  describe('fallbacks', () => {
    const hours = (holiday: string | null): DocumentInput =>
      flow(
        [entry(), node('hours', 'business-hours', { scheduleId: 'sched-main' }), play('open'), goTo('to-closed', 'closed'), play('closed'), play('holiday'), hangUp('bye')],
        [
          edge('start', 'next', 'hours'),
          edge('hours', 'open', 'open'),
          edge('hours', 'closed', 'to-closed'),
          ...(holiday === null ? [] : [edge('hours', 'holiday', holiday)]),
          edge('open', 'next', 'bye'),
          edge('closed', 'next', 'bye'),
          edge('holiday', 'next', 'bye'),
        ],
      );

    it('sends an unconnected business-hours holiday branch where closed goes', () => {
      const program = compiled(compileFlow(hours(null), { flowId: 'flow-1' }));
      expect(program.steps['hours']?.exits).toEqual({ open: 'open', closed: 'closed', holiday: 'closed' });
    });

    it('keeps a connected holiday branch', () => {
      const program = compiled(compileFlow(hours('holiday'), { flowId: 'flow-1' }));
      expect(program.steps['hours']?.exits).toEqual({ open: 'open', closed: 'closed', holiday: 'holiday' });
    });

    it('sends an unconnected dial-extension notFound branch where noAnswer goes, and leaves answered unconnected', () => {
      const document = flow(
        [entry(), node('dial', 'dial-extension', { extension: '{{ vars.ext }}' }), hangUp('bye')],
        [edge('start', 'next', 'dial'), edge('dial', 'noAnswer', 'bye')],
        [{ name: 'ext', initial: '201' }],
      );
      const program = compiled(compileFlow(document, { flowId: 'flow-1' }));
      expect(program.steps['dial']?.exits).toEqual({ answered: null, noAnswer: 'bye', notFound: 'bye' });
    });
  });

  it('is deterministic and independent of the key order of the input', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)]))
          : value;
    const first = compiled(compileFlow(supportLine, { flowId: 'flow-1' }));
    const again = compiled(compileFlow(structuredClone(supportLine), { flowId: 'flow-1' }));
    const shuffled = compiled(compileFlow(reversed(supportLine), { flowId: 'flow-1' }));
    expect(again).toEqual(first);
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('declares every variable with its initial value (null when none)', () => {
    const document = flow(
      [entry(), setVariable('set', 'count', 'vars.count + 1'), hangUp('bye')],
      [edge('start', 'next', 'set'), edge('set', 'next', 'bye')],
      [{ name: 'count', type: 'number', initial: 1 }, { name: 'note' }],
    );
    const program = compiled(compileFlow(document, { flowId: 'flow-1' }));
    expect(program.variables).toEqual({ count: 1, note: null });
    expect(ProgramSchema.parse(program)).toEqual(program);
  });
});
