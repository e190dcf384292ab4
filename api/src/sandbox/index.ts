/*
 * The sandbox carrier: a local Telnyx Call Control v2 with simulated callers and agent endpoints, used
 * when TELNYX_API_KEY is unset, by the local stack, the designer's test calls and the tests.
 *
 *   const sandbox = createSandboxCarrier({ webhookUrl: 'http://127.0.0.1:3000/api/webhooks/telnyx' });
 *   app.use('/sandbox', sandbox.router);          // Call Control at /sandbox/telnyx/v2, control API at /sandbox/control
 *   TELNYX_PUBLIC_KEY = sandbox.publicKey         // what the webhook endpoint verifies with
 *   new Telnyx({ apiKey: 'any', baseURL: 'http://127.0.0.1:3000/sandbox/telnyx/v2', maxRetries: 0 })
 *
 * Several API instances share one carrier served on a port of its own: `serveSandboxCarrier` (standalone.ts).
 */
export { createSandboxCarrier, SandboxCarrier, type SandboxCarrierOptions, type SandboxInfo } from './sandbox-carrier';
export { serveSandboxCarrier, type StandaloneSandbox } from './standalone';
export type { SandboxRequestHandler } from './http-router';
export type { SandboxLogger } from './sandbox-logger';
export type { CallIds, CallTimeline, LegSummary } from './sandbox-calls';
export type { CommandEntry, PartyEntry, TimelineEntryView, WebhookEntryView } from './timeline';
export type { DeliveryAttempt } from './webhook-dispatcher';
export type { StoredRecording } from './recorder';
export type { SentMessage } from './sandbox-messaging';
export { SandboxControlError } from './sandbox-control-error';
export {
  CallerActionSchema,
  DeliveryFaultsSchema,
  EndpointBehaviourSchema,
  HangUpAtEventSchema,
  PlaceCallRequestSchema,
  type CallerAction,
  type DeliveryFaults,
  type DeliveryFaultsInput,
  type EndpointBehaviour,
  type EndpointBehaviourInput,
  type PlaceCallRequest,
} from './sandbox.schema';
