import type {
  DiffEdge,
  DiffNode,
  FieldChange,
  FlowDiff,
  FlowDocumentEnvelope,
  FlowEdge,
  FlowNodeEnvelope,
  FlowVariable,
  NodeChange,
  NodeMove,
  VariableChange,
} from '@callflow/schemas';

/**
 * What changed from `before` to `after` (two flow documents, e.g. two published versions, or the active version and
 * the draft): nodes by id (added, removed, changed fields, moved), connections by source, port and target (an edge
 * whose id alone changed is the same connection), variables by name and metadata fields. Positions are reported
 * under `nodes.moved` and do not count as changes. Lists follow document order (removed: `before`'s order), field
 * changes the sorted key order; when a document repeats a node id or variable name, its first occurrence counts.
 */
export function diffFlows(before: FlowDocumentEnvelope, after: FlowDocumentEnvelope): FlowDiff {
  const nodes = diffNodes(before.nodes, after.nodes);
  const edges = diffEdges(before.edges, after.edges);
  const variables = diffVariables(before.variables, after.variables);
  const metadata = fieldChanges(before.metadata, after.metadata, 'metadata');
  const hasChanges =
    metadata.length > 0 ||
    [variables.added, variables.removed, variables.changed, nodes.added, nodes.removed, nodes.changed, edges.added, edges.removed].some(
      (list) => list.length > 0,
    );
  return { hasChanges, metadata, variables, nodes, edges };
}

function firstById<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return byKey;
}

const describeNode = (node: FlowNodeEnvelope): DiffNode => ({ id: node.id, kind: node.kind, label: node.label });

function diffNodes(before: readonly FlowNodeEnvelope[], after: readonly FlowNodeEnvelope[]): FlowDiff['nodes'] {
  const beforeById = firstById(before, (node) => node.id);
  const afterById = firstById(after, (node) => node.id);
  const added: DiffNode[] = [];
  const changed: NodeChange[] = [];
  const moved: NodeMove[] = [];
  for (const node of afterById.values()) {
    const old = beforeById.get(node.id);
    if (old === undefined) {
      added.push(describeNode(node));
      continue;
    }
    const { position: oldPosition, ...oldRest } = old;
    const { position, ...rest } = node;
    const changes = fieldChanges(oldRest, rest, '');
    if (changes.length > 0) changed.push({ ...describeNode(node), changes });
    if (oldPosition.x !== position.x || oldPosition.y !== position.y) {
      moved.push({ ...describeNode(node), from: { x: oldPosition.x, y: oldPosition.y }, to: { x: position.x, y: position.y } });
    }
  }
  const removed = [...beforeById.values()].filter((node) => !afterById.has(node.id)).map(describeNode);
  return { added, removed, changed, moved };
}

const connectionKey = (edge: FlowEdge): string => JSON.stringify([edge.source, edge.sourcePort, edge.target]);
const describeEdge = (edge: FlowEdge): DiffEdge => ({ id: edge.id, source: edge.source, sourcePort: edge.sourcePort, target: edge.target });

/** Edges as a multiset of connections: a connection drawn twice and once is one removal. */
function diffEdges(before: readonly FlowEdge[], after: readonly FlowEdge[]): FlowDiff['edges'] {
  const unmatched = (edges: readonly FlowEdge[], others: readonly FlowEdge[]): DiffEdge[] => {
    const available = new Map<string, number>();
    for (const edge of others) available.set(connectionKey(edge), (available.get(connectionKey(edge)) ?? 0) + 1);
    return edges.flatMap((edge) => {
      const left = available.get(connectionKey(edge)) ?? 0;
      if (left === 0) return [describeEdge(edge)];
      available.set(connectionKey(edge), left - 1);
      return [];
    });
  };
  return { added: unmatched(after, before), removed: unmatched(before, after) };
}

function diffVariables(before: readonly FlowVariable[], after: readonly FlowVariable[]): FlowDiff['variables'] {
  const beforeByName = firstById(before, (variable) => variable.name);
  const afterByName = firstById(after, (variable) => variable.name);
  const added: FlowVariable[] = [];
  const changed: VariableChange[] = [];
  for (const variable of afterByName.values()) {
    const old = beforeByName.get(variable.name);
    if (old === undefined) {
      added.push(variable);
      continue;
    }
    const changes = fieldChanges(old, variable, '');
    if (changes.length > 0) changed.push({ name: variable.name, changes });
  }
  const removed = [...beforeByName.values()].filter((variable) => !afterByName.has(variable.name));
  return { added, removed, changed };
}

type Container = Record<string, unknown> | unknown[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own keys whose value is not undefined (JSON has no undefined: such a key is absent). */
function presentKeys(value: Container): string[] {
  return Array.isArray(value) ? value.map((_item, index) => String(index)) : Object.keys(value).filter((key) => value[key] !== undefined);
}

function member(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * The leaves where two JSON values differ: objects key by key, arrays index by index (an element inserted at the
 * front shifts every later index); anything else (including an object becoming an array) as one change.
 */
function fieldChanges(before: unknown, after: unknown, path: string): FieldChange[] {
  const changes: FieldChange[] = [];
  collect(before, after, path, changes);
  return changes;
}

function collect(before: unknown, after: unknown, path: string, changes: FieldChange[]): void {
  const bothObjects = isRecord(before) && isRecord(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (!bothObjects && !bothArrays) {
    if (before !== after) changes.push({ path, change: 'changed', before, after });
    return;
  }
  const oldContainer = before as Container;
  const newContainer = after as Container;
  const oldKeys = new Set(presentKeys(oldContainer));
  const newKeys = new Set(presentKeys(newContainer));
  const keys = [...new Set([...oldKeys, ...newKeys])];
  if (bothObjects) keys.sort();
  for (const key of keys) {
    const keyPath = join(path, key);
    if (!oldKeys.has(key)) changes.push({ path: keyPath, change: 'added', after: member(newContainer, key) });
    else if (!newKeys.has(key)) changes.push({ path: keyPath, change: 'removed', before: member(oldContainer, key) });
    else collect(member(oldContainer, key), member(newContainer, key), keyPath, changes);
  }
}
