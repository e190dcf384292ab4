import { isNodeKind, type FlowDocumentEnvelope, type FlowNodeEnvelope, type NodeConfig, type NodeKind } from '@callflow/schemas';
import type { DiagnosticList } from './diagnostic-list';
import { definitionOf, describeNode, type AnyNodeDefinition, type NodeInfo } from './flow-model';
import { migrateConfig } from './migrate';
import { describeThrown, joinPath } from './structure';

/** Zod drops this key from records and objects, so a node, port or variable with this name would vanish. */
export const RESERVED_NAME = '__proto__';

/** Checks each node's kind, version and config; later nodes reusing an id are reported and left out of `byId`. */
export function typeNodes(
  envelope: FlowDocumentEnvelope,
  diagnostics: DiagnosticList,
): { infos: NodeInfo[]; byId: Map<string, NodeInfo> } {
  const infos: NodeInfo[] = [];
  const byId = new Map<string, NodeInfo>();
  envelope.nodes.forEach((node, index) => {
    const info = typeNode(node, index, diagnostics);
    infos.push(info);
    const first = byId.get(node.id);
    if (first === undefined) {
      byId.set(node.id, info);
    } else {
      diagnostics.error('duplicate-node-id', `${info.name}: the id is already used by ${first.name}; node ids must be unique`, {
        nodeId: node.id,
        field: 'id',
      });
    }
    if (node.id === RESERVED_NAME) {
      diagnostics.error('reserved-name', `${info.name}: "${RESERVED_NAME}" cannot be used as a node id`, { nodeId: node.id, field: 'id' });
    }
  });
  return { infos, byId };
}

function typeNode(node: FlowNodeEnvelope, index: number, diagnostics: DiagnosticList): NodeInfo {
  const at = { nodeId: node.id };
  if (!isNodeKind(node.kind)) {
    const name = describeNode('Node', node.label, node.id);
    diagnostics.error('unknown-node-kind', `${name}: unknown node kind “${node.kind}”`, { ...at, field: 'kind' });
    return { index, envelope: node, kind: null, definition: null, config: null, ports: null, name };
  }
  const kind: NodeKind = node.kind;
  const definition = definitionOf(kind);
  const name = describeNode(definition.ui.displayName, node.label, node.id);
  // config and ports stay null unless the config turns out usable
  const info: NodeInfo = { index, envelope: node, kind, definition, config: null, ports: null, name };

  const migrated = migrateToCurrent(node, definition, name, diagnostics);
  if (!migrated.ok) return info;

  let parsed: ReturnType<AnyNodeDefinition['config']['safeParse']>;
  try {
    parsed = definition.config.safeParse(migrated.config);
  } catch (caught) {
    diagnostics.error('invalid-config', `${name}: the settings cannot be read: ${describeThrown(caught)}`, at);
    return info;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = joinPath(issue.path);
      diagnostics.error('invalid-config', `${name}: ${field === '' ? '' : `${field}: `}${issue.message}`, {
        ...at,
        field: field === '' ? undefined : field,
      });
    }
    return info;
  }
  const config = parsed.data as NodeConfig<NodeKind>;
  const ports = definition.ports(config);
  for (const port of ports) {
    if (port.name === RESERVED_NAME) {
      diagnostics.error('reserved-name', `${name}: "${RESERVED_NAME}" cannot name a branch`, { ...at, port: port.name });
    }
  }
  info.config = config;
  info.ports = ports;
  return info;
}

function migrateToCurrent(
  node: FlowNodeEnvelope,
  definition: AnyNodeDefinition,
  name: string,
  diagnostics: DiagnosticList,
): { ok: true; config: unknown } | { ok: false } {
  const at = { nodeId: node.id, field: 'version' };
  if (node.version > definition.version) {
    diagnostics.error(
      'unsupported-node-version',
      `${name}: version ${node.version} is newer than the supported version ${definition.version} of “${definition.kind}”; update the engine`,
      at,
    );
    return { ok: false };
  }
  const outcome = migrateConfig(definition.migrations, node.version, definition.version, node.config);
  if (outcome.ok) return outcome;
  if (outcome.reason === 'missing') {
    diagnostics.error(
      'missing-migration',
      `${name}: no migration from version ${outcome.fromVersion} to ${outcome.fromVersion + 1} of “${definition.kind}”`,
      at,
    );
  } else {
    diagnostics.error(
      'migration-failed',
      `${name}: migrating the settings from version ${outcome.fromVersion} to ${outcome.fromVersion + 1} failed: ${outcome.message}`,
      at,
    );
  }
  return { ok: false };
}
