import { exampleDocument } from '../document/examples';
import { addNode } from './document-ops';
import { checkConnection } from './connection-rules';

describe('connection rules from the node definitions', () => {
  const document = exampleDocument();

  it('accepts a free output port into a node that takes input', () => {
    expect(checkConnection(document, { source: 'billing', sourcePort: 'notFound', target: 'bye' })).toEqual({ ok: true });
  });

  it('refuses a port the node does not have', () => {
    expect(checkConnection(document, { source: 'menu', sourcePort: '7', target: 'bye' })).toEqual({ ok: false, reason: 'Menu has no output “7”' });
    expect(checkConnection(document, { source: 'bye', sourcePort: null, target: 'menu' })).toMatchObject({ ok: false });
  });

  it('refuses edges into the entry', () => {
    expect(checkConnection(document, { source: 'billing', sourcePort: 'notFound', target: 'entry' })).toEqual({
      ok: false,
      reason: 'Incoming call starts the flow: nothing connects into it',
    });
  });

  it('refuses a second edge from one port', () => {
    expect(checkConnection(document, { source: 'hours', sourcePort: 'open', target: 'closed' })).toEqual({
      ok: false,
      reason: '“Open” is already connected: each output leads to one node',
    });
  });

  it('lets a node that waits for the caller lead to itself, but not one that does not', () => {
    const { document: withVariable, nodeId } = addNode(document, 'set-variable', { x: 0, y: 0 });
    expect(checkConnection(withVariable, { source: nodeId, sourcePort: 'next', target: nodeId })).toEqual({
      ok: false,
      reason: 'Set variable cannot lead to itself: the call would loop without waiting for the caller',
    });
    const withoutNoMatch = { ...document, edges: document.edges.filter((edge) => edge.id !== 'e7') };
    expect(checkConnection(withoutNoMatch, { source: 'menu', sourcePort: 'noMatch', target: 'menu' })).toEqual({ ok: true });
  });

  it('refuses ends that are not nodes of the flow', () => {
    expect(checkConnection(document, { source: 'billing', sourcePort: 'notFound', target: 'nowhere' })).toMatchObject({ ok: false });
  });
});
