import type { CallCommands } from './call-commands';
import { InvalidJsonError, type HttpRouter, type RouteContext, type RouteResult } from './http-router';
import type { SandboxMessaging } from './sandbox-messaging';
import { telnyxErrors, TelnyxApiError } from './telnyx-errors';

/** Turns a Telnyx-style refusal into its HTTP answer. */
export function telnyxErrorResult(error: TelnyxApiError): RouteResult {
  return { status: error.status, json: error.body() };
}

function requireBearer(context: RouteContext): void {
  const authorization = context.headers.authorization ?? '';
  if (!/^Bearer\s+\S+/i.test(authorization)) throw telnyxErrors.authentication();
}

/** A Telnyx API route: any bearer token, refusals as Telnyx error bodies. */
export function telnyx(handler: (context: RouteContext) => Promise<unknown> | unknown): (context: RouteContext) => Promise<RouteResult> {
  return async (context) => {
    try {
      requireBearer(context);
      return { status: 200, json: await handler(context) };
    } catch (error) {
      if (error instanceof TelnyxApiError) return telnyxErrorResult(error);
      if (error instanceof InvalidJsonError) return telnyxErrorResult(telnyxErrors.badRequest(error.message));
      throw error;
    }
  };
}

/** The Call Control v2 and messaging endpoints, under `/telnyx/v2`. Any bearer token is accepted. */
export function addTelnyxRoutes(router: HttpRouter, commands: CallCommands, messaging: SandboxMessaging): void {
  router.add('POST', '/telnyx/v2/calls', telnyx(async (context) => commands.dial(await context.json())));
  router.add('GET', '/telnyx/v2/calls/:id', telnyx((context) => commands.status(context.params['id'] ?? '')));
  for (const method of ['POST', 'PUT']) {
    router.add(
      method,
      '/telnyx/v2/calls/:id/actions/:action',
      telnyx(async (context) =>
        commands.action(method, context.params['id'] ?? '', context.params['action'] ?? '', await context.json()),
      ),
    );
  }
  router.add('POST', '/telnyx/v2/messages', telnyx(async (context) => messaging.send(await context.json())));
  // A WebRTC login token for a telephony credential: Telnyx answers it as text/plain (a JWT); this one only stands in.
  router.add('POST', '/telnyx/v2/telephony_credentials/:id/token', (context) => {
    try {
      requireBearer(context);
    } catch (error) {
      if (error instanceof TelnyxApiError) return telnyxErrorResult(error);
      throw error;
    }
    return { status: 201, contentType: 'text/plain', bytes: Buffer.from(sandboxWebRtcToken(context.params['id'] ?? '')) };
  });
}

/** What the sandbox hands out as the WebRTC login token of a credential (no browser can log in with it). */
export const sandboxWebRtcToken = (credentialId: string): string => `sandbox-webrtc-login.${Buffer.from(credentialId).toString('base64url')}`;
