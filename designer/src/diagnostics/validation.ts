import { validateFlow, type Diagnostic, type Severity, type ValidationResult } from '@callflow/engine';
import type { DirectorySnapshot } from '@callflow/schemas';
import { useDeferredValue } from 'react';
import type { DraftDocument } from '../document/draft-document';
import { useEditor } from '../store/editor-context';

export interface FlowValidation extends ValidationResult {
  /** The worst problem of each node that has one, to mark it on the canvas. */
  severityByNode: ReadonlyMap<string, Severity>;
  counts: Record<Severity, number>;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function summarize(result: ValidationResult): FlowValidation {
  const severityByNode = new Map<string, Severity>();
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of result.diagnostics) {
    counts[diagnostic.severity]++;
    if (diagnostic.nodeId === undefined) continue;
    const current = severityByNode.get(diagnostic.nodeId);
    if (current === undefined || SEVERITY_RANK[diagnostic.severity] < SEVERITY_RANK[current]) severityByNode.set(diagnostic.nodeId, diagnostic.severity);
  }
  return { ...result, severityByNode, counts };
}

const cache = new WeakMap<DraftDocument, { directory: DirectorySnapshot; validation: FlowValidation }>();

/** The engine's validation of a document against the directory, computed once per document version. */
export function validationOf(document: DraftDocument, directory: DirectorySnapshot): FlowValidation {
  const cached = cache.get(document);
  if (cached?.directory === directory) return cached.validation;
  const validation = summarize(validateFlow(document, { directory }));
  cache.set(document, { directory, validation });
  return validation;
}

/**
 * The validation of the document being edited, a moment behind it: a drop or a keystroke is drawn first, and the
 * whole flow is checked in a render React can interrupt when the document changes again.
 */
export function useValidation(): FlowValidation {
  const document = useDeferredValue(useEditor((state) => state.document));
  const directory = useDeferredValue(useEditor((state) => state.directory));
  return validationOf(document, directory);
}

/** Where a diagnostic points, for the panel. */
export function locationOf(diagnostic: Diagnostic): string | null {
  const parts = [diagnostic.port && `output ${diagnostic.port}`, diagnostic.field && `field ${diagnostic.field}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}
