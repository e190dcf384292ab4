import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import {
  ManagedProcess,
  REPO_ROOT,
  checkTemporal,
  databaseName,
  dropDatabase,
  ensureCallSearchAttributes,
  ensureDatabase,
  nodeTypeScriptArgs,
  redactUrl,
  resolvePostgres,
  startTemporalDevServer,
  waitUntil,
  withDatabase,
} from '@callflow/deploy';
import { createApp } from '../../api/src/app';
import { loadConfig, type AppConfig } from '../../api/src/config';
import { migrate } from '../../api/src/database/migrate';
import { createSandboxCarrier, type SandboxCarrier } from '../../api/src/sandbox';

export interface BenchStackOptions {
  /** Sandbox time factor: 1 = realistic prompt, ring and talk durations. */
  speed: number;
  log: (message: string) => void;
  /** Where the stack registers its teardown as it starts, so that an interrupted start can be undone too. */
  cleanups: Cleanups;
}

/** Problems the sandbox reported (webhooks given up, timer failures), counted and the first few kept. */
export class SandboxProblems {
  count = 0;
  readonly first: string[] = [];

  record(message: string): void {
    this.count += 1;
    if (this.first.length < 5) this.first.push(message.split('\n')[0] ?? message);
  }
}

/**
 * The API's log, on stderr so that stdout ends with the report: the first lines of each level are shown, the rest
 * only counted (a loaded stack repeats the same warning hundreds of times).
 */
export class BenchApiLogger implements LoggerService {
  readonly counts: Record<'error' | 'warn', number> = { error: 0, warn: 0 };
  private static readonly SHOWN_PER_LEVEL = 8;

  log(): void {}

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  private write(level: 'error' | 'warn', message: unknown, rest: unknown[]): void {
    this.counts[level] += 1;
    if (this.counts[level] > BenchApiLogger.SHOWN_PER_LEVEL) return;
    const context = rest.length > 0 ? ` [${String(rest.at(-1))}]` : '';
    process.stderr.write(`[api ${level}]${context} ${String(message)}\n`);
    if (this.counts[level] === BenchApiLogger.SHOWN_PER_LEVEL) process.stderr.write(`[api ${level}] (further ${level} lines only counted)\n`);
  }
}

/**
 * The local call path for the benchmark: Temporal (a dev server of its own, or TEMPORAL_ADDRESS with a namespace of
 * its own), a fresh PostgreSQL database with the migrations applied, the API with the sandbox carrier in this
 * process, and the call worker as a separate process (`npm start` runs it the same way).
 */
export class BenchStack {
  private constructor(
    readonly app: INestApplication,
    readonly sandbox: SandboxCarrier,
    readonly sandboxProblems: SandboxProblems,
    readonly apiLog: BenchApiLogger,
    readonly temporal: { address: string; namespace: string },
    /** The run's own PostgreSQL database (its server backends are found by this name). */
    readonly databaseName: string,
    readonly worker: ManagedProcess,
    /** The Temporal dev server's pid when this run started it (for CPU figures). */
    readonly temporalPid: number | undefined,
    readonly description: string[],
    private readonly cleanups: Cleanups,
  ) {}

