import type { SandboxCarrier } from '../sandbox';
import { legClientState } from '../webhooks/call-event-router';

/** The agent leg a ring offer rings: the call's workflow dialled it under this leg id (its client_state says so). */
export interface OfferedLeg {
  workflowId: string;
  legId: string;
}

/** Carries an agent's answer to a ring offer to the phone that rings. False: that phone no longer rings (or talks). */
export interface AgentPhones {
  answer(leg: OfferedLeg): boolean;
  decline(leg: OfferedLeg): boolean;
  /** The agent ends the conversation: their phone hangs up. */
  hangUp(leg: OfferedLeg): boolean;
}

export const AGENT_PHONES = Symbol('AGENT_PHONES');

/** Sandbox mode: agents' phones are simulated endpoints of the sandbox carrier; accepting answers it, declining refuses it. */
export class SandboxAgentPhones implements AgentPhones {
  constructor(private readonly sandbox: SandboxCarrier) {}

  answer(leg: OfferedLeg): boolean {
    const callControlId = this.find(leg, 'ringing');
    if (callControlId !== null) this.sandbox.answer(callControlId);
    return callControlId !== null;
  }

  decline(leg: OfferedLeg): boolean {
    const callControlId = this.find(leg, 'ringing');
    if (callControlId !== null) this.sandbox.hangUp(callControlId);
    return callControlId !== null;
  }

  hangUp(leg: OfferedLeg): boolean {
    const callControlId = this.find(leg, 'answered');
    if (callControlId !== null) this.sandbox.hangUp(callControlId);
    return callControlId !== null;
  }

  private find({ workflowId, legId }: OfferedLeg, state: 'ringing' | 'answered'): string | null {
    const leg = this.sandbox.listCalls().find((candidate) => {
      if (candidate.direction !== 'outgoing' || candidate.state !== state) return false;
      const clientState = legClientState(candidate.clientState);
      return clientState?.w === workflowId && clientState.l === legId;
    });
    return leg?.callControlId ?? null;
  }
}

/**
 * With Telnyx the agent's browser is the phone (a WebRTC client registered with the agent's credential): it answers
 * or rejects the incoming leg itself, and the workflow hears of it from Telnyx. The socket only acknowledges.
 */
export class BrowserAgentPhones implements AgentPhones {
  answer(): boolean {
    return true;
  }

  decline(): boolean {
    return true;
  }

  hangUp(): boolean {
    return true;
  }
}
