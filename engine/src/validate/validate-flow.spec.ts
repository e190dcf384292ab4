import { nodeCatalog } from '@callflow/schemas';
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
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostics';
import type { ValidationContext } from './references';
import { validateFlow as validateFlowUnderTest } from './validate-flow';

const seenCodes = new Set<string>();

/** validateFlow, remembering every code it reports so the suite can check that each code has a test. */
function validateFlow(input: unknown, context?: ValidationContext) {
  const result = validateFlowUnderTest(input, context);
  for (const diagnostic of result.diagnostics) seenCodes.add(diagnostic.code);
  return result;
}

/** entry → play → hang-up: valid, no diagnostics at all. */
const minimal = (): DocumentInput =>
  flow([entry(), play('hello'), hangUp('bye')], [edge('start', 'next', 'hello'), edge('hello', 'next', 'bye')]);

function only(diagnostics: Diagnostic[], code: Diagnostic['code']): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

function expectSingle(document: unknown, expected: Partial<Diagnostic> & Pick<Diagnostic, 'code' | 'severity'>): Diagnostic {
  const { diagnostics } = validateFlow(document);
  const found = only(diagnostics, expected.code);
  expect(found).toHaveLength(1);
  expect(found[0]).toEqual(expect.objectContaining(expected));
  return found[0]!;
}

