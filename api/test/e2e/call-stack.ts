import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, bundleWorkflowCode, type Worker } from '@temporalio/worker';
import type { TraceEvent } from '@callflow/engine';
import { callWorkflowId } from '@callflow/workflows';
import { createCallWorker } from '@callflow/workflows/src/worker';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { loadConfig, type AppConfig } from '../../src/config';
import { createSandboxCarrier, type CallTimeline, type PlaceCallRequest, type SandboxCarrier } from '../../src/sandbox';
import { createTestNamespace } from '../support/temporal-namespace';
import type { TestApp } from '../support/test-app';

/** Simulated time runs this much faster than real time (prompts, rings, conversations). */
export const SANDBOX_SPEED = 0.05;

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

  static async start(): Promise<CallStack> {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS must be set (jest globalSetup)');
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Installed by an earlier suite in this worker process.
    }
    const namespace = await createTestNamespace(address, 'callflow-e2e');
    const sandbox = createSandboxCarrier({ webhookUrl: 'http://127.0.0.1:1/unset', speed: SANDBOX_SPEED, firstCommandTimeoutSecs: 300 });
    const config: AppConfig = { ...loadConfig(), temporalNamespace: namespace, telnyxPublicKey: sandbox.publicKey };
    const app = await createApp(config, ['error'], { sandbox });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    sandbox.setWebhookUrl(`${baseUrl}/api/webhooks/telnyx`);

    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('@callflow/workflows/src/workflows'),
      logger: new DefaultLogger('WARN'),
    });
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
      { workflowBundle },
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
    const ids = this.sandbox.placeCall(request);
    const workflowId = callWorkflowId(ids.callSessionId);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM calls WHERE call_session_id = $1 AND outcome IS NOT NULL', [ids.callSessionId]);
      const id = rows[0]?.id;
      if (id) {
        const calls = this.app.get(CallsRepository);
        const call = await calls.findCall(id);
        const timeline = this.sandbox.callTimeline(ids.callSessionId);
        if (!call || !timeline) throw new Error(`call ${id} vanished`);
        return { call, events: await calls.events(id), timeline, workflowId };
      }
      if (Date.now() > deadline) {
        throw new Error(`call ${ids.callSessionId} did not end within ${timeoutMs} ms: ${JSON.stringify(this.sandbox.callTimeline(ids.callSessionId)?.timeline.slice(-8))}`);
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
  return result.timeline.timeline.flatMap((entry) =>
    entry.kind === 'command' && entry.result === 'ok' ? [{ action: entry.action, body: entry.body as Record<string, unknown> }] : [],
  );
}
