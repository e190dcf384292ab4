import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { createClient } from 'redis';
import {
  checkTemporal,
  databaseName,
  dropDatabase,
  ensureCallSearchAttributes,
  ensureDatabase,
  redactUrl,
  resolvePostgres,
  startTemporalDevServer,
  withDatabase,
} from '@callflow/deploy';
import { migrate } from '../../api/src/database/migrate';
import { MultiInstanceStack } from '../../api/test/e2e/multi-instance-stack';

export interface BenchStackOptions {
  /** Sandbox time factor: 1 = realistic prompt, ring and talk durations. */
  speed: number;
  apiInstances: number;
  workers: number;
  /** MAX_ACTIVE_CALLS of the API instances; null: no ceiling. */
  maxActiveCalls: number | null;
  /** MAX_CALLS_PER_SECOND of the API instances; null: no limit. */
  maxCallsPerSecond: number | null;
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
 * The multi-instance call path for the benchmark (api/test/e2e/multi-instance-stack.ts, the stack the multi-instance and
 * chaos tests run): Temporal (a dev server of its own, or TEMPORAL_ADDRESS with a namespace of its own), a fresh
 * PostgreSQL database with the migrations applied, Redis (REDIS_URL, default 127.0.0.1:6379), the API instances and
 * the workers as processes of their own, and the sandbox carrier and the load balancer in this process.
 */
export class BenchStack {
  private constructor(
    readonly multi: MultiInstanceStack,
    readonly sandboxProblems: SandboxProblems,
    readonly temporal: { address: string; namespace: string },
    /** The run's own PostgreSQL database (its server backends are found by this name). */
    readonly databaseName: string,
    /** The Temporal dev server's pid when this run started it (for CPU figures). */
    readonly temporalPid: number | undefined,
    readonly description: string[],
    private readonly cleanups: Cleanups,
  ) {}

  static async start(options: BenchStackOptions): Promise<BenchStack> {
    const { log, cleanups } = options;
    const description: string[] = [];
    try {
      const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
      if (options.apiInstances > 1) {
        await checkRedis(redisUrl);
        description.push(`Redis ${redisUrl} (the API instances' Socket.io adapter)`);
      }
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
      log(`starting ${options.apiInstances} API instance(s) and ${options.workers} worker(s)…`);
      const multi = await MultiInstanceStack.start({
        databaseUrl,
        temporalAddress: temporal.address,
        temporalNamespace: temporal.namespace,
        redisUrl,
        apiInstances: options.apiInstances,
        workers: options.workers,
        speed: options.speed,
        ...(options.maxActiveCalls === null ? {} : { maxActiveCalls: options.maxActiveCalls }),
        ...(options.maxCallsPerSecond === null ? {} : { maxCallsPerSecond: options.maxCallsPerSecond }),
        sandbox: { logger: { warn: (message) => sandboxProblems.record(message), error: (message) => sandboxProblems.record(message) } },
      });
      cleanups.add('API instances, workers, sandbox carrier and load balancer', () => multi.close());
      description.push(
        `API instances (api/src/main.ts, Telnyx mode against the sandbox): ${multi.apis.map((api) => `${api.name} pid ${api.pid ?? '?'} on ${api.url}`).join(', ')}`,
        `workers (workflows/src/worker.ts, one prebuilt workflow bundle): ${multi.workers.map((worker, index) => `worker-${index + 1} pid ${worker.pid ?? '?'}`).join(', ')}`,
        `sandbox carrier (speed ${options.speed}) and the round-robin load balancer in this process (pid ${process.pid}): ${multi.balancer.url}`,
      );
      return new BenchStack(multi, sandboxProblems, { address: temporal.address, namespace: temporal.namespace }, databaseName(databaseUrl), temporal.pid, description, cleanups);
    } catch (error) {
      await cleanups.run();
      throw error;
    }
  }

  /** Stops the workers, the API instances and what this run started; drops the database. Safe to call twice. */
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

async function checkRedis(url: string): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Several API instances share Socket.io rooms through Redis, but none answers at ${url} (${error instanceof Error ? error.message : String(error)}): ` +
        'start one, set REDIS_URL, or run with --apis 1.',
    );
  } finally {
    if (client.isOpen) await client.quit();
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
