export type Severity = 'error' | 'warning' | 'info';

/** Every problem `validateFlow` reports, one code per check. */
export const DIAGNOSTIC_CODES = [
  'invalid-structure',
  'unknown-node-kind',
  'unsupported-node-version',
  'missing-migration',
  'migration-failed',
  'invalid-config',
  'reserved-name',
  'duplicate-node-id',
  'duplicate-edge-id',
  'duplicate-variable',
  'variable-type-mismatch',
  'edge-unknown-source',
  'edge-unknown-target',
  'unknown-port',
  'input-not-accepted',
  'port-multiple-edges',
  'missing-entry',
  'multiple-entries',
  'required-port-unconnected',
  'optional-port-unconnected',
  'unreachable-node',
  'go-to-unknown-node',
  'go-to-self',
  'go-to-entry',
  'loop-without-wait',
  'invalid-expression',
  'invalid-template',
  'unknown-variable',
  'unknown-reference',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** For humans; names the node by label and id, e.g. `Menu “Main menu” (node menu-1): key 3 has no connection`. */
  message: string;
  nodeId?: string;
  port?: string;
  edgeId?: string;
  /** Dotted path inside the node's config (or the document, for document-level problems). */
  field?: string;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');
