import type { HttpRouter, RouteContext, RouteResult } from './http-router';
import { InvalidJsonError } from './http-router';
import { SandboxControlError } from './sandbox-control-error';
import { PressDigitsRequestSchema, type DeliveryFaultsInput, type EndpointBehaviourInput, type PlaceCallRequest } from './sandbox.schema';
import type { SandboxCarrier } from './sandbox-carrier';

function controlErrorResult(error: SandboxControlError): RouteResult {
  return { status: error.status, json: { error: error.message, issues: error.issues } };
}

function control(
  handler: (context: RouteContext) => Promise<RouteResult> | RouteResult,
): (context: RouteContext) => Promise<RouteResult> {
  return async (context) => {
    try {
      return await handler(context);
    } catch (error) {
      if (error instanceof SandboxControlError) return controlErrorResult(error);
      if (error instanceof InvalidJsonError) return controlErrorResult(new SandboxControlError(400, error.message));
      throw error;
    }
  };
}

const ok = (json: unknown): RouteResult => ({ status: 200, json });

/**
 * The control API under `/control` (no authentication: the sandbox only runs locally). Request bodies
 * are validated by the same schemas as the programmatic API; errors are `{ error, issues }`.
 */
export function addControlRoutes(router: HttpRouter, carrier: SandboxCarrier): void {
  router.add('GET', '/control', control(() => ok(carrier.info())));
  router.add(
    'POST',
    '/control/calls',
    control(async (context) => ({ status: 201, json: carrier.placeCall((await context.json()) as PlaceCallRequest) })),
  );
  router.add('GET', '/control/calls', control(() => ok(carrier.listCalls())));
  router.add(
    'GET',
    '/control/calls/:id',
    control((context) => {
      const id = context.params['id'] ?? '';
      const timeline = carrier.callTimeline(id);
      if (timeline === null) throw SandboxControlError.notFound(`No call with call_control_id or call_session_id ${id}.`);
      return ok(timeline);
    }),
  );
  router.add(
    'POST',
    '/control/calls/:id/dtmf',
    control(async (context) => {
      const parsed = PressDigitsRequestSchema.safeParse(await context.json());
      if (!parsed.success) throw SandboxControlError.invalid('Invalid key presses', parsed.error);
      carrier.pressDigits(context.params['id'] ?? '', parsed.data.digits);
      return ok({ pressed: parsed.data.digits });
    }),
  );
  router.add(
    'POST',
    '/control/calls/:id/answer',
    control((context) => {
      carrier.answer(context.params['id'] ?? '');
      return ok({ answered: true });
    }),
  );
  router.add(
    'POST',
    '/control/calls/:id/hangup',
    control((context) => {
      carrier.hangUp(context.params['id'] ?? '');
      return ok({ hungUp: true });
    }),
  );
  router.add('GET', '/control/endpoints', control(() => ok(carrier.listEndpoints())));
  router.add(
    'PUT',
    '/control/endpoints/:address',
    control(async (context) => {
      const address = context.params['address'] ?? '';
      return ok({ address, behaviour: carrier.setEndpoint(address, (await context.json()) as EndpointBehaviourInput) });
    }),
  );
  router.add(
    'DELETE',
    '/control/endpoints/:address',
    control((context) => {
      const address = context.params['address'] ?? '';
      if (!carrier.removeEndpoint(address)) throw SandboxControlError.notFound(`No endpoint behaviour is set for ${address}.`);
      return { status: 204 };
    }),
  );
  router.add('GET', '/control/faults', control(() => ok(carrier.getFaults())));
  router.add(
    'PUT',
    '/control/faults',
    control(async (context) => ok(carrier.setFaults((await context.json()) as DeliveryFaultsInput))),
  );
  router.add(
    'GET',
    '/control/recordings/:id/transcript',
    control((context) => {
      const id = context.params['id'] ?? '';
      const transcript = carrier.recordingTranscript(id);
      if (transcript === null) throw SandboxControlError.notFound(`No recording ${id}.`);
      return ok({ recordingId: id, transcript });
    }),
  );
  // The speech-to-text hook the API calls for voicemail transcripts (TRANSCRIPTION_URL), answered with what the
  // simulated caller said into the recording.
  router.add(
    'POST',
    '/transcriptions',
    control(async (context) => {
      const { recordingUrl } = (await context.json()) as { recordingUrl?: unknown };
      const id = typeof recordingUrl === 'string' ? /\/recordings\/([^/?#]+)/.exec(recordingUrl)?.[1] : undefined;
      const text = id ? carrier.recordingTranscript(decodeURIComponent(id)) : null;
      if (text === null) throw SandboxControlError.notFound(`No sandbox recording at ${String(recordingUrl)}.`);
      return ok({ text });
    }),
  );
  router.add('GET', '/control/messages', control(() => ok(carrier.messages())));
  router.add(
    'POST',
    '/control/reset',
    control(() => {
      carrier.reset();
      return ok({ reset: true });
    }),
  );
}
