import type { DropOffRow } from '@callflow/schemas';
import type { DraftDocument } from '../../document/draft-document';

export interface DropOffOnCanvas {
  /** Hang-ups per node of the drawn document. */
  counts: Map<string, number>;
  /** Hang-ups on nodes the drawn version does not have (they were removed since, or exist in another version). */
  elsewhere: DropOffRow[];
  total: number;
}

/** The drop-off report's rows of one flow, placed on the nodes of the version drawn. */
export function dropOffOnCanvas(rows: readonly DropOffRow[], flowId: string, document: DraftDocument): DropOffOnCanvas {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const counts = new Map<string, number>();
  const elsewhere: DropOffRow[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.flowId !== flowId || row.hangUps === 0) continue;
    total += row.hangUps;
    if (nodeIds.has(row.node)) counts.set(row.node, (counts.get(row.node) ?? 0) + row.hangUps);
    else elsewhere.push(row);
  }
  return { counts, elsewhere, total };
}

/** Flows that lost callers in the period, most hang-ups first, to choose which one to draw. */
export function flowsWithDropOff(rows: readonly DropOffRow[]): Array<{ flowId: string; name: string; hangUps: number }> {
  const flows = new Map<string, { flowId: string; name: string; hangUps: number }>();
  for (const row of rows) {
    const flow = flows.get(row.flowId) ?? { flowId: row.flowId, name: row.flowName ?? 'Removed flow', hangUps: 0 };
    flow.hangUps += row.hangUps;
    flows.set(row.flowId, flow);
  }
  return [...flows.values()].sort((a, b) => b.hangUps - a.hangUps);
}
