import { Inject, Injectable } from '@nestjs/common';
import type { AgentPresenceEvent, AgentRing, AgentRingCancelled, CallUpdated, LiveCallStep, QueueUpdated, VoicemailCreated } from '@callflow/schemas';
import { RealtimeServer } from './realtime-server';
import { agentRoom, callRoom, tenantRoom } from './rooms';

/** The server → client events, one method each, addressed to the rooms that may see them. */
@Injectable()
export class LiveEvents {
  constructor(@Inject(RealtimeServer) private readonly server: RealtimeServer) {}

  callUpdated(tenantId: string, call: CallUpdated): void {
    this.server.emit([tenantRoom(tenantId), callRoom(call.callId)], 'call.updated.v1', call);
  }

  callStep(tenantId: string, step: LiveCallStep): void {
    this.server.emit([tenantRoom(tenantId), callRoom(step.callId)], 'call.step.v1', step);
  }

  queueUpdated(tenantId: string, queue: QueueUpdated): void {
    this.server.emit([tenantRoom(tenantId)], 'queue.updated.v1', queue);
  }

  /** Only to the agent rung: no other agent sees the offer. */
  agentRing(tenantId: string, offer: AgentRing): void {
    this.server.emit([agentRoom(tenantId, offer.agentId)], 'agent.ring.v1', offer);
  }

  agentRingCancelled(tenantId: string, cancelled: AgentRingCancelled): void {
    this.server.emit([agentRoom(tenantId, cancelled.agentId)], 'agent.ring.cancelled.v1', cancelled);
  }

  /** To the company's supervisors, and to the agent's own other sessions. */
  agentPresence(tenantId: string, presence: AgentPresenceEvent): void {
    this.server.emit([tenantRoom(tenantId), agentRoom(tenantId, presence.agentId)], 'agent.presence.v1', presence);
  }

  /** To the company's supervisors, and to the agent who owns the mailbox (none for a shared one): who may list it. */
  voicemailCreated(tenantId: string, ownerAgentId: string | null, voicemail: VoicemailCreated): void {
    this.server.emit([tenantRoom(tenantId), ...(ownerAgentId === null ? [] : [agentRoom(tenantId, ownerAgentId)])], 'voicemail.created.v1', voicemail);
  }
}
