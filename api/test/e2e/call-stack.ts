import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { TraceEvent } from '@callflow/engine';
import { FLOW_FORMAT } from '@callflow/schemas';
import { callWorkflowId } from '@callflow/workflows';
import type { Tracing } from '@callflow/workflows/src/observability/tracing';
import { bundleCallWorkflows, createCallWorker } from '@callflow/workflows/src/worker';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { loadConfig, type AppConfig } from '../../src/config';
import { legClientState } from '../../src/webhooks/call-event-router';
import {
  createSandboxCarrier,
  type CallIds,
  type CallTimeline,
  type LegSummary,
  type PlaceCallRequest,
  type SandboxCarrier,
  type TimelineEntryView,
} from '../../src/sandbox';
import { findFreePort } from '@callflow/deploy';
import { createTestNamespace } from '../support/temporal-namespace';
import type { TestApp } from '../support/test-app';

/** Simulated time runs this much faster than real time (prompts, rings, conversations). */
export const SANDBOX_SPEED = 0.05;

export interface PlacedCall {
  ids: CallIds;
  workflowId: string;
  /** Waits until the call's workflow has finished and the call log is written. */
  done(timeoutMs?: number): Promise<CallResult>;
}

export type DialledLeg = LegSummary & { workflowId: string; legId: string; timeline: TimelineEntryView[] };

export interface CallResult {
  call: StoredCall;
  events: TraceEvent[];
  timeline: CallTimeline;
  workflowId: string;
}

/**
 * The whole call path in one process tree: the API (webhooks, internal endpoints) with the sandbox carrier, a
 * real call worker, the shared Temporal server (a namespace of its own) and the test database.
 */
