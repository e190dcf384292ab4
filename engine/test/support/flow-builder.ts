import { FLOW_FORMAT, nodeCatalog, type NodeKind } from '@callflow/schemas';
import { compileFlow } from '../../src/compile';
import type { RunnableProgram } from '../../src/interpreter';

export interface NodeSpec {
  id: string;
  kind: NodeKind;
  config?: Record<string, unknown>;
  label?: string;
}

/** A flow document from nodes and `source.port -> target` edges, laid out on a simple grid. */
export function flowDocument(nodes: NodeSpec[], edges: string[], extra: { variables?: unknown[]; timeZone?: string } = {}) {
  return {
    format: FLOW_FORMAT,
    metadata: { name: 'Test flow', timeZone: extra.timeZone ?? 'America/New_York' },
    variables: extra.variables ?? [],
    nodes: nodes.map((node, index) => ({
      id: node.id,
      kind: node.kind,
      version: nodeCatalog[node.kind].version,
      label: node.label ?? node.id,
      position: { x: (index % 4) * 250, y: Math.floor(index / 4) * 150 },
      config: node.config ?? {},
    })),
    edges: edges.map((edge, index) => {
      const [from, target] = edge.split('->').map((part) => part.trim());
      const [source, sourcePort] = (from ?? '').split('.');
      return { id: `e${index + 1}`, source, sourcePort, target };
    }),
  };
}

export function compileOrThrow(document: unknown, flowId = 'flow-1'): RunnableProgram {
  const compiled = compileFlow(document, { flowId });
  if (!compiled.ok) {
    throw new Error(compiled.diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`).join('\n'));
  }
  return compiled.program;
}

export const tts = (text: string) => ({ type: 'tts', text });
