import { FLOW_FORMAT, NODE_KINDS, nodeCatalog, ProgramSchema, type NodeKind } from '@callflow/schemas';
import fc from 'fast-check';
import { directory, edge, node, sampleConfigs, type DocumentInput, type EdgeInput, type NodeInput } from '../../test/fixtures/documents';
import { validateFlow, type ValidationContext } from '../validate';
import { compileFlow } from './compile-flow';

/** The ports a node of this kind has with its sample config. */
function samplePorts(kind: NodeKind): string[] {
  const definition = nodeCatalog[kind];
  const config = definition.config.parse(sampleConfigs[kind]);
  return (definition.ports as (config: unknown) => { name: string }[])(config).map((port) => port.name);
}
const PORTS_BY_KIND = new Map(NODE_KINDS.map((kind) => [kind, samplePorts(kind)]));
const ALL_PORTS = [...new Set([...PORTS_BY_KIND.values()].flat()), 'bogus', '__proto__'];
const ID_POOL = ['start', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '__proto__', 'constructor', 'ghost'];

/** `usual` three times out of four. */
const mostly = <A, B>(usual: fc.Arbitrary<A>, other: fc.Arbitrary<B>): fc.Arbitrary<A | B> =>
  fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: other, weight: 1 });

/**
 * A flow of real node kinds: an entry and random nodes (ids sometimes repeated), most ports wired to random nodes,
 * go-tos aimed at random ids, plus a few random edges and broken configs.
 */
