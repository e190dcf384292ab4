import type { FlowDocument, FlowNode } from '@callflow/schemas';
import { hasErrors, type Diagnostic } from '../diagnostics';
import { DiagnosticList } from './diagnostic-list';
import { isTyped, type FlowGraph, type NodeInfo } from './flow-model';
import { buildGraph } from './graph';
import { typeNodes } from './nodes';
import { checkReferences, type ValidationContext } from './references';
import { parseEnvelope } from './structure';
import { checkDeclaredVariables, checkExpressions } from './variables';

export interface ValidationResult {
  /** True when no diagnostic is an error. */
  ok: boolean;
  /** Errors first, then warnings, then infos; within each, in document order. */
  diagnostics: Diagnostic[];
  /**
   * The checked document with defaults applied and node configs migrated to their current version; null when
   * the structure is unusable or some node cannot be typed (unknown kind, unsupported version, invalid config).
   */
  document: FlowDocument | null;
}

/** Checks a flow document (any value; never throws) and reports every problem found. */
export function validateFlow(input: unknown, context: ValidationContext = {}): ValidationResult {
  return analyzeFlow(input, context).result;
}

/** `validateFlow`, also returning the graph it resolved (for the compiler; null when the structure is unusable). */
export function analyzeFlow(input: unknown, context: ValidationContext): { result: ValidationResult; graph: FlowGraph | null } {
  const diagnostics = new DiagnosticList();
  const envelope = parseEnvelope(input, diagnostics);
  if (envelope === null) {
    return { result: { ok: false, diagnostics: diagnostics.sorted(new Map(), new Map(), 0), document: null }, graph: null };
  }
  const { infos, byId } = typeNodes(envelope, diagnostics);
  const declared = checkDeclaredVariables(envelope, diagnostics);
  const graph = buildGraph(envelope, byId, diagnostics);
  checkExpressions(infos, declared, diagnostics);
  checkReferences(infos, context, diagnostics);

  const nodeOrder = new Map<string, number>();
  for (const [id, info] of byId) nodeOrder.set(id, info.index);
  const edgeOrder = new Map<string, number>();
  envelope.edges.forEach((edge, index) => {
    if (!edgeOrder.has(edge.id)) edgeOrder.set(edge.id, index);
  });
  const sorted = diagnostics.sorted(nodeOrder, edgeOrder, envelope.nodes.length);

  const nodes = infos.map(toFlowNode);
  const document = nodes.every((node) => node !== null)
    ? { format: envelope.format, metadata: envelope.metadata, variables: envelope.variables, edges: envelope.edges, nodes }
    : null;
  return { result: { ok: !hasErrors(sorted), diagnostics: sorted, document }, graph };
}

function toFlowNode(info: NodeInfo): FlowNode | null {
  if (!isTyped(info)) return null;
  const { id, label, position } = info.envelope;
  // kind and config come from the same catalog definition; TypeScript cannot correlate them through NodeKind.
  return { id, kind: info.definition.kind, version: info.definition.version, label, position, config: info.config } as FlowNode;
}
