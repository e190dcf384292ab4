import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ManagedProcess, REPO_ROOT, findFreePort, nodeTypeScriptArgs, waitUntil } from '@callflow/deploy';
import { writeWorkflowBundle } from '@callflow/deploy/src/workflow-bundle';
import type { TraceEvent } from '@callflow/engine';
import { callWorkflowId } from '@callflow/workflows';
import { serveSandboxCarrier, type CallIds, type PlaceCallRequest, type SandboxCarrier, type SandboxCarrierOptions, type StandaloneSandbox, type TimelineEntryView } from '../../src/sandbox';
import { CallsRepository } from '../../src/calls/calls.repository';
import { legClientState } from '../../src/webhooks/call-event-router';
import { startTestApp, type TestApp } from '../support/test-app';
import { LoadBalancer } from './load-balancer';
import { WorkerProcess } from './resilience-stack';

const { EventType } = temporal.api.enums.v1;

export interface MultiInstanceOptions {
  /** A migrated database. */
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  /** Shared by the API instances' Socket.io servers. */
  redisUrl: string;
  /** API instances (default 2). */
  apiInstances?: number;
  /** Worker processes (default 2). */
  workers?: number;
  /** The sandbox carrier's time factor. */
  speed: number;
  sandbox?: Pick<SandboxCarrierOptions, 'logger' | 'firstCommandTimeoutSecs' | 'webhookRetryDelaysMs'>;
  /** WORKER_MAX_CACHED_WORKFLOWS of each worker. */
  workerMaxCachedWorkflows?: number;
  /** MAX_ACTIVE_CALLS of the API instances (default: no ceiling). */
  maxActiveCalls?: number;
  /** MAX_CALLS_PER_SECOND of the API instances (default: no limit). */
  maxCallsPerSecond?: number;
}

/**
 * Webhook retries of the carrier here: five after the first attempt, 31 s in all (Telnyx allows up to five within 60 s
 * per call). An API instance killed while it held an event's claim leaves it claimed for 15 s (CLAIM_LEASE_SECS): the
 * redelivery that finds it free again must still be to come.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000];

/** Where a call stands in the call log. */
export interface CallOutcome {
  result: string;
  node: string | null;
}

/** `npm start`'s API (api/src/main.ts) as an OS process of its own, in Telnyx mode against the shared sandbox carrier. */
export class ApiProcess {
  private readonly process: ManagedProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    this.process = new ManagedProcess({
      name,
      command: process.execPath,
      args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'api', 'src', 'main.ts')),
      cwd: REPO_ROOT,
      env: { ...env, PORT: String(port) },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get hasExited(): boolean {
    return this.process.hasExited;
  }

  /** Resolves once `/api/health` answers 200 (PostgreSQL and Temporal reachable). */
  async ready(timeoutMs = 180_000): Promise<void> {
    await waitUntil(
      async () => {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(3000) });
        if (response.status !== 200) throw new Error(`health answered ${response.status}`);
      },
      { what: this.name, timeoutMs, intervalMs: 250, abortReason: () => (this.process.hasExited ? this.process.describeExit() : undefined) },
    );
  }

  /** SIGKILL: no shutdown hooks, sockets and requests in flight are cut. */
  async kill(): Promise<void> {
    if (this.pid === undefined) throw new Error(`${this.name} has no pid`);
    process.kill(this.pid, 'SIGKILL');
    const exit = await this.process.exited;
    if (exit.signal !== 'SIGKILL') throw new Error(`${this.name} was expected to die of SIGKILL: ${this.process.describeExit()}`);
  }

  async stop(): Promise<void> {
    await this.process.stop(10_000);
  }

  /** How it ended (or that it runs), with its last output. */
  describeExit(): string {
    return this.process.describeExit();
  }

  outputTail(): string {
    return this.process.outputTail();
  }
}

/**
 * Several API instances and workers on loopback ports, sharing PostgreSQL, Temporal and Redis, as the compose stack runs
 * them: the instances (api/src/main.ts) behind a round-robin load balancer, which the carrier's webhooks, the workers'
 * internal calls and the sockets go through; the workers (workflows/src/worker.ts, one prebuilt workflow bundle) on the
 * call task queue. The carrier is the sandbox, served on a port of its own (serveSandboxCarrier) in this process, and the
 * instances run in Telnyx mode against it: the production code path, only the base URL and keys differ. An API app in
 * this process, which listens nowhere, seeds data and reads the call log.
 */
export class MultiInstanceStack {
  private constructor(
    readonly sandbox: SandboxCarrier,
    private readonly standalone: StandaloneSandbox,
    readonly balancer: LoadBalancer,
    readonly apis: ApiProcess[],
    readonly workers: WorkerProcess[],
    /** Not listening: repositories for seeding, supertest for logins, the call log. */
    readonly admin: TestApp,
    readonly client: Client,
    private readonly connection: Connection,
    private readonly bundleDir: string,
  ) {}