const randomFlow: fc.Arbitrary<DocumentInput> = fc
  .record({
    kinds: fc.array(fc.constantFrom(...NODE_KINDS), { minLength: 0, maxLength: 10 }),
    ids: fc.array(fc.constantFrom(...ID_POOL), { minLength: 11, maxLength: 11 }),
    wiring: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
    noise: mostly(
      fc.constant([]),
      fc.array(
        fc.record({ source: fc.constantFrom(...ID_POOL), port: fc.constantFrom(...ALL_PORTS), target: fc.constantFrom(...ID_POOL) }),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    uniqueIds: mostly(fc.constant(true), fc.constant(false)),
    broken: mostly(fc.constant(null), fc.nat()),
  })
  .map(({ kinds, ids, wiring, noise, uniqueIds, broken }) => {
    let draw = 0;
    const next = () => wiring[draw++ % wiring.length]!;
    const nodeIds = ['start', ...kinds.map((_, index) => (uniqueIds ? `n${index}` : ids[index]!))];
    const nodes: NodeInput[] = nodeIds.map((id, index) => {
      const kind: NodeKind = index === 0 ? 'entry' : kinds[index - 1]!;
      const config: Record<string, unknown> =
        kind === 'go-to' && next() % 3 !== 0
          ? { target: { type: 'node', nodeId: nodeIds[next() % nodeIds.length]! } }
          : structuredClone(sampleConfigs[kind]);
      return { id, kind, version: 1, label: '', position: { x: index, y: 0 }, config };
    });
    if (broken !== null && nodes.length > 1) nodes[1 + (broken % (nodes.length - 1))]!.config = { unexpected: true };
    const edges: EdgeInput[] = [];
    nodes.forEach((source, index) => {
      for (const port of PORTS_BY_KIND.get(source.kind as NodeKind) ?? []) {
        if (next() % 10 === 0) continue;
        const target = 1 + (next() % Math.max(1, nodes.length - 1));
        edges.push({ id: `e${edges.length}`, source: source.id, sourcePort: port, target: nodes[target]?.id ?? `missing${index}` });
      }
    });
    for (const extra of noise) edges.push({ id: `x${edges.length}`, source: extra.source, sourcePort: extra.port, target: extra.target });
    return { format: FLOW_FORMAT, metadata: { name: 'Random' }, variables: [{ name: 'count', type: 'number', initial: 0 }], nodes, edges };
  });

const sampleDocument: DocumentInput = {
  format: FLOW_FORMAT,
  metadata: { name: 'Sample' },
  variables: [],
  nodes: [node('start', 'entry'), node('bye', 'hang-up')],
  edges: [edge('start', 'next', 'bye')],
};

const FULL_CONTEXT: ValidationContext = { directory, knownFlowIds: ['flow-2'] };

/** Checks the invariants of both results; returns whether the input compiled. */
function expectWellFormed(input: unknown, context: ValidationContext = FULL_CONTEXT): boolean {
  const validation = validateFlow(input, context);
  for (const diagnostic of validation.diagnostics) expect(diagnostic.message.trim()).not.toBe('');
  expect(validation.ok).toBe(!validation.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));

  const result = compileFlow(input, { flowId: 'flow-1', ...context });
  expect(result.diagnostics).toEqual(validation.diagnostics);
  expect(result.ok).toBe(validation.ok);
  if (!result.ok) return false;
  const { program } = result;
  expect(ProgramSchema.parse(program)).toEqual(program);
  expect(program.steps[program.entry]?.kind).toBe('entry');
  for (const step of Object.values(program.steps)) {
    for (const target of Object.values(step.exits)) {
      if (target !== null) expect(Object.hasOwn(program.steps, target)).toBe(true);
    }
    expect(step.kind === 'go-to' && step.config.target.type === 'node').toBe(false);
  }
  return true;
}

describe('validateFlow and compileFlow on arbitrary input', () => {
  it('never throw on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withTypedArray: true }), (input) => {
        expectWellFormed(input);
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on random bytes and JSON-like documents with the right top-level shape', () => {
    const envelopeLike = fc.record({
      format: fc.oneof(fc.constant(FLOW_FORMAT), fc.string()),
      metadata: fc.oneof(fc.record({ name: fc.string() }), fc.jsonValue()),
      nodes: fc.array(fc.dictionary(fc.constantFrom('id', 'kind', 'version', 'label', 'position', 'config', '__proto__'), fc.jsonValue())),
      edges: fc.array(fc.jsonValue()),
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array(), fc.jsonValue(), envelopeLike), (input) => {
        expectWellFormed(input);
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on random graphs of real node kinds, and compile the valid ones into consistent programs', () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(randomFlow, (document) => {
        expectWellFormed(document);
        if (expectWellFormed(document, {})) compiledCount += 1;
      }),
      { numRuns: 300 },
    );
    // the generator must also produce valid flows, or the program properties above were never exercised
    expect(compiledCount).toBeGreaterThan(10);
  });

  it('survive self-referencing objects', () => {
    const document = structuredClone(sampleDocument) as unknown as Record<string, unknown> & { nodes: Record<string, unknown>[] };
    document['metadata'] = document;
    document.nodes[0]!['config'] = document.nodes[0];
    document.nodes.push(document as never);
    expect(expectWellFormed(document)).toBe(false);
  });

  it('do not let "__proto__" keys reach any prototype', () => {
    const text = `{
      "__proto__": { "polluted": true },
      "format": "${FLOW_FORMAT}",
      "metadata": { "name": "Sample", "__proto__": { "polluted": true } },
      "nodes": [
        { "id": "start", "kind": "entry", "version": 1, "position": { "x": 0, "y": 0 }, "config": { "__proto__": { "number": "+14155550100" } } },
        { "id": "bye", "kind": "hang-up", "version": 1, "position": { "x": 0, "y": 0 }, "config": {}, "__proto__": { "polluted": true } }
      ],
      "edges": [{ "id": "e1", "source": "start", "sourcePort": "next", "target": "bye", "__proto__": { "polluted": true } }]
    }`;
    const result = compileFlow(JSON.parse(text), { flowId: 'flow-1' });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/polluted|4155550100/);
    expect(result.program.steps['start']?.config).toEqual({ number: null });
  });
});
