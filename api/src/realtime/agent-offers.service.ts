import { Inject, Injectable } from '@nestjs/common';
import type { RealtimeAck } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { CallsRepository } from '../calls/calls.repository';
import { LookupsService } from '../internal/lookups.service';
import { CallWorkflowsGateway } from '../temporal/call-workflows.gateway';
import { AGENT_PHONES, type AgentPhones, type OfferedLeg } from './agent-phones';
import { callLogState, parseOfferId, type RingOffer } from './call-log-state';

/** Agents accepting or declining the ring offers they were sent. */
@Injectable()
export class AgentOffersService {
  constructor(
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(AGENT_PHONES) private readonly phones: AgentPhones,
    @Inject(LookupsService) private readonly lookups: LookupsService,
    @Inject(CallWorkflowsGateway) private readonly workflows: CallWorkflowsGateway,
  ) {}

  /**
   * Checks against the call's step record that the offer is the caller's own and still rings, then answers or
   * refuses its leg. The workflow then goes on as with any phone: bridges the agent who answered, or rings the next.
   */
  async reply(caller: AuthContext, offerId: string, reply: 'accept' | 'decline'): Promise<RealtimeAck> {
    const found = await this.ownOffer(caller, offerId);
    if ('error' in found) return found;
    const { leg, offer } = found;
    if (offer.closed !== null) return { ok: false, error: `The offer is over (${offer.closed})` };
    const delivered = reply === 'accept' ? this.phones.answer(leg) : this.phones.decline(leg);
    return delivered ? { ok: true } : { ok: false, error: 'The offer is over (the phone no longer rings)' };
  }

  /** The agent who accepted an offer hangs up: the workflow hears their leg end, as when any phone hangs up. */
  async hangUp(caller: AuthContext, offerId: string): Promise<RealtimeAck> {
    const found = await this.ownOffer(caller, offerId);
    if ('error' in found) return found;
    if (found.offer.closed !== 'accepted') return { ok: false, error: 'You are not on this call: the offer was never accepted' };
    if (found.ended) return { ok: false, error: 'The call is over' };
    return this.phones.hangUp(found.leg) ? { ok: true } : { ok: false, error: 'The call is over (your phone is no longer on it)' };
  }

  /**
   * Blind transfer by the agent who accepted: the extension's ring plan is worked out as for a Dial extension node
   * (availability, do-not-disturb, forwards), then the call's workflow hangs up the agent and rings it.
   */
  async transfer(caller: AuthContext, offerId: string, extension: string): Promise<RealtimeAck> {
    const found = await this.ownOffer(caller, offerId);
    if ('error' in found) return found;
    if (found.offer.closed !== 'accepted') return { ok: false, error: 'You are not on this call: the offer was never accepted' };
    if (found.ended) return { ok: false, error: 'The call is over' };
    const now = Date.now();
    const lookup = await this.lookups.lookup({ tenantId: caller.tenantId, request: { type: 'extension', extension, ringTimeoutSecs: null }, at: now, seed: now });
    const result = lookup?.result;
    if (result?.type !== 'extension' || !result.found) {
      return { ok: false, error: `No extension ${extension}`, issues: [{ path: 'extension', message: `no agent, ring group or mailbox has extension ${extension}` }] };
    }
    if (result.plan.attempts.every((attempt) => attempt.targets.length === 0)) {
      const why = result.plan.skipped.map((skipped) => `${skipped.label} (${skipped.reason})`).join(', ');
      return { ok: false, error: `Nobody at extension ${extension} can take the call now${why ? `: ${why}` : ''}` };
    }
    const outcome = await this.workflows.transfer(found.workflowId, { legId: found.leg.legId, extension, plan: result.plan });
    return outcome === 'delivered' ? { ok: true } : { ok: false, error: 'The call is over' };
  }

  private async ownOffer(caller: AuthContext, offerId: string): Promise<{ leg: OfferedLeg; workflowId: string; offer: RingOffer; ended: boolean } | { ok: false; error: string }> {
    if (caller.agentId === null) return { ok: false, error: 'Only a user linked to an agent receives and answers ring offers' };
    const ids = parseOfferId(offerId);
    const call = ids && (await this.calls.findCall(ids.callId));
    // Another tenant's call, or another agent's offer, is answered exactly like an unknown one.
    const offer =
      ids && call && call.tenantId === caller.tenantId
        ? callLogState(call.id, await this.calls.events(call.id)).offers.find((candidate) => candidate.legId === ids.legId && candidate.agentId === caller.agentId)
        : undefined;
    if (!call || !offer) return { ok: false, error: `No ring offer ${offerId} for you` };
    return { leg: { workflowId: call.workflowId, legId: offer.legId }, workflowId: call.workflowId, offer, ended: call.endedAt !== null };
  }
}
