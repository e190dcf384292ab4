import type { FlowSummary } from '@callflow/schemas';
import { SimulatorPanel } from '../../simulator/simulator-panel';

/** The simulator tab: the draft run in the browser. */
export function SimulatorModes(_props: { flow: FlowSummary }) {
  return <SimulatorPanel />;
}
