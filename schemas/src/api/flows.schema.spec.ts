import type { z } from 'zod';
import { FLOW_FORMAT } from '../flow-document.schema';
import { DraftDocumentSchema, FlowNameSchema, SaveDraftBodySchema } from './flows.schema';
import { UNSTORABLE_TEXT_MESSAGE } from './storable-text';

const draft = (config: Record<string, unknown>) => ({
  format: FLOW_FORMAT,
  metadata: { name: 'Draft' },
  edges: [],
  nodes: [{ id: 'greet', kind: 'play', version: 1, position: { x: 0, y: 0 }, config }],
});

function issues(schema: z.ZodType, value: unknown): Array<{ path: PropertyKey[]; message: string }> {
  return schema.safeParse(value).error?.issues.map(({ path, message }) => ({ path, message })) ?? [];
}

describe('flow API schemas', () => {
  it('takes flow names trimmed, refuses empty ones and text PostgreSQL cannot store', () => {
    expect(FlowNameSchema.parse('  Main line 🙂 ')).toBe('Main line 🙂');
    expect(issues(FlowNameSchema, '   ')).toEqual([{ path: [], message: 'name the flow' }]);
    expect(issues(FlowNameSchema, 'Main\u0000line')).toEqual([{ path: [], message: UNSTORABLE_TEXT_MESSAGE }]);
    expect(issues(FlowNameSchema, 'broken \ud83d pair')).toEqual([{ path: [], message: UNSTORABLE_TEXT_MESSAGE }]);
    expect(issues(FlowNameSchema, 'reversed \ude00\ud83d')).toEqual([{ path: [], message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it('accepts a draft whose node configs do not validate yet, and names the path of text that cannot be stored', () => {
    expect(DraftDocumentSchema.parse(draft({ prompt: 42 })).nodes[0]?.config).toEqual({ prompt: 42 });
    expect(issues(DraftDocumentSchema, draft({ prompt: { type: 'tts', text: 'Hi\u0000' } }))).toEqual([
      { path: ['nodes', 0, 'config', 'prompt', 'text'], message: UNSTORABLE_TEXT_MESSAGE },
    ]);
    expect(issues(DraftDocumentSchema, draft({ ['key\u0000']: 1 }))).toEqual([{ path: ['nodes', 0, 'config', 'key\u0000'], message: UNSTORABLE_TEXT_MESSAGE }]);
    expect(issues(DraftDocumentSchema, draft({ list: [['ok', '\udfff']] }))).toEqual([
      { path: ['nodes', 0, 'config', 'list', 0, 1], message: UNSTORABLE_TEXT_MESSAGE },
    ]);
  });

  it('bounds revisions to what the database stores', () => {
    expect(SaveDraftBodySchema.safeParse({ revision: 2_147_483_647, document: draft({}) }).success).toBe(true);
    expect(issues(SaveDraftBodySchema, { revision: 2_147_483_648, document: draft({}) }).map((issue) => issue.path)).toEqual([['revision']]);
  });
});
