import { IR_VERSION, type FlowDocument, type Program, type ProgramStep } from '@callflow/schemas';
import { hasErrors, type Diagnostic } from '../diagnostics';
import { goToNodeTarget, isTyped, type FlowGraph } from '../validate/flow-model';
import type { ValidationContext } from '../validate/references';
import { analyzeFlow } from '../validate/validate-flow';
import { fallbackPortOf } from './port-fallbacks';

export type CompileResult = { ok: true; program: Program; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export type CompileOptions = { flowId: string } & ValidationContext;

/**
 * Validates a flow document and compiles it into a program: one step per reachable node (go-tos into this flow
 * are resolved away), each port leading to a step id or null. Refuses documents with any error.
 */
export function compileFlow(input: unknown, options: CompileOptions): CompileResult {
  const { result, graph } = analyzeFlow(input, options);
  const { document, diagnostics } = result;
  if (hasErrors(diagnostics) || document === null || graph === null || graph.entryId === null) {
    return { ok: false, diagnostics };
  }
  return { ok: true, program: buildProgram(document, graph, graph.entryId, options.flowId), diagnostics };
}

function buildProgram(document: FlowDocument, graph: FlowGraph, entry: string, flowId: string): Program {
  // Validation rejects "__proto__" as a node id, port or variable name, so plain assignment makes own properties.
  const steps: Record<string, ProgramStep> = {};
  const references = new Map<string, Program['references'][number]>();
  for (const [id, info] of graph.nodes) {
    if (!graph.reachable.has(id) || !isTyped(info) || goToNodeTarget(info) !== null) continue;
    const { kind, definition, config, ports } = info;
    const connected = graph.outgoing.get(id);
    const exits: Record<string, string | null> = {};
    for (const port of ports) {
      const fallback = fallbackPortOf(kind, port.name);
      const target = connected?.get(port.name) ?? (fallback === undefined ? undefined : connected?.get(fallback));
      exits[port.name] = target === undefined ? null : resolveGoTo(graph, target);
    }
    steps[id] = { kind, node: id, label: info.envelope.label, config, exits } as ProgramStep;
    for (const reference of definition.references(config)) {
      const key = `${reference.type}:${reference.id}`;
      if (!references.has(key)) references.set(key, { type: reference.type, id: reference.id });
    }
  }

  const variables: Program['variables'] = {};
  for (const variable of document.variables) variables[variable.name] = variable.initial;
  return {
    irVersion: IR_VERSION,
    flowId,
    name: document.metadata.name,
    timeZone: document.metadata.timeZone,
    entry,
    variables,
    steps,
    references: [...references.values()],
  };
}

/** Follows go-to nodes (into this flow) from `target` to the node where the call really continues. */
function resolveGoTo(graph: FlowGraph, target: string): string | null {
  let current = target;
  let next = goToTargetOf(graph, current);
  if (next === null) return current;
  const seen = new Set<string>();
  while (next !== null) {
    // Validation reports go-to cycles as loops that never wait, so a valid flow never has one; stop rather than spin.
    if (seen.has(current)) return null;
    seen.add(current);
    current = next;
    next = goToTargetOf(graph, current);
  }
  return current;
}

function goToTargetOf(graph: FlowGraph, id: string): string | null {
  const info = graph.nodes.get(id);
  return info === undefined ? null : goToNodeTarget(info);
}
