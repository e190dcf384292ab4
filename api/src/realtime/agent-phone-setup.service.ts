import { BadGatewayException, Inject, Injectable } from '@nestjs/common';
import type { AgentEndpoint, AgentPhone } from '@callflow/schemas';
import Telnyx from 'telnyx';
import type { AuthContext } from '../auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../config';
import { AgentsService } from '../directory/agents.service';

function describeEndpoint(endpoint: AgentEndpoint): string {
  switch (endpoint.type) {
    case 'sip':
      return endpoint.uri;
    case 'sandbox':
      return `sandbox phone ${endpoint.id}`;
    case 'webrtc':
      return `WebRTC credential ${endpoint.credentialId}`;
  }
}

/**
 * How the agent console answers the signed-in agent's calls. In sandbox mode the API drives the simulated phones;
 * with Telnyx, an agent whose endpoint is a WebRTC credential answers in the browser, logged in with a token minted
 * for that credential, and any other agent answers on the phone that rings.
 */
@Injectable()
export class AgentPhoneSetupService {
  private readonly telnyx: Telnyx | null;

  constructor(
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.telnyx =
      config.telnyxApiKey === null ? null : new Telnyx({ apiKey: config.telnyxApiKey, baseURL: config.telnyxApiBaseUrl, maxRetries: 0, timeout: 10_000 });
  }

  async phone(caller: AuthContext): Promise<AgentPhone> {
    const { endpoint } = await this.agents.me(caller);
    if (this.telnyx === null) return { type: 'sandbox' };
    if (endpoint.type !== 'webrtc') return { type: 'desk-phone', address: describeEndpoint(endpoint) };
    try {
      return { type: 'webrtc', loginToken: await this.telnyx.telephonyCredentials.createToken(endpoint.credentialId) };
    } catch (error) {
      throw new BadGatewayException(`Telnyx did not issue a WebRTC login for credential ${endpoint.credentialId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
