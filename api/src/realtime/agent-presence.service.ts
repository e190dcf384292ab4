import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Presence, RealtimeAck } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { AgentsService } from '../directory/agents.service';

/** Agents setting their own presence from the agent console (the directory broadcasts every presence change). */
@Injectable()
export class AgentPresenceService {
  constructor(@Inject(AgentsService) private readonly agents: AgentsService) {}

  async set(caller: AuthContext, presence: Presence): Promise<RealtimeAck> {
    if (caller.agentId === null) return { ok: false, error: 'Only a user linked to an agent has a presence' };
    try {
      await this.agents.setOwnPresence(caller, { presence });
    } catch (error) {
      if (error instanceof NotFoundException) return { ok: false, error: error.message };
      throw error;
    }
    return { ok: true };
  }
}
