import { CallCommands } from './call-commands';
import { addControlRoutes } from './control-routes';
import { EventPublisher } from './event-publisher';
import { HttpRouter, type RouteResult, type SandboxRequestHandler } from './http-router';
import { createMicrosecondClock, newConnectionId } from './ids';
import type { StoredRecording } from './recorder';
import { SandboxCalls, type CallIds, type CallTimeline, type LegSummary } from './sandbox-calls';
import { SandboxControlError } from './sandbox-control-error';
import { SILENT_LOGGER, type SandboxLogger } from './sandbox-logger';
import { SandboxMessaging, type SentMessage } from './sandbox-messaging';
import { addNumberRoutes, SandboxNumbers } from './sandbox-numbers';
import {
  DeliveryFaultsSchema,
  type DeliveryFaults,
  type DeliveryFaultsInput,
  type EndpointBehaviour,
  type EndpointBehaviourInput,
  type PlaceCallRequest,
} from './sandbox.schema';
import { Scheduler } from './scheduler';
import { telnyxErrors } from './telnyx-errors';
import { addTelnyxRoutes, telnyxErrorResult } from './telnyx-routes';
import { TimelineSequence } from './timeline';
import { TIMING } from './timing';
import { renderWav } from './wav';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSigner } from './webhook-signer';

export interface SandboxCarrierOptions {
  /** Where webhooks go, e.g. `http://127.0.0.1:3000/api/webhooks/telnyx`. */
  webhookUrl: string;
  /** Time factor of the simulation: 1 = realistic, 0.01 in tests. Webhook retries are not scaled. */
  speed?: number;
  /** `connection_id` of inbound calls (dials echo the one they are given). Default: a random 19-digit id. */
  connectionId?: string;
  logger?: SandboxLogger;
  /** Epoch ms; timestamps, command_id windows and signatures use it. */
  now?: () => number;
  /**
   * Simulated seconds an incoming call waits for the flow's first command (answer, transfer, bridge,
   * reject, hangup) before it is dropped with hangup_cause `timeout`. Default 30 (300 ms at speed 0.01:
   * raise it when the flow's first command can take longer, e.g. a cold worker).
   */
  firstCommandTimeoutSecs?: number;
  /** Absolute URL the router is mounted at (recording URLs point there). Default: the webhook URL's origin + `/sandbox`. */
  publicBaseUrl?: string;
  /** Wait before each webhook retry (attempts = length + 1). Default 1, 2, 4, 8 s. */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt webhook timeout. Default 10 s. */
  webhookTimeoutMs?: number;
}

export interface SandboxInfo {
  publicKey: string;
  connectionId: string;
  webhookUrl: string;
  publicBaseUrl: string;
  speed: number;
}

/** The sandbox carrier: a local Telnyx Call Control v2 with simulated callers and endpoints. */
export function createSandboxCarrier(options: SandboxCarrierOptions): SandboxCarrier {
  return new SandboxCarrier(options);
}

/**
 * Stands in for Telnyx: serves Call Control v2 (`/telnyx/v2/...`), the control API (`/control/...`) and
 * recordings (`/recordings/:id`) through `router`, and sends Ed25519-signed webhooks to `webhookUrl`.
 * Every control method here is also reachable over HTTP (see control-routes.ts).
 */
export class SandboxCarrier {
  /** Mount at `/sandbox`: `app.use('/sandbox', carrier.router)`; or use as a node:http listener. */
  readonly router: SandboxRequestHandler;
  /** Base64 raw 32-byte Ed25519 public key: what `TELNYX_PUBLIC_KEY` must hold to verify the webhooks. */
  readonly publicKey: string;
  readonly connectionId: string;
  readonly speed: number;
  private webhookUrl: string;
  private publicBaseUrl: string;
  private readonly publicBaseUrlGiven: boolean;
  private readonly scheduler: Scheduler;
  private readonly dispatcher: WebhookDispatcher;
  private readonly calls: SandboxCalls;
  private readonly commands: CallCommands;
  private readonly messaging: SandboxMessaging;
  private closed = false;

