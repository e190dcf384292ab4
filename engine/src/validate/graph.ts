import type { FlowDocumentEnvelope, PortSpec } from '@callflow/schemas';
import { fallbackPortOf } from '../compile/port-fallbacks';
import type { DiagnosticList } from './diagnostic-list';
import { goToNodeTarget, type FlowGraph, type NodeInfo } from './flow-model';
import { stronglyConnectedComponents } from './strongly-connected';

/** Loops list at most this many nodes by name in their message. */
const LOOP_NAMES_SHOWN = 10;

/**
 * Connects the nodes: checks edges, the entry, ports and go-to targets, then reports unreachable nodes and
 * loops that never wait for the caller. `byId` holds the first node of each id, in document order.
 */
export function buildGraph(
  envelope: FlowDocumentEnvelope,
  byId: Map<string, NodeInfo>,
  diagnostics: DiagnosticList,
): FlowGraph {
  const outgoing = connectEdges(envelope, byId, diagnostics);
  const entryId = findEntry(byId, diagnostics);
  checkPorts(byId, outgoing, diagnostics);

  const nodes = [...byId.values()];
  const dense = new Map(nodes.map((info, position) => [info.envelope.id, position]));
  const successors: number[][] = nodes.map(() => []);
  const selfLoop = new Uint8Array(nodes.length);
  nodes.forEach((info, position) => {
    const next = successors[position]!;
    for (const target of outgoing.get(info.envelope.id)?.values() ?? []) next.push(dense.get(target)!);
    const goTo = checkGoTo(info, byId, diagnostics);
    if (goTo !== null) next.push(dense.get(goTo)!);
    if (next.includes(position)) selfLoop[position] = 1;
  });

  const reachable = new Set<string>();
  if (entryId !== null) {
    const reached = reachableFrom(dense.get(entryId)!, successors);
    nodes.forEach((info, position) => {
      if (reached[position] === 1) {
        reachable.add(info.envelope.id);
      } else {
        diagnostics.warning('unreachable-node', `${info.name} cannot be reached from the start of the flow`, {
          nodeId: info.envelope.id,
        });
      }
    });
  }

  for (const component of stronglyConnectedComponents(successors)) {
    const isLoop = component.length > 1 || selfLoop[component[0]!] === 1;
    if (!isLoop || component.some((position) => waits(nodes[position]!))) continue;
    const members = component.sort((a, b) => a - b).map((position) => nodes[position]!);
    const shown = members.slice(0, LOOP_NAMES_SHOWN).map((info) => info.name);
    const more = members.length - shown.length;
    diagnostics.error(
      'loop-without-wait',
      `${members[0]!.name} is in a loop where nothing waits for the caller, so the call would spin forever: ` +
        `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}. Add a prompt or another waiting step to the loop, or break it`,
      { nodeId: members[0]!.envelope.id },
    );
  }

  return { nodes: byId, entryId, outgoing, reachable };
}

function connectEdges(
  envelope: FlowDocumentEnvelope,
  byId: Map<string, NodeInfo>,
  diagnostics: DiagnosticList,
): Map<string, Map<string, string>> {
  const outgoing = new Map<string, Map<string, string>>();
  const edgeIds = new Set<string>();
  // Runs for every edge of large flows: locations are built only when something is wrong.
  for (const edge of envelope.edges) {
    if (edgeIds.has(edge.id)) {
      diagnostics.error('duplicate-edge-id', `Edge ${edge.id}: the id is used by another edge; edge ids must be unique`, {
        edgeId: edge.id,
        field: 'id',
      });
    }
    edgeIds.add(edge.id);

    const source = byId.get(edge.source);
    if (source === undefined) {
      diagnostics.error('edge-unknown-source', `Edge ${edge.id} starts at node ${edge.source}, which does not exist`, {
        edgeId: edge.id,
        field: 'source',
      });
      continue;
    }
    const target = byId.get(edge.target);
    if (target === undefined) {
      diagnostics.error(
        'edge-unknown-target',
        `${source.name}: branch “${edge.sourcePort}” leads to node ${edge.target}, which does not exist (edge ${edge.id})`,
        { nodeId: edge.source, port: edge.sourcePort, edgeId: edge.id, field: 'target' },
      );
      continue;
    }
    if (source.ports !== null && !hasPort(source.ports, edge.sourcePort)) {
      const names = source.ports.map((port) => port.name);
      diagnostics.error(
        'unknown-port',
        `${source.name} has no branch “${edge.sourcePort}” (edge ${edge.id}); ` +
          (names.length === 0 ? 'it has no outgoing branches' : `its branches are ${names.join(', ')}`),
        { nodeId: edge.source, port: edge.sourcePort, edgeId: edge.id },
      );
      continue;
    }
    if (target.definition !== null && !target.definition.acceptsInput) {
      diagnostics.error('input-not-accepted', `${target.name} cannot be connected into (edge ${edge.id} from ${source.name})`, {
        nodeId: edge.target,
        edgeId: edge.id,
      });
      continue;
    }
    let ports = outgoing.get(edge.source);
    if (ports === undefined) {
      ports = new Map();
      outgoing.set(edge.source, ports);
    }
    if (ports.has(edge.sourcePort)) {
      diagnostics.error(
        'port-multiple-edges',
        `${source.name}: branch “${edge.sourcePort}” is connected more than once (edge ${edge.id}); a branch leads to exactly one place`,
        { nodeId: edge.source, port: edge.sourcePort, edgeId: edge.id },
      );
      continue;
    }
    ports.set(edge.sourcePort, edge.target);
  }
  return outgoing;
}

