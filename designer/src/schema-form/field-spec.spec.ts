import { NODE_KINDS } from '@callflow/schemas';
import { blankConfig, definitionOf } from '../catalog/node-catalog';
import { newListItem } from './blank-value';
import { fieldSpecOf, humanize, type FieldSpec, type ObjectSpec } from './field-spec';

const configSpec = (kind: Parameters<typeof definitionOf>[0]) => fieldSpecOf(definitionOf(kind).config) as ObjectSpec;
const field = (spec: ObjectSpec, key: string): FieldSpec => {
  const found = spec.fields.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found.spec;
};

describe('form specs generated from node config schemas', () => {
  it('reads a menu: prompt variants, a list of options with a key choice, bounded numbers, optional prompts', () => {
    const menu = configSpec('menu');
    expect(menu.fields.map((candidate) => [candidate.key, candidate.label])).toEqual([
      ['prompt', 'Prompt'],
      ['options', 'Options'],
      ['timeoutSecs', 'Timeout (seconds)'],
      ['maxAttempts', 'Max attempts'],
      ['invalidPrompt', 'Invalid prompt'],
      ['timeoutPrompt', 'Timeout prompt'],
    ]);
    const prompt = field(menu, 'prompt');
    expect(prompt).toMatchObject({ type: 'variants', discriminator: 'type', variants: [{ value: 'tts', label: 'Text to speech' }, { value: 'audio', label: 'Audio' }] });
    expect(prompt.type === 'variants' && field(prompt.variants[0]!.spec, 'text')).toMatchObject({ type: 'text', format: 'template', minLength: 1 });
    expect(prompt.type === 'variants' && field(prompt.variants[1]!.spec, 'url')).toMatchObject({ type: 'text', format: 'url' });
    expect(field(menu, 'options')).toMatchObject({
      type: 'list',
      minItems: 1,
      maxItems: 12,
      item: { type: 'object', fields: [{ key: 'digit', spec: { type: 'choice', options: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] } }, { key: 'label' }] },
    });
    expect(field(menu, 'timeoutSecs')).toEqual({ type: 'number', integer: true, min: 1, max: 60, default: 5 });
    expect(field(menu, 'invalidPrompt')).toMatchObject({ type: 'nullable', default: null, inner: { type: 'variants' } });
    expect(menu.fields.find((candidate) => candidate.key === 'invalidPrompt')?.description).toBe('Played after a key that is not an option');
  });

  it('reads settings that fall back to a default when empty, and phone numbers', () => {
    const queue = configSpec('queue');
    expect(field(queue, 'announcePosition')).toMatchObject({ type: 'nullable', inner: { type: 'boolean' } });
    expect(field(queue, 'maxWaitSecs')).toMatchObject({ type: 'nullable', inner: { type: 'number', min: 10, max: 7200 } });
    expect(field(queue, 'holdAudio')).toMatchObject({ type: 'nullable', inner: { type: 'object' } });
    expect(field(configSpec('entry'), 'number')).toMatchObject({ type: 'nullable', inner: { type: 'text', format: 'phone' } });
  });

  it('reads unions: a literal that is text, a number or yes/no, and whole configs that come in variants', () => {
    const assignments = field(configSpec('set-variable'), 'assignments');
    const value = assignments.type === 'list' && assignments.item.type === 'object' ? field(assignments.item, 'value') : null;
    expect(value).toMatchObject({ type: 'variants', variants: [{ value: 'literal' }, { value: 'expression' }] });
    const literal = value?.type === 'variants' ? field(value.variants[0]!.spec, 'value') : null;
    expect(literal).toEqual({ type: 'scalar', kinds: ['text', 'number', 'boolean'] });
    expect(fieldSpecOf(definitionOf('record').config)).toMatchObject({ type: 'variants', discriminator: 'action' });
    expect(field(configSpec('transfer'), 'callerId')).toMatchObject({ type: 'variants', default: { type: 'caller' } });
  });

  it('gives every kind a blank config with every field of its schema', () => {
    for (const kind of NODE_KINDS) {
      const spec = fieldSpecOf(definitionOf(kind).config);
      const keys = spec.type === 'object' ? spec.fields.map((candidate) => candidate.key) : spec.type === 'variants' ? spec.variants[0]!.spec.fields.map((candidate) => candidate.key) : [];
      expect(Object.keys(blankConfig(kind))).toEqual(keys);
    }
    expect(definitionOf('entry').config.safeParse(blankConfig('entry')).success).toBe(true);
    expect(definitionOf('hang-up').config.safeParse(blankConfig('hang-up')).success).toBe(true);
    expect(definitionOf('menu').config.safeParse(blankConfig('menu')).success).toBe(false);
  });

  it('gives a new menu option the first key no other option uses', () => {
    const options = field(configSpec('menu'), 'options');
    if (options.type !== 'list') throw new Error('options is a list');
    expect(newListItem(options.item, [{ digit: '0', label: 'Operator' }, { digit: '1', label: 'Sales' }])).toEqual({ digit: '2', label: '' });
  });

  it('writes labels people read', () => {
    expect(['timeoutSecs', 'agentIds', 'notifySms', 'url', 'ringGroupId'].map(humanize)).toEqual(['Timeout (seconds)', 'Agent IDs', 'Notify SMS', 'URL', 'Ring group ID']);
  });
});