  constructor(options: SandboxCarrierOptions) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`Sandbox carrier speed must be a positive number (got ${speed}).`);
    const now = options.now ?? Date.now;
    const logger = options.logger ?? SILENT_LOGGER;
    this.speed = speed;
    this.webhookUrl = new URL(options.webhookUrl).toString();
    this.publicBaseUrlGiven = options.publicBaseUrl !== undefined;
    this.publicBaseUrl = (options.publicBaseUrl ?? publicBaseUrlFor(options.webhookUrl)).replace(/\/+$/, '');
    this.connectionId = options.connectionId ?? newConnectionId();

    const signer = new WebhookSigner();
    this.publicKey = signer.publicKey;
    const sequence = new TimelineSequence();
    const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, -1)}000Z`;
    this.scheduler = new Scheduler(speed, (error) => logger.error(`Sandbox carrier timer failed: ${describe(error)}`));
    this.dispatcher = new WebhookDispatcher({
      signer,
      now,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 2000, 4000, 8000],
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      logger,
    });
    const publisher = new EventPublisher({
      dispatcher: this.dispatcher,
      sequence,
      now,
      occurredAt: createMicrosecondClock(now),
      webhookUrl: () => this.webhookUrl,
    });
    this.calls = new SandboxCalls({
      scheduler: this.scheduler,
      publisher,
      sequence,
      now,
      iso,
      connectionId: this.connectionId,
      firstCommandTimeoutSecs: options.firstCommandTimeoutSecs ?? TIMING.firstCommandTimeoutSecs,
      recordingUrl: (recordingId) => `${this.publicBaseUrl}/recordings/${recordingId}`,
    });
    this.commands = new CallCommands({ calls: this.calls, sequence, now, iso });
    this.messaging = new SandboxMessaging({ scheduler: this.scheduler, publisher, now, iso });

    const router = new HttpRouter({
      notFound: (pathname, method) =>
        pathname.startsWith('/telnyx/')
          ? telnyxErrorResult(telnyxErrors.notFound(`The sandbox carrier has no ${method} ${pathname}.`))
          : { status: 404, json: { error: `The sandbox carrier has no ${method} ${pathname}.`, issues: [] } },
      onError: (error): RouteResult => {
        logger.error(`Sandbox carrier request failed: ${describe(error)}`);
        return { status: 500, json: { errors: [{ code: '10007', title: 'Unexpected error', detail: describe(error) }] } };
      },
    });
    addTelnyxRoutes(router, this.commands, this.messaging);
    addControlRoutes(router, this);
    addNumberRoutes(router, new SandboxNumbers(now));
    // The worker's default hold music in sandbox mode (HOLD_MUSIC_URL unset). WAV bytes despite the name:
    // the sandbox never decodes audio, and the browser sniffs the format.
    let holdMusic: Buffer | null = null;
    router.add('GET', '/hold-music.mp3', () => {
      holdMusic ??= renderWav(5000, { fromMs: 0, toMs: 5000 });
      return { status: 200, bytes: holdMusic, contentType: 'audio/wav' };
    });
    router.add('GET', '/recordings/:id', (context) => {
      const wav = this.calls.recorder.wav(context.params['id'] ?? '');
      if (wav === undefined) return { status: 404, json: { error: 'No such recording.', issues: [] } };
      return { status: 200, bytes: wav, contentType: 'audio/wav' };
    });
    this.router = (req, res) => {
      if (!this.closed) {
        router.handle(req, res);
        return;
      }
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ code: '10007', title: 'Service unavailable', detail: 'The sandbox carrier is closed.' }] }));
    };
  }

  info(): SandboxInfo {
    return {
      publicKey: this.publicKey,
      connectionId: this.connectionId,
      webhookUrl: this.webhookUrl,
      publicBaseUrl: this.publicBaseUrl,
      speed: this.speed,
    };
  }

  /** Webhooks go here from now on (e.g. once the API listens on its ephemeral port); so do recording links, unless configured. */
  setWebhookUrl(url: string): void {
    this.webhookUrl = new URL(url).toString();
    if (!this.publicBaseUrlGiven) this.publicBaseUrl = publicBaseUrlFor(url);
  }

  /** A simulated caller dials `to`; `call.initiated` (incoming, parked) goes to the webhook. */
  placeCall(request: PlaceCallRequest): CallIds {
    this.assertOpen();
    return this.calls.placeCall(request);
  }

  /** How a dialed address behaves from now on (default: answer after 2 s, talk 20 s, hang up). */
  setEndpoint(address: string, behaviour: EndpointBehaviourInput): EndpointBehaviour {
    return this.calls.setEndpoint(address, behaviour);
  }

  removeEndpoint(address: string): boolean {
    return this.calls.removeEndpoint(address);
  }

  listEndpoints(): { address: string; behaviour: EndpointBehaviour }[] {
    return this.calls.listEndpoints();
  }

  /** The far end of a leg presses keys now (300 ms apart × speed). */
  pressDigits(callControlId: string, digits: string): void {
    this.calls.pressDigits(callControlId, digits);
  }

  /** The far end of a ringing leg answers now. */
  answer(callControlId: string): void {
    this.calls.answerFarEnd(callControlId);
  }

  /** The far end of a leg hangs up now (a ringing leg declines). */
  hangUp(callControlId: string): void {
    this.calls.hangUpFarEnd(callControlId);
  }

  setFaults(faults: DeliveryFaultsInput): DeliveryFaults & { seed: number } {
    const parsed = DeliveryFaultsSchema.safeParse(faults);
    if (!parsed.success) throw SandboxControlError.invalid('Invalid delivery faults', parsed.error);
    return this.dispatcher.setFaults(parsed.data);
  }

  getFaults(): DeliveryFaults & { seed: number } {
    return this.dispatcher.getFaults();
  }

  /** By call_control_id: that leg's timeline; by call_session_id: all legs of the session. null if unknown. */
  callTimeline(id: string): CallTimeline | null {
    return this.calls.timeline(id);
  }

  listCalls(): LegSummary[] {
    return this.calls.list();
  }

  /** One leg by its call_control_id; null if unknown. */
  findCall(callControlId: string): LegSummary | null {
    return this.calls.find(callControlId);
  }

  /** What the party said into a recording ('' if nothing); null for an unknown recording id. */
  recordingTranscript(recordingId: string): string | null {
    return this.calls.recorder.get(recordingId)?.transcript ?? null;
  }

  recording(recordingId: string): StoredRecording | null {
    return this.calls.recorder.get(recordingId) ?? null;
  }

  /** SMS sent through POST /v2/messages. */
  messages(): SentMessage[] {
    return this.messaging.list();
  }

  /** Forgets every call, endpoint behaviour, fault, recording and message; pending webhooks are dropped. */
  reset(): void {
    this.scheduler.clear();
    this.dispatcher.reset();
    this.calls.reset();
    this.commands.reset();
    this.messaging.reset();
  }

  /** reset(), then every request is answered 503. */
  close(): void {
    this.reset();
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The sandbox carrier is closed.');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The sandbox is served by the API that receives its webhooks. */
function publicBaseUrlFor(webhookUrl: string): string {
  return `${new URL(webhookUrl).origin}/sandbox`;
}
