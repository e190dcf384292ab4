import type { Severity } from '@callflow/engine';
import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * The worst problem of each node, as the canvas last validated the document. Each node subscribes to its own mark,
 * so a new validation re-renders only the nodes whose mark changed.
 */
export function createProblemMarks(initial: ReadonlyMap<string, Severity>) {
  let severities = initial;
  const listeners = new Set<() => void>();
  return {
    show(next: ReadonlyMap<string, Severity>) {
      if (next === severities) return;
      severities = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    severityOf(nodeId: string): Severity | null {
      return severities.get(nodeId) ?? null;
    },
  };
}
export type ProblemMarks = ReturnType<typeof createProblemMarks>;

export const ProblemMarksContext = createContext<ProblemMarks | null>(null);

export function useProblemOf(nodeId: string): Severity | null {
  const marks = useContext(ProblemMarksContext);
  if (marks === null) throw new Error('useProblemOf needs a ProblemMarksContext above it');
  return useSyncExternalStore(marks.subscribe, () => marks.severityOf(nodeId));
}
