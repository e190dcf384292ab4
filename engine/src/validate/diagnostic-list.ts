import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics';

export type DiagnosticLocation = Pick<Diagnostic, 'nodeId' | 'port' | 'edgeId' | 'field'>;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Collects diagnostics while validating; `sorted` orders them errors first, then by document order. */
export class DiagnosticList {
  private readonly items: Diagnostic[] = [];

  error(code: DiagnosticCode, message: string, location: DiagnosticLocation = {}): void {
    this.add('error', code, message, location);
  }

  warning(code: DiagnosticCode, message: string, location: DiagnosticLocation = {}): void {
    this.add('warning', code, message, location);
  }

  info(code: DiagnosticCode, message: string, location: DiagnosticLocation = {}): void {
    this.add('info', code, message, location);
  }

  /**
   * Document-level diagnostics first, then those of nodes in document order, then those of edges alone
   * (edges in document order); emission order breaks ties.
   */
  sorted(nodeOrder: ReadonlyMap<string, number>, edgeOrder: ReadonlyMap<string, number>, nodeCount: number): Diagnostic[] {
    const position = (diagnostic: Diagnostic): number => {
      if (diagnostic.nodeId !== undefined) return nodeOrder.get(diagnostic.nodeId) ?? -1;
      if (diagnostic.edgeId !== undefined) return nodeCount + (edgeOrder.get(diagnostic.edgeId) ?? 0);
      return -1;
    };
    return this.items
      .map((diagnostic, sequence) => ({ diagnostic, sequence, rank: SEVERITY_RANK[diagnostic.severity], position: position(diagnostic) }))
      .sort((a, b) => a.rank - b.rank || a.position - b.position || a.sequence - b.sequence)
      .map((entry) => entry.diagnostic);
  }

  private add(severity: Severity, code: DiagnosticCode, message: string, location: DiagnosticLocation): void {
    const diagnostic: Diagnostic = { severity, code, message };
    if (location.nodeId !== undefined) diagnostic.nodeId = location.nodeId;
    if (location.port !== undefined) diagnostic.port = location.port;
    if (location.edgeId !== undefined) diagnostic.edgeId = location.edgeId;
    if (location.field !== undefined) diagnostic.field = location.field;
    this.items.push(diagnostic);
  }
}
