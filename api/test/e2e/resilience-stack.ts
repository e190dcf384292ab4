import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { ManagedProcess, REPO_ROOT, findFreePort, nodeTypeScriptArgs } from '@callflow/deploy';
import type { TraceEvent } from '@callflow/engine';
import { callWorkflowId } from '@callflow/workflows';
import { bundleCallWorkflows, createCallWorker } from '@callflow/workflows/src/worker';
import type { WorkerConfig } from '@callflow/workflows/src/worker-config';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { loadConfig, type AppConfig } from '../../src/config';
import { createSandboxCarrier, type CallIds, type CommandEntry, type PlaceCallRequest, type SandboxCarrier, type TimelineEntryView } from '../../src/sandbox';
import { legClientState } from '../../src/webhooks/call-event-router';
import { createTestNamespace } from '../support/temporal-namespace';
import { waitFor } from './call-stack';
import type { TestApp } from '../support/test-app';

export interface ResilienceStackOptions {
  /** Sandbox time factor (default 0.05): raise it when a test needs the caller or agents to wait longer in real time. */
  speed?: number;
  /** `process`: no worker in this process; the test spawns worker processes with `spawnWorker()`. Default `in-process`. */
  worker?: 'in-process' | 'process';
  /** The API reaches Temporal through a TCP proxy the test can cut (`temporalLink`). The workers connect directly. */
  temporalProxy?: boolean;
  /** Webhooks pass through a recording relay (`tap`) on their way from the sandbox to the API. */
  tap?: boolean;
}

/** Everything that happened to a call: its legs (the caller's and those the workflow dialled) on one timeline. */
export interface CallRecord {
  call: StoredCall;
  events: TraceEvent[];
  timeline: TimelineEntryView[];
  workflowId: string;
}

/**
 * The whole call path like CallStack (API with the sandbox carrier, Temporal namespace of its own, test database),
 * with what resilience tests need on top: the worker as separate processes, a cuttable link between the API and
 * Temporal, the sandbox at any speed, and the timelines of dialled legs folded into the call's.
 */
