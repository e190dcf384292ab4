import { NODE_KINDS, nodeCatalog, type NodeConfig, type NodeKind } from '@callflow/schemas';
import { sampleConfigs } from '../../test/fixtures/documents';
import { expressionFieldsOf, variableAssignmentsOf } from './expression-fields';

const tts = (text: string) => ({ type: 'tts', text });

/** Configs that fill every expression and template field of their kind. */
const fullConfigs: [NodeKind, object][] = [
  ['play', { prompt: tts('p') }],
  ['menu', { prompt: tts('p'), options: [{ digit: '1', label: 'One' }], invalidPrompt: tts('i'), timeoutPrompt: tts('t') }],
  ['collect-digits', { prompt: tts('p'), variable: 'code', validation: 'len(vars.code) == 4', invalidPrompt: tts('i') }],
  ['condition', { rules: [{ id: 'a', label: 'A', when: 'true' }, { id: 'b', label: 'B', when: 'false' }] }],
  ['set-variable', { assignments: [{ variable: 'x', value: { type: 'literal', value: 1 } }, { variable: 'y', value: { type: 'expression', expression: 'vars.x + 1' } }] }],
  ['http-request', { url: 'https://a.example/{{ vars.x }}', headers: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], body: '{}', responseMappings: [{ variable: 'tier', path: 'tier' }] }],
  ['ring-group', { target: { type: 'group', ringGroupId: 'g' }, announce: tts('a') }],
  ['queue', { queueId: 'q', entryPrompt: tts('e'), holdAudio: { type: 'audio', url: 'https://a.example/hold.mp3' }, callback: { prompt: tts('c') } }],
  ['dial-extension', { extension: '{{ vars.ext }}' }],
  ['transfer', { destination: '+14155550100' }],
  ['voicemail', { mailboxId: 'm', greeting: tts('g') }],
  ['send-sms', { to: '{{ caller.number }}', text: 'hi' }],
  ['record', { action: 'start', consentPrompt: tts('c') }],
  ['hang-up', { goodbye: tts('g') }],
];

function parse<K extends NodeKind>(kind: K, input: object): NodeConfig<K> {
  return nodeCatalog[kind].config.parse(input) as NodeConfig<K>;
}

function valueAt(config: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], config);
}

describe('expression field registry', () => {
  it.each(fullConfigs)('points at the config fields that hold the sources (%s)', (kind, input) => {
    const config = parse(kind, input);
    const fields = expressionFieldsOf(kind, config);
    expect(fields.length).toBeGreaterThan(0);
    for (const { field, source } of fields) expect(valueAt(config, field)).toBe(source);
  });

  it('lists nested prompts, optional fields and one entry per list item', () => {
    const fields = (kind: NodeKind) => {
      const input = fullConfigs.find(([candidate]) => candidate === kind)![1];
      return expressionFieldsOf(kind, parse(kind, input)).map(({ field, mode }) => `${field}:${mode}`);
    };
    expect(fields('menu')).toEqual(['prompt.text:template', 'invalidPrompt.text:template', 'timeoutPrompt.text:template']);
    expect(fields('collect-digits')).toEqual(['prompt.text:template', 'validation:expression', 'invalidPrompt.text:template']);
    expect(fields('set-variable')).toEqual(['assignments.1.value.expression:expression']);
    expect(fields('http-request')).toEqual(['url:template', 'headers.0.value:template', 'headers.1.value:template', 'body:template']);
    expect(fields('queue')).toEqual(['entryPrompt.text:template', 'callback.prompt.text:template']);
  });

  it('lists nothing for audio prompts and absent optional fields', () => {
    expect(expressionFieldsOf('play', parse('play', { prompt: { type: 'audio', url: 'https://a.example/a.mp3' } }))).toEqual([]);
    expect(expressionFieldsOf('http-request', parse('http-request', { url: 'https://a.example' })).map((f) => f.field)).toEqual(['url']);
    expect(expressionFieldsOf('record', parse('record', { action: 'stop' }))).toEqual([]);
  });

  it('lists the variables each kind assigns, with their fields', () => {
    const assigned = NODE_KINDS.flatMap((kind) =>
      variableAssignmentsOf(kind, parse(kind, sampleConfigs[kind])).map((assignment) => ({ kind, ...assignment })),
    );
    expect(assigned).toEqual([
      { kind: 'collect-digits', field: 'variable', variable: 'digits' },
      { kind: 'set-variable', field: 'assignments.0.variable', variable: 'count' },
    ]);
    const http = parse('http-request', fullConfigs.find(([kind]) => kind === 'http-request')![1]);
    expect(variableAssignmentsOf('http-request', http)).toEqual([{ field: 'responseMappings.0.variable', variable: 'tier' }]);
  });
});