  static async start(options: MultiInstanceOptions): Promise<MultiInstanceStack> {
    const cleanups: Array<() => Promise<void>> = [];
    const undo = async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    };
    try {
      const ports = await Promise.all(Array.from({ length: options.apiInstances ?? 2 }, () => findFreePort()));
      const balancer = await LoadBalancer.start(ports.map((port, index) => ({ name: `api-${index + 1}`, port })));
      cleanups.push(() => balancer.close());
      const standalone = await serveSandboxCarrier({
        webhookUrl: `${balancer.url}/api/webhooks/telnyx`,
        speed: options.speed,
        webhookRetryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
        ...options.sandbox,
      });
      cleanups.push(() => standalone.close());
      const internalApiToken = randomBytes(24).toString('hex');
      // One signing key for every instance (and the in-process app that logs users in): a token works on any of them.
      const jwtSecret = randomBytes(24).toString('hex');
      const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'callflow-workflow-bundle-'));
      cleanups.push(async () => rmSync(bundleDir, { recursive: true, force: true }));
      const bundlePath = path.join(bundleDir, 'workflow-bundle.js');
      await writeWorkflowBundle(bundlePath);

      const shared = {
        ...inheritedEnvironment(),
        DATABASE_URL: options.databaseUrl,
        TEMPORAL_ADDRESS: options.temporalAddress,
        TEMPORAL_NAMESPACE: options.temporalNamespace,
        INTERNAL_API_TOKEN: internalApiToken,
        TELNYX_API_BASE_URL: standalone.telnyxApiBaseUrl,
      };
      const apis = ports.map(
        (port, index) =>
          new ApiProcess(`api-${index + 1}`, port, {
            ...shared,
            REDIS_URL: options.redisUrl,
            // Telnyx mode against the sandbox: any key, the sandbox's verification key, and the secrets Telnyx mode requires.
            TELNYX_API_KEY: 'sandbox',
            TELNYX_PUBLIC_KEY: standalone.carrier.publicKey,
            TELNYX_CONNECTION_ID: standalone.carrier.connectionId,
            JWT_SECRET: jwtSecret,
            TRANSCRIPTION_URL: standalone.transcriptionUrl,
            ...(options.maxActiveCalls === undefined ? {} : { MAX_ACTIVE_CALLS: String(options.maxActiveCalls) }),
            ...(options.maxCallsPerSecond === undefined ? {} : { MAX_CALLS_PER_SECOND: String(options.maxCallsPerSecond) }),
          }),
      );
      for (const api of apis) cleanups.push(() => api.stop());
      await Promise.all(apis.map((api) => api.ready()));

      const workers = Array.from(
        { length: options.workers ?? 2 },
        (_, index) =>
          new WorkerProcess(`worker-${index + 1}`, {
            ...shared,
            CALLFLOW_API_URL: balancer.url,
            HOLD_MUSIC_URL: standalone.holdMusicUrl,
            WORKFLOW_BUNDLE_PATH: bundlePath,
            WORKER_MAX_CACHED_WORKFLOWS: String(options.workerMaxCachedWorkflows ?? 2000),
          }),
      );
      for (const worker of workers) cleanups.push(() => worker.stop());
      await Promise.all(workers.map((worker) => worker.ready(180_000)));

      const admin = await startTestApp({
        databaseUrl: options.databaseUrl,
        temporalAddress: options.temporalAddress,
        temporalNamespace: options.temporalNamespace,
        redisUrl: null,
        jwtSecret,
      });
      cleanups.push(() => admin.close());
      const connection = await Connection.connect({ address: options.temporalAddress });
      const client = new Client({ connection, namespace: options.temporalNamespace });
      return new MultiInstanceStack(standalone.carrier, standalone, balancer, apis, workers, admin, client, connection, bundleDir);
    } catch (error) {
      await undo();
      throw error;
    }
  }

  placeCall(request: PlaceCallRequest): CallIds & { workflowId: string } {
    const ids = this.sandbox.placeCall(request);
    return { ...ids, workflowId: callWorkflowId(ids.callSessionId) };
  }

  /** The recorded outcome of each call that has one, by call session. */
  async outcomes(callSessionIds: string[]): Promise<Map<string, CallOutcome>> {
    const rows: Array<{ call_session_id: string; outcome: string; outcome_node: string | null }> = await this.admin.dataSource.query(
      'SELECT call_session_id, outcome, outcome_node FROM calls WHERE call_session_id = ANY($1) AND outcome IS NOT NULL',
      [callSessionIds],
    );
    return new Map(rows.map((row) => [row.call_session_id, { result: row.outcome, node: row.outcome_node }]));
  }

  /** Waits until every call has an outcome in the call log; names the calls still without one on timeout. */
  async allOutcomes(callSessionIds: string[], timeoutMs = 180_000): Promise<Map<string, CallOutcome>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outcomes = await this.outcomes(callSessionIds);
      if (outcomes.size === callSessionIds.length) return outcomes;
      if (Date.now() > deadline) {
        const missing = callSessionIds.filter((id) => !outcomes.has(id));
        const example = missing[0] === undefined ? [] : this.timeline(missing[0]).slice(-6);
        const workflow = missing[0] === undefined ? '' : await this.workflowState(callWorkflowId(missing[0]));
        throw new Error(
          `${missing.length} of ${callSessionIds.length} calls have no outcome after ${timeoutMs} ms; the last steps of one: ${JSON.stringify(example)}; ` +
            `its workflow: ${workflow}; the workers' last output: ${this.workers.map((worker) => `${worker.name}: ${worker.outputTail()}`).join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The call log's steps of a call that has ended. */
  async steps(callSessionId: string): Promise<TraceEvent[]> {
    const calls = this.admin.get(CallsRepository);
    const call = await calls.findCallBySession(callSessionId);
    if (call === null) throw new Error(`no call ${callSessionId} in the call log`);
    return calls.events(call.id);
  }

  /** The caller's session and every leg its workflow dialled, on one timeline. */
  timeline(callSessionId: string): TimelineEntryView[] {
    const workflowId = callWorkflowId(callSessionId);
    const dialled = this.sandbox.listCalls().filter((leg) => leg.direction === 'outgoing' && legClientState(leg.clientState)?.w === workflowId);
    const entries = [callSessionId, ...dialled.map((leg) => leg.callControlId)].flatMap((id) => this.sandbox.callTimeline(id)?.timeline ?? []);
    return [...new Map(entries.map((entry) => [entry.seq, entry])).values()].sort((a, b) => a.seq - b.seq);
  }

  /** Status, pending workflow task and activities, and the last workflow task failure of a workflow, for a failure message. */
  async workflowState(workflowId: string): Promise<string> {
    const handle = this.client.workflow.getHandle(workflowId);
    const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    const lastTaskFailure = (history.events ?? [])
      .flatMap((event) => (event.workflowTaskFailedEventAttributes ? [event.workflowTaskFailedEventAttributes] : []))
      .at(-1);
    return JSON.stringify({
      status: description.status.name,
      historyLength: description.historyLength,
      pendingWorkflowTask: description.raw.pendingWorkflowTask,
      pendingActivities: description.raw.pendingActivities?.map((activity) => ({
        type: activity.activityType?.name,
        state: activity.state,
        attempt: activity.attempt,
        lastFailure: activity.lastFailure?.message,
      })),
      lastWorkflowTaskFailure: lastTaskFailure && { cause: lastTaskFailure.cause, message: lastTaskFailure.failure?.message, identity: lastTaskFailure.identity },
    });
  }

  /** The workers (`worker-1`…, in start order) whose pollers picked up workflow tasks of the call, from its Temporal history. */
  async workersOf(workflowId: string): Promise<Set<string>> {
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    const identities = new Set(
      (history.events ?? []).flatMap((event) =>
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ? [event.workflowTaskStartedEventAttributes?.identity ?? ''] : [],
      ),
    );
    // A worker's default identity is `<pid>@<host>`.
    return new Set(this.workers.flatMap((worker, index) => ([...identities].some((identity) => identity.startsWith(`${worker.pid}@`)) ? [`worker-${index + 1}`] : [])));
  }

  /** Carrier events signalled to the workflow more than once (the workflow ignores repeats; the API should not send them). */
  async repeatedSignals(workflowId: string): Promise<number> {
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    const ids = (history.events ?? []).flatMap((event) => {
      const payload = event.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data;
      const id = payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { id?: unknown }).id : undefined;
      return typeof id === 'string' ? [id] : [];
    });
    return ids.length - new Set(ids).size;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    await Promise.all(this.apis.map((api) => api.stop()));
    await this.connection.close();
    await this.admin.close();
    await this.standalone.close();
    await this.balancer.close();
    rmSync(this.bundleDir, { recursive: true, force: true });
  }
}

/** The environment of this process without the settings each process of the stack gets from the stack. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  const owned = /^(TELNYX_|TEMPORAL_ADDRESS$|TEMPORAL_NAMESPACE$|DATABASE_URL$|REDIS_URL$|PORT$|INTERNAL_API_TOKEN$|JWT_SECRET$|TRANSCRIPTION_URL$|SMTP_|HOLD_MUSIC_URL$|CALLFLOW_API_URL$|SANDBOX_SPEED$|WORKFLOW_BUNDLE_PATH$|WORKER_|MAX_ACTIVE_CALLS$|MAX_CALLS_PER_SECOND$)/;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !owned.test(name)));
}
