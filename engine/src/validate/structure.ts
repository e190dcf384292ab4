import { FlowDocumentEnvelopeSchema, type FlowDocumentEnvelope } from '@callflow/schemas';
import type { DiagnosticList } from './diagnostic-list';

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** First pass: the document's structure, with node configs unchecked. Null when it is unusable. */
export function parseEnvelope(input: unknown, diagnostics: DiagnosticList): FlowDocumentEnvelope | null {
  let result: ReturnType<typeof FlowDocumentEnvelopeSchema.safeParse>;
  try {
    result = FlowDocumentEnvelopeSchema.safeParse(input);
  } catch (caught) {
    // Only exotic inputs get here (throwing getters, revoked proxies); JSON never does.
    diagnostics.error('invalid-structure', `The flow document cannot be read: ${describeThrown(caught)}`);
    return null;
  }
  if (result.success) return result.data;
  for (const issue of result.error.issues) reportIssue(input, issue, diagnostics);
  return null;
}

function reportIssue(input: unknown, issue: Issue, diagnostics: DiagnosticList): void {
  const [collection, index, ...rest] = issue.path;
  const field = rest.map(String).join('.');
  if (collection === 'nodes' && typeof index === 'number') {
    const id = idAt(input, 'nodes', index);
    const where = id === null ? `Node #${index + 1}` : `Node ${id}`;
    diagnostics.error('invalid-structure', `${where}${field === '' ? '' : ` (${field})`}: ${issue.message}`, {
      ...(id === null ? { field: joinPath(issue.path) } : { nodeId: id, field: field === '' ? undefined : field }),
    });
    return;
  }
  if (collection === 'edges' && typeof index === 'number') {
    const id = idAt(input, 'edges', index);
    const where = id === null ? `Edge #${index + 1}` : `Edge ${id}`;
    diagnostics.error('invalid-structure', `${where}${field === '' ? '' : ` (${field})`}: ${issue.message}`, {
      ...(id === null ? { field: joinPath(issue.path) } : { edgeId: id, field: field === '' ? undefined : field }),
    });
    return;
  }
  const path = joinPath(issue.path);
  diagnostics.error('invalid-structure', `Flow document${path === '' ? '' : ` (${path})`}: ${issue.message}`, {
    field: path === '' ? undefined : path,
  });
}

/** The string id of `input[collection][index]`, when there is one, to name the element in messages. */
function idAt(input: unknown, collection: 'nodes' | 'edges', index: number): string | null {
  if (!isRecord(input)) return null;
  const list = input[collection];
  if (!Array.isArray(list)) return null;
  const element: unknown = list[index];
  if (!isRecord(element)) return null;
  const id = element['id'];
  return typeof id === 'string' && id !== '' && id.length <= 64 ? id : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function describeThrown(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