export class ResilienceStack {
  private readonly workers = new Set<WorkerProcess>();

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly sandbox: SandboxCarrier,
    readonly client: Client,
    readonly baseUrl: string,
    /** Null unless started with `temporalProxy`. */
    readonly temporalLink: TcpProxy | null,
    /** Null unless started with `tap`. */
    readonly tap: WebhookTap | null,
    private readonly inProcessWorker: { worker: Worker; running: Promise<void>; close: () => Promise<void> } | null,
    private readonly connection: Connection,
  ) {}

  static async start(options: ResilienceStackOptions = {}): Promise<ResilienceStack> {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS must be set (jest globalSetup)');
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Installed by an earlier suite in this jest worker.
    }
    const namespace = await createTestNamespace(address, 'callflow-resilience');
    // The port is chosen first so the sandbox knows its public URL (recording links) from the start.
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const webhookUrl = `${baseUrl}/api/webhooks/telnyx`;
    const tap = options.tap ? await WebhookTap.start(webhookUrl) : null;
    const sandbox = createSandboxCarrier({
      webhookUrl: tap?.url ?? webhookUrl,
      publicBaseUrl: `${baseUrl}/sandbox`,
      speed: options.speed ?? 0.05,
      firstCommandTimeoutSecs: 600,
    });
    const temporalLink = options.temporalProxy ? await TcpProxy.start(address) : null;
    const config: AppConfig = {
      ...loadConfig(),
      temporalNamespace: namespace,
      telnyxPublicKey: sandbox.publicKey,
      ...(temporalLink ? { temporalAddress: temporalLink.address } : {}),
    };
    const app = await createApp(config, ['error'], { sandbox });
    await app.listen(port, '127.0.0.1');

    let inProcessWorker: ResilienceStack['inProcessWorker'] = null;
    if ((options.worker ?? 'in-process') === 'in-process') {
      const workflowBundle = await bundleCallWorkflows();
      const { worker, close } = await createCallWorker(workerConfig(address, namespace, baseUrl, config.internalApiToken), { workflowBundle });
      inProcessWorker = { worker, running: worker.run(), close };
    }
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    return new ResilienceStack(app, config, sandbox, client, baseUrl, temporalLink, tap, inProcessWorker, connection);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  asTestApp(): Pick<TestApp, 'get'> {
    return { get: (type) => this.app.get(type) };
  }

  placeCall(request: PlaceCallRequest): CallIds & { workflowId: string } {
    const ids = this.sandbox.placeCall(request);
    return { ...ids, workflowId: callWorkflowId(ids.callSessionId) };
  }

  /** The caller's session and every leg the workflow dialled (agents ring in call sessions of their own), in order. */
  timeline(callSessionId: string): TimelineEntryView[] {
    const workflowId = callWorkflowId(callSessionId);
    const own = this.sandbox.callTimeline(callSessionId)?.timeline ?? [];
    const dialled = this.dialledLegs(workflowId).flatMap((leg) => this.sandbox.callTimeline(leg.callControlId)?.timeline ?? []);
    const bySeq = new Map([...own, ...dialled].map((entry) => [entry.seq, entry]));
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Legs the workflow dialled, recognised by the client_state it gave them. */
  dialledLegs(workflowId: string): Array<{ callControlId: string; legId: string; to: string; state: string }> {
    return this.sandbox.listCalls().flatMap((leg) => {
      const state = legClientState(leg.clientState);
      return leg.direction === 'outgoing' && state?.w === workflowId ? [{ callControlId: leg.callControlId, legId: state.l, to: leg.to, state: leg.state }] : [];
    });
  }

  /** Waits until the call's outcome is in the call log, then returns the log and the carrier's timeline. */
  async outcome(callSessionId: string, timeoutMs = 30_000): Promise<CallRecord> {
    const id = await waitShowing(`the outcome of call ${callSessionId}`, async () => {
      const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM calls WHERE call_session_id = $1 AND outcome IS NOT NULL', [callSessionId]);
      return rows[0]?.id;
    }, timeoutMs, () => JSON.stringify(this.timeline(callSessionId).slice(-6)));
    // The workflow can finish on the first copy of a webhook while further copies are still on their way.
    await waitShowing(
      `every webhook copy of call ${callSessionId} to be delivered`,
      () => this.timeline(callSessionId).every((entry) => entry.kind !== 'webhook' || entry.copiesPending === 0),
      timeoutMs,
      () => JSON.stringify(this.timeline(callSessionId).filter((entry) => entry.kind === 'webhook' && entry.copiesPending > 0)),
    );
    const calls = this.app.get(CallsRepository);
    const call = await calls.findCall(id);
    if (!call) throw new Error(`call ${id} vanished`);
    return { call, events: await calls.events(id), timeline: this.timeline(callSessionId), workflowId: callWorkflowId(callSessionId) };
  }

  async call(request: PlaceCallRequest, timeoutMs?: number): Promise<CallRecord> {
    return this.outcome(this.placeCall(request).callSessionId, timeoutMs);
  }

  /** The sandbox's Call Control API. */
  get telnyxApiBaseUrl(): string {
    return `${this.baseUrl}/sandbox/telnyx/v2`;
  }

  /** Waits until the workflow is closed in Temporal; returns its status name (COMPLETED, FAILED…). */
  async workflowClosed(workflowId: string, timeoutMs = 15_000): Promise<string> {
    return waitFor(`workflow ${workflowId} to close`, async () => {
      const { status } = await this.client.workflow.getHandle(workflowId).describe();
      return status.name === 'RUNNING' ? undefined : status.name;
    }, timeoutMs);
  }

  /**
   * Starts a worker process (`node workflows/src/worker.ts`) for this stack's namespace; resolves once it polls.
   * `telnyxApiBaseUrl`: where it sends carrier commands (default: the sandbox directly).
   */
  async spawnWorker(name = `worker-${this.workers.size + 1}`, telnyxApiBaseUrl = this.telnyxApiBaseUrl): Promise<WorkerProcess> {
    const worker = new WorkerProcess(name, {
      ...process.env,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: this.config.temporalNamespace,
      CALLFLOW_API_URL: this.baseUrl,
      INTERNAL_API_TOKEN: this.config.internalApiToken,
      TELNYX_API_BASE_URL: telnyxApiBaseUrl,
      TELNYX_API_KEY: '',
    });
    this.workers.add(worker);
    await worker.ready();
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.stop()));
    if (this.inProcessWorker) {
      this.inProcessWorker.worker.shutdown();
      await this.inProcessWorker.running;
      await this.inProcessWorker.close();
    }
    await this.connection.close();
    this.sandbox.close();
    await this.app.close();
    await this.temporalLink?.close();
    await this.tap?.close();
  }
}

function workerConfig(address: string, namespace: string, baseUrl: string, token: string): WorkerConfig {
  return {
    temporalAddress: address,
    temporalNamespace: namespace,
    carrier: {
      apiKey: 'sandbox',
      baseUrl: `${baseUrl}/sandbox/telnyx/v2`,
      connectionId: 'sandbox',
      holdMusicUrl: `${baseUrl}/sandbox/hold-music.mp3`,
      requestTimeoutMs: 3000,
    },
    internalApi: { baseUrl, token, timeoutMs: 8000 },
    maxCachedWorkflows: 200,
  };
}

/** `npm start`'s worker, as its own OS process. */
export class WorkerProcess {
  private readonly process: ManagedProcess;
  /** Epoch ms the worker said it polls the task queue. */
  readyAt: number | null = null;

