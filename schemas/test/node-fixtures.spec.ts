import type { z } from 'zod';
import { NODE_KINDS, nodeCatalog, type NodeDefinition, type NodeKind } from '../src';
import { hasNodeFixtures, loadNodeFixtures, NODE_FIXTURE_KINDS } from './fixtures/nodes/fixtures';

const definitionOf = (kind: NodeKind): NodeDefinition => nodeCatalog[kind] as unknown as NodeDefinition;
const kindsWithFixtures = NODE_KINDS.filter(hasNodeFixtures);

const validCases = kindsWithFixtures.flatMap((kind) => loadNodeFixtures(kind).valid.map((fixture) => ({ kind, ...fixture })));
const invalidCases = kindsWithFixtures.flatMap((kind) => loadNodeFixtures(kind).invalid.map((fixture) => ({ kind, ...fixture })));

function parseValid(kind: NodeKind, config: unknown): unknown {
  const result = definitionOf(kind).config.safeParse(config);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new Error(`${kind} config should be valid but has issues:\n${issues.join('\n')}`);
  }
  return result.data;
}

const issuesOf = (error: z.ZodError) => error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** The value at a dotted path (`target.agentIds.1`), or undefined when some segment is missing. */
function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    return (node as Record<string, unknown>)[key];
  }, value);
}

describe('node config fixtures', () => {
  it('exist for every node kind', () => {
    const missing = NODE_KINDS.filter((kind) => !hasNodeFixtures(kind)).map((kind) => `test/fixtures/nodes/${kind}.json`);
    expect(missing).toEqual([]);
  });

  it('name only existing node kinds', () => {
    expect(NODE_FIXTURE_KINDS.filter((kind) => !(NODE_KINDS as readonly string[]).includes(kind))).toEqual([]);
  });

  describe.each(validCases)('$kind: valid “$name”', ({ kind, config }) => {
    const definition = definitionOf(kind);

    it('parses, and its parsed form parses to itself', () => {
      const parsed = parseValid(kind, config);
      expect(parseValid(kind, parsed)).toEqual(parsed);
    });

    it('has ports with unique names and labels', () => {
      const ports = definition.ports(parseValid(kind, config));
      const names = ports.map((port) => port.name);
      expect(names).toEqual([...new Set(names)]);
      for (const port of ports) {
        expect(port.name).not.toBe('');
        expect(port.label).not.toBe('');
      }
    });

    it('has references whose field holds the referenced id', () => {
      const parsed = parseValid(kind, config);
      for (const reference of definition.references(parsed)) {
        expect({ field: reference.field, value: valueAt(parsed, reference.field) }).toEqual({ field: reference.field, value: reference.id });
      }
    });
  });

  it.each(invalidCases)('$kind: invalid “$name” fails at $path', ({ kind, config, path, message }) => {
    const result = definitionOf(kind).config.safeParse(config);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : issuesOf(result.error);
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
    // Each fixture breaks one rule, so a message that changes elsewhere cannot hide behind it.
    expect(issues.filter((issue) => issue.path !== path)).toEqual([]);
  });

  it('exercise the references of every kind that points at the directory or other flows', () => {
    const referencing = validCases
      .filter(({ kind, config }) => definitionOf(kind).references(parseValid(kind, config)).length > 0)
      .map(({ kind }) => kind);
    expect([...new Set(referencing)].sort()).toEqual(['business-hours', 'go-to', 'queue', 'ring-group', 'voicemail']);
  });
});