export class CallStack {
  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly sandbox: SandboxCarrier,
    readonly client: Client,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly closeWorker: () => Promise<void>,
    private readonly connection: Connection,
  ) {}

  /**
   * `overrides`: configuration the test needs beyond the test environment's (an SMTP server…). `tracing`: where the
   * worker's workflow spans go.
   */
  static async start(overrides: Partial<AppConfig> = {}, options: { tracing?: Tracing } = {}): Promise<CallStack> {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS must be set (jest globalSetup)');
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Installed by an earlier suite in this worker process.
    }
    const namespace = await createTestNamespace(address, 'callflow-e2e');
    const port = await findFreePort('127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const sandbox = createSandboxCarrier({ webhookUrl: `${baseUrl}/api/webhooks/telnyx`, speed: SANDBOX_SPEED, firstCommandTimeoutSecs: 300 });
    const config: AppConfig = { ...loadConfig({ ...process.env, PORT: String(port) }), temporalNamespace: namespace, telnyxPublicKey: sandbox.publicKey, ...overrides };
    const app = await createApp(config, ['error'], { sandbox });
    await app.listen(port, '127.0.0.1');

    const workflowBundle = await bundleCallWorkflows();
    const { worker, close } = await createCallWorker(
      {
        temporalAddress: address,
        temporalNamespace: namespace,
        carrier: {
          apiKey: 'sandbox',
          baseUrl: `${baseUrl}/sandbox/telnyx/v2`,
          connectionId: 'sandbox',
          holdMusicUrl: `${baseUrl}/sandbox/hold-music.mp3`,
          requestTimeoutMs: 3000,
        },
        internalApi: { baseUrl, token: config.internalApiToken, timeoutMs: 8000 },
        maxCachedWorkflows: 200,
      },
      { workflowBundle, ...options },
    );
    const running = worker.run();
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    return new CallStack(app, config, sandbox, client, worker, running, close, connection);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** The repositories and services of the API, for seeding (same shape as the unit tests' TestApp). */
  asTestApp(): Pick<TestApp, 'get'> {
    return { get: (type) => this.app.get(type) };
  }

  /** Places a simulated call and waits until the call's workflow has finished and the call log is written. */
  async call(request: PlaceCallRequest, timeoutMs = 60_000): Promise<CallResult> {
    return this.placeCall(request).done(timeoutMs);
  }

  /** Places a simulated call without waiting: act on it mid-call, then `done()` waits for its outcome. */
  placeCall(request: PlaceCallRequest): PlacedCall {
    const ids = this.sandbox.placeCall(request);
    const workflowId = callWorkflowId(ids.callSessionId);
    return { ids, workflowId, done: (timeoutMs = 60_000) => this.outcome(ids.callSessionId, workflowId, timeoutMs) };
  }

  /**
   * The legs a workflow dialled (agents, callbacks: each in a call session of its own), recognised by their
   * client_state; `workflow` is its id, or a test of ids (e.g. every callback workflow of a queue).
   */
  dialledLegs(workflow: string | ((workflowId: string) => boolean)): DialledLeg[] {
    const matches = typeof workflow === 'string' ? (workflowId: string) => workflowId === workflow : workflow;
    return this.sandbox.listCalls().flatMap((leg) => {
      const state = legClientState(leg.clientState);
      if (leg.direction !== 'outgoing' || !state || !matches(state.w)) return [];
      return [{ ...leg, workflowId: state.w, legId: state.l, timeline: this.sandbox.callTimeline(leg.callControlId)?.timeline ?? [] }];
    });
  }

  /** The legs `workflow` dialled, once exactly `count` exist and all have ended; oldest first. */
  async endedLegs(workflow: string | ((workflowId: string) => boolean), count: number, timeoutMs = 15_000): Promise<DialledLeg[]> {
    let legs: DialledLeg[] = [];
    try {
      return await waitFor(
        `${count} ended dialled legs`,
        () => {
          legs = this.dialledLegs(workflow);
          return legs.length === count && legs.every((leg) => leg.state === 'ended') && legs.sort((a, b) => a.createdAt - b.createdAt);
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; have ${JSON.stringify(legs.map(({ to, state }) => ({ to, state })))}`);
    }
  }

  private async outcome(callSessionId: string, workflowId: string, timeoutMs: number): Promise<CallResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM calls WHERE call_session_id = $1 AND outcome IS NOT NULL', [callSessionId]);
      const id = rows[0]?.id;
      if (id) {
        const calls = this.app.get(CallsRepository);
        const call = await calls.findCall(id);
        const timeline = this.sandbox.callTimeline(callSessionId);
        if (!call || !timeline) throw new Error(`call ${id} vanished`);
        return { call, events: await calls.events(id), timeline, workflowId };
      }
      if (Date.now() > deadline) {
        throw new Error(`call ${callSessionId} did not end within ${timeoutMs} ms: ${JSON.stringify(this.sandbox.callTimeline(callSessionId)?.timeline.slice(-8))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.closeWorker();
    await this.connection.close();
    this.sandbox.close();
    await this.app.close();
  }
}

/** Carrier commands of a call as the sandbox accepted them (repeats ignored by command id excluded). */
export function commandsOf(result: CallResult): Array<{ action: string; body: Record<string, unknown> }> {
  return commandsIn(result.timeline.timeline);
}

/** The accepted commands of any timeline (a call's, or a dialled leg's). */
export function commandsIn(timeline: TimelineEntryView[]): Array<{ action: string; callControlId: string; body: Record<string, unknown> }> {
  return timeline.flatMap((entry) =>
    entry.kind === 'command' && entry.result === 'ok'
      ? [{ action: entry.action, callControlId: entry.callControlId, body: entry.body as Record<string, unknown> }]
      : [],
  );
}

/** Polls `probe` until it returns something other than undefined, null or false; fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const tts = (text: string) => ({ type: 'tts', text });

/**
 * A flow document from nodes (version, label and position filled in) and edges written `source.port -> target`.
 */
export function flowDocument(
  nodes: Array<{ id: string; kind: string; config?: Record<string, unknown> }>,
  edges: string[],
  timeZone = 'America/New_York',
): unknown {
  return {
    format: FLOW_FORMAT,
    metadata: { name: 'E2E', timeZone },
    variables: [],
    nodes: nodes.map((node, index) => ({ version: 1, label: node.id, position: { x: index * 200, y: 0 }, config: {}, ...node })),
    edges: edges.map((edge, index) => {
      const [from = '', target = ''] = edge.split('->').map((part) => part.trim());
      const [source, sourcePort] = from.split('.');
      return { id: `e${index}`, source, sourcePort, target };
    }),
  };
}

/** The accepted carrier commands of the call's own session: exactly `actions`, in order, each under its own command id. */
export function expectCommands(result: CallResult, actions: string[]): ReturnType<typeof commandsOf> {
  const commands = commandsOf(result);
  expect(commands.map((command) => command.action)).toEqual(actions);
  const commandIds = commands.map((command) => command.body.command_id);
  expect(new Set(commandIds).size).toBe(commandIds.length);
  return commands;
}

/** What the caller heard as speech (speak and gather_using_speak payloads), in order. */
export function spoken(result: CallResult): string[] {
  return commandsOf(result).flatMap((command) =>
    command.action === 'speak' || command.action === 'gather_using_speak' ? [String(command.body.payload)] : [],
  );
}

/** The nodes the call entered, in order. */
export function visited(result: CallResult): Array<string | null> {
  return result.events.filter((event) => event.type === 'node.entered').map((event) => event.node);
}

export function eventsOfType<T extends TraceEvent['type']>(result: CallResult, type: T): Array<Extract<TraceEvent, { type: T }>> {
  return result.events.filter((event): event is Extract<TraceEvent, { type: T }> => event.type === type);
}
