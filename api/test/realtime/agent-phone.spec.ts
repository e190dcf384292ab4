import request from 'supertest';
import { AgentPhoneSchema } from '@callflow/schemas';
import { sandboxWebRtcToken } from '../../src/sandbox/telnyx-routes';
import { startCarrierServer, type CarrierServer } from '../numbers/carrier-server';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { agentLogin } from './live-socket';

/*
 * GET /api/agents/me/phone: how the agent console answers. With Telnyx, a WebRTC agent gets a login token minted by
 * the carrier for their credential (the sandbox carrier stands in for Telnyx's API here).
 */

const AGENTS = [
  agent('web', '401', { endpoint: { type: 'webrtc', credentialId: 'cred-web-1' } }),
  agent('desk', '402', { endpoint: { type: 'sip', uri: 'sip:desk@pbx.example.com' } }),
];

describe('GET /api/agents/me/phone', () => {
  let carrier: CarrierServer;

  beforeAll(async () => {
    carrier = await startCarrierServer();
  });
  afterAll(() => carrier.close());

  async function companyOn(app: TestApp): Promise<{ tenant: TenantLogins; desk: string }> {
    const tenant = await createTenantWithUsers(app, { agentId: 'web', seed: (tenantId) => seedDirectory(app, tenantId, { agents: AGENTS }) });
    return { tenant, desk: await agentLogin(app, tenant, 'desk') };
  }

  const phoneOf = async (app: TestApp, authorization: string) =>
    AgentPhoneSchema.parse((await request(app.app.getHttpServer()).get('/api/agents/me/phone').set({ authorization }).expect(200)).body);

  it('in sandbox mode: the console drives the simulated phone, whatever the endpoint', async () => {
    const app = await startTestApp({ telnyxApiKey: null, telnyxApiBaseUrl: carrier.baseUrl });
    try {
      const { tenant, desk } = await companyOn(app);
      expect(await phoneOf(app, `Bearer ${tenant.users.agent.accessToken}`)).toEqual({ type: 'sandbox' });
      expect(await phoneOf(app, `Bearer ${desk}`)).toEqual({ type: 'sandbox' });
    } finally {
      await app.close();
    }
  }, 60_000);

  it("with Telnyx: a WebRTC agent gets a login token for their credential, a desk-phone agent the phone's address", async () => {
    const app = await startTestApp({ telnyxApiKey: 'KEY_live_stand_in', telnyxApiBaseUrl: carrier.baseUrl, telnyxConnectionId: '2233445566' });
    try {
      const { tenant, desk } = await companyOn(app);
      expect(await phoneOf(app, `Bearer ${tenant.users.agent.accessToken}`)).toEqual({ type: 'webrtc', loginToken: sandboxWebRtcToken('cred-web-1') });
      expect(await phoneOf(app, `Bearer ${desk}`)).toEqual({ type: 'desk-phone', address: 'sip:desk@pbx.example.com' });
      // A user answering calls as nobody has no phone; no token without signing in.
      await request(app.app.getHttpServer()).get('/api/agents/me/phone').set(tenant.as('supervisor')).expect(404);
      await request(app.app.getHttpServer()).get('/api/agents/me/phone').expect(401);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('says the carrier did not issue the token when Telnyx cannot be reached (502)', async () => {
    const app = await startTestApp({ telnyxApiKey: 'KEY_live_stand_in', telnyxApiBaseUrl: 'http://127.0.0.1:9/telnyx/v2', telnyxConnectionId: '2233445566' });
    try {
      const { tenant } = await companyOn(app);
      const answer = await request(app.app.getHttpServer()).get('/api/agents/me/phone').set(tenant.as('agent')).expect(502);
      expect(answer.body.message).toMatch(/^Telnyx did not issue a WebRTC login for credential cred-web-1: /);
    } finally {
      await app.close();
    }
  }, 60_000);
});
