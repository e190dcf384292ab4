import type { CallUpdated, LiveCallStep } from '@callflow/schemas';
import { exampleDirectory, exampleDocument } from '../document/examples';
import { createEditorStore } from '../store/editor-store';
import { placedTestCall, testCallLines, testCallPath, withCallStep, withCallUpdate } from './test-call';

const document = exampleDocument();
const CALL_ID = '6f1c2a52-8c1e-4b8e-9d7a-1c2b3d4e5f60';
const OTHER_CALL_ID = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

function update(change: Partial<CallUpdated> = {}): CallUpdated {
  return {
    callId: CALL_ID,
    status: 'running',
    caller: '+14155550123',
    called: '+18005550100',
    flow: { id: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d', name: 'Acme', versionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', version: 1 },
    currentNode: null,
    startedAt: '2026-11-24T15:00:00.000Z',
    endedAt: null,
    outcome: null,
    ...change,
  };
}

/** The engine's trace of a call along `edgeIds` of the example flow, as the live feed sends it. */
function stepsAlong(edgeIds: string[], callId = CALL_ID): LiveCallStep[] {
  const steps: LiveCallStep['step'][] = [];
  for (const id of edgeIds) {
    const edge = document.edges.find((candidate) => candidate.id === id);
    if (edge === undefined) throw new Error(`no edge ${id}`);
    const source = document.nodes.find((node) => node.id === edge.source);
    steps.push({ at: 0, flowId: 'f', node: edge.source, type: 'node.entered', kind: source?.kind, label: source?.label });
    steps.push({ at: 0, flowId: 'f', node: edge.source, type: 'node.exited', port: edge.sourcePort, target: edge.target });
  }
  return steps.map((step, index) => ({ callId, seq: index + 1, step }));
}

describe('following a sandbox test call on the canvas', () => {
  const placed = placedTestCall('+14155550123', '+18005550100', 'v3:leg');

  it('takes the running call from the caller to the called number as its own, not another one', () => {
    expect(withCallUpdate(placed, update({ caller: '+14155559999', callId: OTHER_CALL_ID })).call).toBeNull();
    expect(withCallUpdate(placed, update({ status: 'ended' })).call).toBeNull();
    const matched = withCallUpdate(placed, update());
    expect(matched.call?.callId).toBe(CALL_ID);
    expect(withCallUpdate(matched, update({ callId: OTHER_CALL_ID, currentNode: { flowId: 'f', id: 'bye', kind: 'hang-up', label: 'Bye' } })).call?.currentNode).toBeNull();
  });

  it('lights the path of the call’s steps up to the ring group, steps that landed before the call was named included', () => {
    const [first, ...rest] = stepsAlong(['e1', 'e2', 'e4']);
    let test = withCallStep(placed, first!);
    test = withCallStep(test, stepsAlong(['e1'], OTHER_CALL_ID)[0]!);
    const ringNode = document.edges.find((edge) => edge.id === 'e4')!.target;
    test = withCallUpdate(test, update({ currentNode: { flowId: 'f', id: ringNode, kind: 'ring-group', label: 'Ring' } }));
    // Delivered out of order and one twice: the path is by seq.
    for (const step of [...rest].reverse()) test = withCallStep(test, step);
    test = withCallStep(test, rest[0]!);
    test = withCallStep(test, stepsAlong(['e1', 'e2'], OTHER_CALL_ID)[3]!);

    const path = testCallPath(document, test);
    expect(path).toEqual({ visitedNodeIds: ['entry', 'hours', 'menu', ringNode], traversedEdgeIds: ['e1', 'e2', 'e4'], lastNodeId: ringNode });
    expect(testCallLines(test).map((line) => line.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(testCallLines(test)[1]?.text).toMatch(/^leave by .* → hours$/);

    const store = createEditorStore({ document, source: { type: 'new' }, directory: exampleDirectory() });
    store.getState().showSimulation(path);
    expect(store.getState().simulation?.traversedEdgeIds).toEqual(['e1', 'e2', 'e4']);
  });

  it('lights nothing until the call is named', () => {
    expect(testCallPath(document, withCallStep(placed, stepsAlong(['e1'])[0]!))).toBeNull();
  });
});