  constructor(
    readonly name: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.process = new ManagedProcess({
      name,
      command: process.execPath,
      args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'workflows', 'src', 'worker.ts')),
      cwd: REPO_ROOT,
      env,
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get hasExited(): boolean {
    return this.process.hasExited;
  }

  /** How it ended (or that it runs), with its last output. */
  describeExit(): string {
    return this.process.describeExit();
  }

  outputTail(): string {
    return this.process.outputTail();
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    await waitShowing(
      `${this.process.name} to poll`,
      () => {
        if (this.process.hasExited) throw new Error(this.process.describeExit());
        return this.process.outputTail().includes('worker polling');
      },
      timeoutMs,
      () => this.process.outputTail(),
    );
    this.readyAt = Date.now();
  }

  /** SIGKILL: no graceful shutdown, the sticky queue is not released. */
  async kill(): Promise<void> {
    if (this.pid === undefined) throw new Error(`${this.process.name} has no pid`);
    process.kill(this.pid, 'SIGKILL');
    const exit = await this.process.exited;
    if (exit.signal !== 'SIGKILL') throw new Error(`${this.process.name} was expected to die of SIGKILL: ${this.process.describeExit()}`);
  }

  async stop(): Promise<void> {
    await this.process.stop(10_000);
  }
}

/** One webhook delivery as the tap relayed it, with the API's answer to each copy. */
export interface TappedDelivery {
  eventId: string;
  eventType: string;
  callSessionId: string | null;
  /** The exact bytes and headers the sandbox sent (the signature covers them). */
  body: string;
  headers: Record<string, string>;
  statuses: number[];
}

const RELAYED_HEADERS = ['content-type', 'user-agent', 'telnyx-signature-ed25519', 'telnyx-timestamp'];

/**
 * Sits between the sandbox and the API: relays every webhook delivery unchanged and records it, so tests can
 * replay real deliveries. With `concurrentCopies` > 1 it sends each delivery that many times at once (the sandbox's
 * own duplicates go one after another); the sandbox then sees a failure if any copy failed.
 */
export class WebhookTap {
  readonly deliveries: TappedDelivery[] = [];
  concurrentCopies = 1;
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(RELAYED_HEADERS.flatMap((name) => (typeof request.headers[name] === 'string' ? [[name, request.headers[name]]] : [])));
      void this.relay(Buffer.concat(chunks).toString('utf8'), headers).then(
        ({ status, text }) => response.writeHead(status, { 'content-type': 'application/json' }).end(text),
        (error: unknown) => response.writeHead(502).end(String(error)),
      );
    });
  });

  private constructor(private readonly target: string) {}

  static async start(target: string): Promise<WebhookTap> {
    const tap = new WebhookTap(target);
    await new Promise<void>((resolve) => tap.server.listen(0, '127.0.0.1', resolve));
    return tap;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/tap`;
  }

  /** POSTs a body to the API as a delivery would (the headers must carry a valid signature). */
  async post(body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
    const response = await fetch(this.target, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  }

  /** The recorded deliveries of one event type in one call session (agent legs have sessions of their own). */
  find(eventType: string, callSessionId: string): TappedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.eventType === eventType && delivery.callSessionId === callSessionId);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async relay(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const data = (JSON.parse(body) as { data: { id: string; event_type: string; payload: { call_session_id?: string } } }).data;
    let delivery = this.deliveries.find((candidate) => candidate.eventId === data.id);
    if (delivery === undefined) {
      delivery = { eventId: data.id, eventType: data.event_type, callSessionId: data.payload.call_session_id ?? null, body, headers, statuses: [] };
      this.deliveries.push(delivery);
    }
    const answers = await Promise.all(
      Array.from({ length: this.concurrentCopies }, async () => {
        const response = await fetch(this.target, { method: 'POST', headers, body });
        return { status: response.status, text: await response.text() };
      }),
    );
    delivery.statuses.push(...answers.map((answer) => answer.status));
    return answers.find((answer) => answer.status < 200 || answer.status >= 300) ?? answers[0] ?? { status: 502, text: '' };
  }
}

/** A TCP relay to `upstream` that can be cut (connections reset, new ones refused at once) and restored. */
export class TcpProxy {
  private up = true;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((client) => {
    if (!this.up) {
      client.destroy();
      return;
    }
    const target = net.connect(this.upstreamPort, this.upstreamHost);
    for (const socket of [client, target]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        target.destroy();
      });
    }
    client.pipe(target);
    target.pipe(client);
  });

  private constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  static async start(upstream: string): Promise<TcpProxy> {
    const [host = '127.0.0.1', port = ''] = upstream.split(':');
    const proxy = new TcpProxy(host, Number(port));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `host:port` to give the API instead of Temporal's. */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.up = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** waitFor, with what `context` says (the call's last steps, a process's output) added to a timeout's message. */
async function waitShowing<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs: number, context: () => string): Promise<T> {
  try {
    return await waitFor(what, probe, timeoutMs);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}: ${context()}`);
  }
}

/** Every command the sandbox received (accepted, ignored as a repeat, or refused), in order. */
export function commandEntries(timeline: TimelineEntryView[]): CommandEntry[] {
  return timeline.filter((entry): entry is CommandEntry => entry.kind === 'command');
}

/** The accepted commands: what the carrier actually did. */
export function acceptedCommands(timeline: TimelineEntryView[]): CommandEntry[] {
  return commandEntries(timeline).filter((entry) => entry.result === 'ok');
}

/** Call-log events without their instants: what two runs of the same script must agree on. */
export function withoutTimes(events: TraceEvent[]): Array<Omit<TraceEvent, 'at'>> {
  return events.map(({ at: _at, ...rest }) => rest);
}