describe('validateFlow', () => {
  it('accepts a valid flow without diagnostics and returns it with defaults applied', () => {
    const result = validateFlow(minimal());
    expect(result).toEqual({ ok: true, diagnostics: [], document: expect.any(Object) });
    expect(result.document?.metadata).toEqual({ name: 'Test flow', description: '', timeZone: 'UTC', tags: [] });
    expect(result.document?.nodes[1]).toEqual({
      id: 'hello',
      kind: 'play',
      version: 1,
      label: '',
      position: { x: 0, y: 0 },
      config: { prompt: { type: 'tts', text: 'Hello', voice: 'female', language: 'en-US' } },
    });
  });

  it('accepts the support-line sample with only infos about hang-up branches', () => {
    const result = validateFlow(supportLine, { directory, knownFlowIds: [] });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.nodeId, diagnostic.port])).toEqual([
      ['optional-port-unconnected', 'main-menu', 'noMatch'],
      ['optional-port-unconnected', 'sales', 'answered'],
      ['optional-port-unconnected', 'vip-line', 'answered'],
      ['optional-port-unconnected', 'mailbox', 'next'],
    ]);
  });

  describe('structure', () => {
    it('reports a document that is not an object', () => {
      const result = validateFlow('not a flow');
      expect(result.ok).toBe(false);
      expect(result.document).toBeNull();
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-structure', severity: 'error' })]);
      expect(result.diagnostics[0]!.field).toBeUndefined();
    });

    it('maps a problem inside a node to the node id and field', () => {
      const document = minimal();
      document.nodes[1]!.position = { x: 'left', y: 0 } as never;
      const diagnostic = expectSingle(document, { code: 'invalid-structure', severity: 'error', nodeId: 'hello', field: 'position.x' });
      expect(diagnostic.message).toMatch(/^Node hello \(position\.x\): /);
      expect(validateFlow(document).document).toBeNull();
    });

    it('maps a problem inside an edge to the edge id, and a document field to its path', () => {
      const document = minimal() as unknown as { edges: { sourcePort: string }[]; metadata: { name: string } };
      document.edges[0]!.sourcePort = '';
      document.metadata.name = '';
      const { diagnostics } = validateFlow(document);
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'invalid-structure', field: 'metadata.name', message: 'Flow document (metadata.name): name the flow' }),
        expect.objectContaining({ code: 'invalid-structure', edgeId: 'start-next', field: 'sourcePort' }),
      ]);
    });

    it('names a node without a usable id by its position in the list', () => {
      const document = minimal();
      document.nodes[2]!.id = 42 as never;
      const diagnostic = expectSingle(document, { code: 'invalid-structure', severity: 'error', field: 'nodes.2.id' });
      expect(diagnostic.nodeId).toBeUndefined();
      expect(diagnostic.message).toMatch(/^Node #3 \(id\): /);
    });
  });

  describe('nodes', () => {
    it('reports an unknown node kind', () => {
      const document = minimal();
      document.nodes[1]!.kind = 'teleport';
      const diagnostic = expectSingle(document, { code: 'unknown-node-kind', severity: 'error', nodeId: 'hello', field: 'kind' });
      expect(diagnostic.message).toBe('Node (node hello): unknown node kind “teleport”');
      expect(validateFlow(document).document).toBeNull();
    });

    it('reports a node version newer than the engine supports', () => {
      const document = minimal();
      document.nodes[1]!.version = 2;
      expectSingle(document, { code: 'unsupported-node-version', severity: 'error', nodeId: 'hello', field: 'version' });
    });

    describe('migrations (play pretending to be at version 2)', () => {
      afterEach(() => jest.restoreAllMocks());

      const renameSpeech = (config: unknown) => {
        const { speech, ...rest } = config as { speech: unknown };
        return { ...rest, prompt: speech };
      };

      it('migrates an older config to the current version before checking it', () => {
        jest.replaceProperty(nodeCatalog.play, 'version', 2);
        jest.replaceProperty(nodeCatalog.play, 'migrations', { 1: renameSpeech });
        const document = minimal();
        document.nodes[1]!.config = { speech: { type: 'tts', text: 'Hi' } };
        const result = validateFlow(document);
        expect(result.diagnostics).toEqual([]);
        expect(result.document?.nodes[1]).toEqual(
          expect.objectContaining({ version: 2, config: { prompt: { type: 'tts', text: 'Hi', voice: 'female', language: 'en-US' } } }),
        );
      });

      it('reports a missing migration step', () => {
        jest.replaceProperty(nodeCatalog.play, 'version', 2);
        expectSingle(minimal(), { code: 'missing-migration', severity: 'error', nodeId: 'hello', field: 'version' });
      });

      it('reports a migration that fails on the stored config', () => {
        jest.replaceProperty(nodeCatalog.play, 'version', 2);
        jest.replaceProperty(nodeCatalog.play, 'migrations', {
          1: () => {
            throw new Error('no speech field');
          },
        });
        const diagnostic = expectSingle(minimal(), { code: 'migration-failed', severity: 'error', nodeId: 'hello', field: 'version' });
        expect(diagnostic.message).toContain('no speech field');
      });
    });

    it('reports each config problem with its dotted field', () => {
      const document = minimal();
      document.nodes[1]!.config = { prompt: { type: 'tts', text: '' } };
      const diagnostic = expectSingle(document, { code: 'invalid-config', severity: 'error', nodeId: 'hello', field: 'prompt.text' });
      expect(diagnostic.message).toBe('Play / Say (node hello): prompt.text: write what to say');
      expect(validateFlow(document).document).toBeNull();
    });

    it('reports a second node with the same id', () => {
      const document = minimal();
      document.nodes.push(hangUp('bye'));
      expectSingle(document, { code: 'duplicate-node-id', severity: 'error', nodeId: 'bye', field: 'id' });
    });

    it('reports "__proto__" as a node id, a branch name or a variable name', () => {
      const document = flow(
        [
          entry(),
          node('__proto__', 'condition', { rules: [{ id: '__proto__', label: 'Odd', when: 'true' }] }),
          setVariable('set', '__proto__'),
        ],
        [edge('start', 'next', '__proto__'), edge('__proto__', '__proto__', 'set'), edge('__proto__', 'else', 'set')],
        [{ name: '__proto__' }],
      );
      const found = only(validateFlow(document).diagnostics, 'reserved-name');
      expect(found).toEqual([
        expect.objectContaining({ severity: 'error', field: 'variables.0.name' }),
        expect.objectContaining({ nodeId: '__proto__', port: '__proto__' }),
        expect.objectContaining({ nodeId: '__proto__', field: 'id' }),
        expect.objectContaining({ nodeId: 'set', field: 'assignments.0.variable' }),
      ]);
    });
  });

  describe('variables', () => {
    it('reports a variable declared twice', () => {
      const document = flow(minimal().nodes, minimal().edges, [{ name: 'x' }, { name: 'x' }]);
      expectSingle(document, { code: 'duplicate-variable', severity: 'error', field: 'variables.1.name' });
    });

    it('reports an initial value of the wrong type', () => {
      const document = flow(minimal().nodes, minimal().edges, [{ name: 'count', type: 'number', initial: 'three' }]);
      expectSingle(document, { code: 'variable-type-mismatch', severity: 'error', field: 'variables.0.initial' });
    });
  });

  describe('edges', () => {
    it('reports a second edge with the same id', () => {
      const document = minimal();
      document.edges[1]!.id = 'start-next';
      expectSingle(document, { code: 'duplicate-edge-id', severity: 'error', edgeId: 'start-next', field: 'id' });
    });

    it('reports an edge from a node that does not exist', () => {
      const document = minimal();
      document.edges.push(edge('ghost', 'next', 'bye'));
      expectSingle(document, { code: 'edge-unknown-source', severity: 'error', edgeId: 'ghost-next', field: 'source' });
    });

    it('reports an edge to a node that does not exist', () => {
      const document = minimal();
      document.edges[1]!.target = 'ghost';
      expectSingle(document, {
        code: 'edge-unknown-target',
        severity: 'error',
        nodeId: 'hello',
        port: 'next',
        edgeId: 'hello-next',
        field: 'target',
      });
    });

    it('reports an edge from a port the node does not have', () => {
      const document = minimal();
      document.edges[1]!.sourcePort = 'noMatch';
      const diagnostic = expectSingle(document, {
        code: 'unknown-port',
        severity: 'error',
        nodeId: 'hello',
        port: 'noMatch',
        edgeId: 'hello-next',
      });
      expect(diagnostic.message).toBe('Play / Say (node hello) has no branch “noMatch” (edge hello-next); its branches are next');
    });

    it('reports an edge into the entry', () => {
      const document = minimal();
      document.nodes[2] = play('bye');
      document.edges.push(edge('bye', 'next', 'start'));
      expectSingle(document, { code: 'input-not-accepted', severity: 'error', nodeId: 'start', edgeId: 'bye-next' });
    });

    it('reports a port connected twice', () => {
      const document = minimal();
      document.edges.push(edge('hello', 'next', 'hello', 'again'));
      expectSingle(document, { code: 'port-multiple-edges', severity: 'error', nodeId: 'hello', port: 'next', edgeId: 'again' });
    });
  });

  describe('entry', () => {
    it('reports a flow without an entry', () => {
      const document = flow([hangUp('bye')]);
      const diagnostic = expectSingle(document, { code: 'missing-entry', severity: 'error' });
      expect(diagnostic.nodeId).toBeUndefined();
      expect(only(validateFlow(document).diagnostics, 'unreachable-node')).toEqual([]);
    });

    it('reports every entry after the first', () => {
      const document = minimal();
      document.nodes.push(entry('start-2'));
      document.edges.push(edge('start-2', 'next', 'bye'));
      expectSingle(document, { code: 'multiple-entries', severity: 'error', nodeId: 'start-2' });
    });
  });

  describe('ports', () => {
    it('reports an unconnected required port as an error', () => {
      const document = minimal();
      document.edges.pop();
      const diagnostic = expectSingle(document, { code: 'required-port-unconnected', severity: 'error', nodeId: 'hello', port: 'next' });
      expect(diagnostic.message).toBe('Play / Say (node hello): branch “Next” has no connection');
    });

    it('reports an unconnected optional port as an info: the call hangs up there', () => {
      const document = minimal();
      document.nodes[1] = node('hello', 'menu', { prompt: { type: 'tts', text: 'Press 1' }, options: [{ digit: '3', label: 'Sales' }] }, 'Main menu');
      document.edges[1] = edge('hello', '3', 'bye');
      const result = validateFlow(document);
      expect(result.ok).toBe(true);
      expect(only(result.diagnostics, 'optional-port-unconnected')).toEqual([
        expect.objectContaining({ severity: 'info', nodeId: 'hello', port: 'noMatch' }),
        expect.objectContaining({ severity: 'info', nodeId: 'hello', port: 'timeout' }),
      ]);

      document.edges.pop();
      expect(only(validateFlow(document).diagnostics, 'required-port-unconnected')[0]?.message).toBe(
        'Menu “Main menu” (node hello): branch “3 · Sales” has no connection',
      );
    });

    it('says nothing about an unconnected port that falls back to another one', () => {
      const document = flow(
        [entry(), node('hours', 'business-hours', { scheduleId: 'sched-1' }), hangUp('bye')],
        [edge('start', 'next', 'hours'), edge('hours', 'open', 'bye'), edge('hours', 'closed', 'bye')],
      );
      expect(validateFlow(document).diagnostics).toEqual([]);
    });
  });

  describe('reachability and go-to', () => {
    it('warns about nodes that cannot be reached from the entry', () => {
      const document = minimal();
      document.nodes.push(hangUp('orphan'));
      const result = validateFlow(document);
      expect(result.ok).toBe(true);
      expectSingle(document, { code: 'unreachable-node', severity: 'warning', nodeId: 'orphan' });
    });

    it('follows go-to targets when looking for reachable nodes', () => {
      const document = minimal();
      document.nodes.push(goTo('jump', 'target'), hangUp('target'));
      document.edges[1]!.target = 'jump';
      expect(only(validateFlow(document).diagnostics, 'unreachable-node')).toEqual([
        expect.objectContaining({ nodeId: 'bye' }),
      ]);
    });

    it('reports a go-to to a node that does not exist', () => {
      const document = minimal();
      document.nodes[2] = goTo('bye', 'ghost');
      expectSingle(document, { code: 'go-to-unknown-node', severity: 'error', nodeId: 'bye', field: 'target.nodeId' });
    });

    it('reports a go-to to itself', () => {
      const document = minimal();
      document.nodes[2] = goTo('bye', 'bye');
      expectSingle(document, { code: 'go-to-self', severity: 'error', nodeId: 'bye', field: 'target.nodeId' });
      expect(only(validateFlow(document).diagnostics, 'loop-without-wait')).toEqual([]);
    });

    it('reports a go-to into the entry', () => {
      const document = minimal();
      document.nodes[2] = goTo('bye', 'start');
      expectSingle(document, { code: 'go-to-entry', severity: 'error', nodeId: 'bye', field: 'target.nodeId' });
    });
  });

  describe('loops', () => {
    it('reports a loop in which nothing waits for the caller, once, on its first node', () => {
      const document = flow(
        [entry(), setVariable('a'), node('check', 'condition', { rules: [{ id: 'more', label: 'More', when: 'vars.count < 3' }] }, 'More?'), goTo('back', 'a')],
        [edge('start', 'next', 'a'), edge('a', 'next', 'check'), edge('check', 'more', 'back'), edge('check', 'else', 'a')],
        [{ name: 'count', type: 'number', initial: 0 }],
      );
      const diagnostic = expectSingle(document, { code: 'loop-without-wait', severity: 'error', nodeId: 'a' });
      expect(diagnostic.message).toBe(
        'Set variable (node a) is in a loop where nothing waits for the caller, so the call would spin forever: ' +
          'Set variable (node a), Condition “More?” (node check), Go to (node back). Add a prompt or another waiting step to the loop, or break it',
      );
    });

    it('reports a node whose edge leads back to itself', () => {
      const document = flow([entry(), setVariable('a')], [edge('start', 'next', 'a'), edge('a', 'next', 'a')]);
      expectSingle(document, { code: 'loop-without-wait', severity: 'error', nodeId: 'a' });
    });

    it('accepts a loop through a node that waits for the caller', () => {
      const document = flow(
        [entry(), setVariable('a'), play('prompt')],
        [edge('start', 'next', 'a'), edge('a', 'next', 'prompt'), edge('prompt', 'next', 'a')],
      );
      expect(validateFlow(document).diagnostics).toEqual([]);
    });

    it('handles a 6,000-node loop without recursion and lists a few of its nodes', () => {
      const count = 6000;
      const nodes = [entry(), ...Array.from({ length: count }, (_, index) => setVariable(`n${index}`))];
      const edges = [edge('start', 'next', 'n0'), ...Array.from({ length: count }, (_, index) => edge(`n${index}`, 'next', `n${(index + 1) % count}`))];
      const diagnostic = expectSingle(flow(nodes, edges), { code: 'loop-without-wait', severity: 'error', nodeId: 'n0' });
      expect(diagnostic.message).toContain('and 5990 more');
    });
  });

  describe('expressions and templates', () => {
    it('reports an expression that does not parse, with its field', () => {
      const document = minimal();
      document.nodes[1] = setVariable('hello', 'count', '1 +');
      const diagnostic = expectSingle(document, {
        code: 'invalid-expression',
        severity: 'error',
        nodeId: 'hello',
        field: 'assignments.0.value.expression',
      });
      expect(diagnostic.message).toMatch(/^Set variable \(node hello\): assignments\.0\.value\.expression: .+ \(at character \d+\)$/);
    });

    it('reports a template that does not parse, including nested prompts', () => {
      const document = minimal();
      document.nodes[1] = node('hello', 'queue', {
        queueId: 'q-1',
        callback: { prompt: { type: 'tts', text: 'Press 1 {{ vars. }}' } },
      });
      document.edges[1] = edge('hello', 'timeout', 'bye');
      expectSingle(document, { code: 'invalid-template', severity: 'error', nodeId: 'hello', field: 'callback.prompt.text' });
    });

    it('warns about variables that are neither declared nor assigned', () => {
      const document = minimal();
      document.nodes[1] = play('hello', 'Hi {{ vars.name }}, your order {{ vars.order }} ships {{ vars.when }}');
      document.nodes.splice(1, 0, node('ask', 'collect-digits', { prompt: { type: 'tts', text: 'Order?' }, variable: 'order' }));
      document.edges[0]!.target = 'ask';
      document.edges.push(edge('ask', 'next', 'hello'));
      document.variables.push({ name: 'name' });
      expectSingle(document, { code: 'unknown-variable', severity: 'warning', nodeId: 'hello', field: 'prompt.text' });
      expect(only(validateFlow(document).diagnostics, 'unknown-variable')[0]!.message).toContain('vars.when');
    });

    it('knows the variables set by set-variable and by http response mappings', () => {
      const document = flow(
        [
          entry(),
          node('lookup', 'http-request', { url: 'https://x.example/{{ vars.count }}', responseMappings: [{ variable: 'tier', path: 'tier' }] }),
          setVariable('count', 'count'),
          play('say', '{{ vars.tier }}'),
        ],
        [edge('start', 'next', 'count'), edge('count', 'next', 'lookup'), edge('lookup', 'ok', 'say'), edge('lookup', 'error', 'say'), edge('say', 'next', 'count')],
      );
      expect(validateFlow(document).diagnostics).toEqual([]);
    });
  });

  describe('references', () => {
    const routing = (): DocumentInput =>
      flow(
        [
          entry(),
          node('hours', 'business-hours', { scheduleId: 'sched-main' }),
          node('ring', 'ring-group', { target: { type: 'agents', agentIds: ['agent-1', 'agent-9'] } }),
          node('wait', 'queue', { queueId: 'q-missing' }),
          node('other', 'go-to', { target: { type: 'flow', flowId: 'flow-9' } }),
        ],
        [
          edge('start', 'next', 'hours'),
          edge('hours', 'open', 'ring'),
          edge('hours', 'closed', 'wait'),
          edge('ring', 'noAnswer', 'wait'),
          edge('ring', 'answered', 'other'),
          edge('wait', 'timeout', 'other'),
          edge('wait', 'answered', 'other'),
        ],
      );

    it('reports ids missing from the directory and unknown flows', () => {
      const result = validateFlow(routing(), { directory, knownFlowIds: ['flow-1'] });
      expect(only(result.diagnostics, 'unknown-reference')).toEqual([
        { severity: 'error', code: 'unknown-reference', nodeId: 'ring', field: 'target.agentIds.1', message: 'Ring group (node ring): agent “agent-9” does not exist' },
        { severity: 'error', code: 'unknown-reference', nodeId: 'wait', field: 'queueId', message: 'Queue (node wait): queue “q-missing” does not exist' },
        { severity: 'error', code: 'unknown-reference', nodeId: 'other', field: 'target.flowId', message: 'Go to (node other): flow “flow-9” does not exist' },
      ]);
    });

    it('checks only what the context provides', () => {
      expect(validateFlow(routing()).ok).toBe(true);
      expect(only(validateFlow(routing(), { knownFlowIds: ['flow-9'], directory }).diagnostics, 'unknown-reference')).toHaveLength(2);
      expect(only(validateFlow(routing(), { knownFlowIds: ['flow-1'] }).diagnostics, 'unknown-reference')).toEqual([
        expect.objectContaining({ nodeId: 'other' }),
      ]);
    });
  });

  it('orders diagnostics by severity, then document order (document-level first, lone edges last)', () => {
    const document = flow(
      [play('first'), setVariable('second'), hangUp('orphan')],
      [edge('first', 'next', 'second'), edge('second', 'next', 'ghost'), edge('nobody', 'next', 'first')],
    );
    const result = validateFlow(document);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.code, diagnostic.nodeId ?? diagnostic.edgeId ?? null])).toEqual([
      ['error', 'missing-entry', null],
      ['error', 'edge-unknown-target', 'second'],
      ['error', 'required-port-unconnected', 'second'],
      ['error', 'edge-unknown-source', 'nobody-next'],
    ]);
  });

  // Must stay last: it checks the codes reported by the tests above.
  it('has a test for every diagnostic code', () => {
    expect(DIAGNOSTIC_CODES.filter((code) => !seenCodes.has(code))).toEqual([]);
  });
});