  static async start(options: BenchStackOptions): Promise<BenchStack> {
    const { log, cleanups } = options;
    const description: string[] = [];
    try {
      const temporal = await startTemporal(cleanups, log);
      description.push(`Temporal ${temporal.description}`);

      const postgres = await resolvePostgres({ log });
      cleanups.add('PostgreSQL', postgres.stop);
      const databaseUrl = withDatabase(postgres.url, `callflow_bench_${randomBytes(5).toString('hex')}`);
      await ensureDatabase(databaseUrl);
      cleanups.add(`database ${new URL(databaseUrl).pathname.slice(1)}`, () => dropDatabase(databaseUrl));
      await migrate(databaseUrl);
      description.push(`PostgreSQL ${redactUrl(databaseUrl)} (${postgres.origin}, fresh database, dropped at exit)`);

      const sandboxProblems = new SandboxProblems();
      const sandbox = createSandboxCarrier({
        webhookUrl: 'http://127.0.0.1:1/not-listening-yet',
        speed: options.speed,
        logger: { warn: (message) => sandboxProblems.record(message), error: (message) => sandboxProblems.record(message) },
      });
      const internalApiToken = randomBytes(24).toString('hex');
      const config: AppConfig = {
        ...loadConfig({}),
        databaseUrl,
        temporalAddress: temporal.address,
        temporalNamespace: temporal.namespace,
        port: 0,
        telnyxPublicKey: sandbox.publicKey,
        internalApiToken,
      };
      const apiLog = new BenchApiLogger();
      const app = await createApp(config, ['error', 'warn'], { sandbox });
      app.useLogger(apiLog);
      cleanups.add('API', async () => {
        sandbox.close();
        await app.close();
      });
      await app.listen(0, '127.0.0.1');
      const port = (app.getHttpServer().address() as { port: number }).port;
      const baseUrl = `http://127.0.0.1:${port}`;
      sandbox.setWebhookUrl(`${baseUrl}/api/webhooks/telnyx`);
      description.push(`API + sandbox carrier (speed ${options.speed}) in this process (pid ${process.pid}) on ${baseUrl}`);

      const worker = await startWorker(
        { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace, CALLFLOW_API_URL: baseUrl, INTERNAL_API_TOKEN: internalApiToken },
        cleanups,
      );
      description.push(`worker process pid ${worker.pid ?? '?'} (workflows/src/worker.ts)`);
      return new BenchStack(app, sandbox, sandboxProblems, apiLog, { address: temporal.address, namespace: temporal.namespace }, databaseName(databaseUrl), worker, temporal.pid, description, cleanups);
    } catch (error) {
      await cleanups.run();
      throw error;
    }
  }

  /** Stops the worker, the API and what this run started; drops the database. Safe to call twice. */
  close(): Promise<void> {
    return this.cleanups.run();
  }
}

/**
 * Teardown steps, run last-added first, each once; a failing step is logged and the rest still run. A step added
 * once the teardown has begun (a start still under way when the run was interrupted) runs right after it.
 */
export class Cleanups {
  private readonly steps: Array<{ what: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  add(what: string, run: () => Promise<void>): void {
    if (this.running) this.running = this.running.then(() => this.runStep({ what, run }));
    else this.steps.push({ what, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) await this.runStep(step);
    })();
    return this.running;
  }

  private async runStep(step: { what: string; run: () => Promise<void> }): Promise<void> {
    await step.run().catch((error: unknown) => this.log(`cleanup of ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

interface TemporalTarget {
  address: string;
  namespace: string;
  pid: number | undefined;
  description: string;
}

async function startTemporal(cleanups: Cleanups, log: (message: string) => void): Promise<TemporalTarget> {
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) {
    await checkTemporal(external, 'default', 5000).catch((error: unknown) => {
      throw new Error(`TEMPORAL_ADDRESS is ${external}, but Temporal does not answer there: ${error instanceof Error ? error.message : String(error)}`);
    });
    // A namespace of its own: another worker polling the `calls` queue of a shared namespace would take our tasks.
    const namespace = `callflow-bench-${randomBytes(4).toString('hex')}`;
    const connection = await Connection.connect({ address: external });
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    } finally {
      await connection.close();
    }
    await ensureCallSearchAttributes(external, namespace);
    return { address: external, namespace, pid: undefined, description: `${external} (TEMPORAL_ADDRESS, namespace ${namespace})` };
  }
  log('starting a Temporal dev server…');
  const server = await startTemporalDevServer();
  cleanups.add('Temporal dev server', server.stop);
  return { address: server.address, namespace: server.namespace, pid: server.process.pid, description: `dev server ${server.address} (started for this run, pid ${server.process.pid ?? '?'})` };
}

const WORKER_READY_LINE = 'worker polling';

async function startWorker(env: Record<string, string>, cleanups: Cleanups): Promise<ManagedProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TELNYX_') && name !== 'HOLD_MUSIC_URL'));
  const worker = new ManagedProcess({
    name: 'worker',
    command: process.execPath,
    args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'workflows', 'src', 'worker.ts')),
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
  });
  cleanups.add('worker process', async () => void (await worker.stop(15_000)));
  // Bundling the workflow code takes a while on a busy machine.
  await waitUntil(
    async () => {
      if (!worker.outputTail().includes(WORKER_READY_LINE)) throw new Error('not polling yet');
    },
    { what: 'the worker process', timeoutMs: 180_000, intervalMs: 250, abortReason: () => (worker.hasExited ? worker.describeExit() : undefined) },
  );
  return worker;
}
