import { Inject, Injectable } from '@nestjs/common';
import type { RealtimeAck } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { CallsRepository } from '../calls/calls.repository';
import { AGENT_PHONES, type AgentPhones } from './agent-phones';
import { callLogState, parseOfferId } from './call-log-state';

/** Agents accepting or declining the ring offers they were sent. */
@Injectable()
export class AgentOffersService {
  constructor(
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(AGENT_PHONES) private readonly phones: AgentPhones,
  ) {}

  /**
   * Checks against the call's step record that the offer is the caller's own and still rings, then answers or
   * refuses its leg. The workflow then goes on as with any phone: bridges the agent who answered, or rings the next.
   */
  async reply(caller: AuthContext, offerId: string, reply: 'accept' | 'decline'): Promise<RealtimeAck> {
    if (caller.agentId === null) return { ok: false, error: 'Only a user linked to an agent receives and answers ring offers' };
    const ids = parseOfferId(offerId);
    const call = ids && (await this.calls.findCall(ids.callId));
    // Another tenant's call, or another agent's offer, is answered exactly like an unknown one.
    const offer =
      ids && call && call.tenantId === caller.tenantId
        ? callLogState(call.id, await this.calls.events(call.id)).offers.find((candidate) => candidate.legId === ids.legId && candidate.agentId === caller.agentId)
        : undefined;
    if (!call || !offer) return { ok: false, error: `No ring offer ${offerId} for you` };
    if (offer.closed !== null) return { ok: false, error: `The offer is over (${offer.closed})` };
    const leg = { workflowId: call.workflowId, legId: offer.legId };
    const delivered = reply === 'accept' ? this.phones.answer(leg) : this.phones.decline(leg);
    return delivered ? { ok: true } : { ok: false, error: 'The offer is over (the phone no longer rings)' };
  }
}
