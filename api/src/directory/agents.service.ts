import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { agentAvailability } from '@callflow/engine';
import type { Agent, AgentAvailabilityView, AgentPresenceBody, AgentView, CreateAgentBody, UpdateAgentBody } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { LiveEvents } from '../realtime/live-events';
import { UsersRepository } from '../users/users.repository';
import { DirectoryService } from './directory.service';

type LinkedUser = AgentView['user'];

/** The engine's ring-time rule, evaluated now: the API shows what routing would decide for a call arriving now. */
function availabilityNow(agent: Agent, now: number): AgentAvailabilityView {
  const computed = agentAvailability(agent, now);
  const at = new Date(now).toISOString();
  if (computed.available) return { availableNow: true, reason: null, forwardTo: null, at };
  return { availableNow: false, reason: computed.reason, forwardTo: computed.forwardTo ?? null, at };
}

/**
 * Agents with their linked user and their availability now. Presence and do-not-disturb change only through
 * `setPresence`; activeCalls and lastCallEndedAt belong to the running calls and are never set here.
 */
@Injectable()
export class AgentsService {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(LiveEvents) private readonly live: LiveEvents,
  ) {}

  async list(caller: AuthContext): Promise<AgentView[]> {
    const [agents, usersByAgent] = await Promise.all([this.directory.list(caller, 'agents'), this.linkedUsers(caller)]);
    const now = Date.now();
    return agents.map((agent) => this.view(agent, usersByAgent.get(agent.id) ?? null, now));
  }

  /** Supervisors and up read any agent; an agent reads only themselves. */
  async get(caller: AuthContext, id: string): Promise<AgentView> {
    if (caller.role === 'agent' && caller.agentId !== id) throw new ForbiddenException('Agents can only read their own agent record');
    return this.withUser(caller, await this.directory.get(caller, 'agents', id));
  }

  async me(caller: AuthContext): Promise<AgentView> {
    return this.get(caller, this.ownAgentId(caller));
  }

  async create(caller: AuthContext, body: CreateAgentBody): Promise<AgentView> {
    const agent = await this.directory.create(caller, 'agents', {
      ...body,
      presence: 'offline',
      doNotDisturbUntil: null,
      activeCalls: 0,
      lastCallEndedAt: null,
    });
    return this.withUser(caller, agent);
  }

  async update(caller: AuthContext, id: string, body: UpdateAgentBody): Promise<AgentView> {
    return this.withUser(caller, await this.directory.update(caller, 'agents', id, body));
  }

  /** Every presence and do-not-disturb change goes through here (REST for the agent and for admins, and sockets). */
  async setPresence(caller: AuthContext, id: string, change: AgentPresenceBody): Promise<AgentView> {
    const agent = await this.directory.update(caller, 'agents', id, change);
    this.live.agentPresence(caller.tenantId, { agentId: agent.id, presence: agent.presence, at: new Date().toISOString() });
    return this.withUser(caller, agent);
  }

  async setOwnPresence(caller: AuthContext, change: AgentPresenceBody): Promise<AgentView> {
    return this.setPresence(caller, this.ownAgentId(caller), change);
  }

  remove(caller: AuthContext, id: string): Promise<void> {
    return this.directory.remove(caller, 'agents', id);
  }

  private ownAgentId(caller: AuthContext): string {
    if (caller.agentId === null) throw new NotFoundException('Your user is not linked to an agent');
    return caller.agentId;
  }

  private async withUser(caller: AuthContext, agent: Agent): Promise<AgentView> {
    return this.view(agent, (await this.linkedUsers(caller)).get(agent.id) ?? null, Date.now());
  }

  private view(agent: Agent, user: LinkedUser, now: number): AgentView {
    return { ...agent, user, availability: availabilityNow(agent, now) };
  }

  private async linkedUsers(caller: AuthContext): Promise<Map<string, NonNullable<LinkedUser>>> {
    const users = await this.users.list(caller.tenantId);
    return new Map(users.flatMap((user) => (user.agentId === null ? [] : [[user.agentId, { id: user.id, name: user.name, email: user.email }] as const])));
  }
}
