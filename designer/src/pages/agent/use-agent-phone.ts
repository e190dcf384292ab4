import type { AgentView } from '@callflow/schemas';
import { useMemo } from 'react';
import { useLiveConnection } from '../../realtime';
import { socketPhone, type AgentPhone } from './agent-phone';

/** The phone the console drives for the signed-in agent; null until the agent is known. */
export function useAgentPhone(me: AgentView | null): AgentPhone | null {
  const connection = useLiveConnection();
  return useMemo(() => (me === null ? null : socketPhone(connection)), [me === null, connection]);
}