function hasPort(ports: readonly PortSpec[], name: string): boolean {
  for (const port of ports) if (port.name === name) return true;
  return false;
}

function findEntry(byId: Map<string, NodeInfo>, diagnostics: DiagnosticList): string | null {
  let entry: NodeInfo | null = null;
  for (const info of byId.values()) {
    if (info.kind !== 'entry') continue;
    if (entry === null) {
      entry = info;
    } else {
      diagnostics.error('multiple-entries', `${info.name}: the flow already starts at ${entry.name}; a flow has exactly one start`, {
        nodeId: info.envelope.id,
      });
    }
  }
  if (entry === null) diagnostics.error('missing-entry', 'The flow has no “Incoming call” node where calls start');
  return entry === null ? null : entry.envelope.id;
}

function checkPorts(byId: Map<string, NodeInfo>, outgoing: Map<string, Map<string, string>>, diagnostics: DiagnosticList): void {
  for (const info of byId.values()) {
    if (info.ports === null || info.kind === null) continue;
    const connected = outgoing.get(info.envelope.id);
    for (const port of info.ports) {
      if (connected?.has(port.name) === true) continue;
      const at = { nodeId: info.envelope.id, port: port.name };
      if (port.required) {
        diagnostics.error('required-port-unconnected', `${info.name}: branch “${port.label}” has no connection`, at);
      } else if (fallbackPortOf(info.kind, port.name) === undefined) {
        diagnostics.info('optional-port-unconnected', `${info.name}: branch “${port.label}” has no connection; the call hangs up there`, at);
      }
    }
  }
}

/** Reports a go-to whose target is unusable; returns the target node id when it is fine. */
function checkGoTo(info: NodeInfo, byId: Map<string, NodeInfo>, diagnostics: DiagnosticList): string | null {
  const targetId = goToNodeTarget(info);
  if (targetId === null) return null;
  const at = { nodeId: info.envelope.id, field: 'target.nodeId' };
  const target = byId.get(targetId);
  if (targetId === info.envelope.id) {
    diagnostics.error('go-to-self', `${info.name} goes to itself`, at);
  } else if (target === undefined) {
    diagnostics.error('go-to-unknown-node', `${info.name} goes to node ${targetId}, which does not exist`, at);
  } else if (target.definition !== null && !target.definition.acceptsInput) {
    diagnostics.error('go-to-entry', `${info.name} goes to ${target.name}, where calls start; a flow cannot go back to its start`, at);
  } else {
    return targetId;
  }
  return null;
}

function reachableFrom(start: number, successors: readonly (readonly number[])[]): Uint8Array {
  const reached = new Uint8Array(successors.length);
  const pending = [start];
  reached[start] = 1;
  while (pending.length > 0) {
    for (const next of successors[pending.pop()!]!) {
      if (reached[next] === 0) {
        reached[next] = 1;
        pending.push(next);
      }
    }
  }
  return reached;
}

/** A node of unknown kind is given the benefit of the doubt (its kind is reported already). */
function waits(info: NodeInfo): boolean {
  return info.definition === null || info.definition.waitsForCaller;
}
