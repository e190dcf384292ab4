// `npm test [-- nx args]`: one Temporal dev server and one PostgreSQL server for the whole run, then
// typecheck, lint and test of every project through Nx. Projects create their own databases.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import { redactUrl, resolvePostgres, type PostgresServer } from './postgres';
import { startTemporalDevServer, type TemporalDevServer } from './temporal-server';
import { TemporalStallWatch } from './temporal-stall-watch';

const log = (message: string): void => void process.stderr.write(`[test] ${message}\n`);
/** Slower than this, a Temporal request fails a health check (api/src/health) and most tests' waits feel it. */
const TEMPORAL_STALL_MS = 2000;
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function runNx(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const nx = path.join(REPO_ROOT, 'node_modules', '.bin', 'nx');
  // --parallel=2: two cores; more targets at once only make jest's timing-sensitive suites flaky.
  const nxArgs = ['run-many', '-t', 'typecheck', 'lint', 'test', '--outputStyle=stream', '--parallel=2', ...args];
  log(`nx ${nxArgs.join(' ')}`);
  const child = spawn(nx, nxArgs, { cwd: REPO_ROOT, env, stdio: ['inherit', 'pipe', 'pipe'] });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  const totals = new TestTotals();
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    totals.read(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    totals.read(chunk);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.stdout.write(`${totals.summary()}\n`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Adds up jest's per-project "Tests:" lines into one closing line for the whole run. */
export class TestTotals {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private pending = '';

  read(chunk: Buffer | string): void {
    const lines = (this.pending + chunk.toString()).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.readLine(line);
  }

  private readLine(line: string): void {
    const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
    const match = /Tests:\s+(.*\d+ total)/.exec(plain);
    if (!match?.[1]) return;
    const count = (word: string): number => Number(new RegExp(`(\\d+) ${word}`).exec(match[1] ?? '')?.[1] ?? 0);
    this.passed += count('passed');
    this.failed += count('failed');
    this.skipped += count('skipped') + count('todo');
  }

  summary(): string {
    if (this.pending) this.readLine(this.pending);
    this.pending = '';
    return `tests: ${this.passed} passed, ${this.failed} failed${this.skipped > 0 ? `, ${this.skipped} skipped` : ''}`;
  }
}

async function main(): Promise<number> {
  const runStarted = Date.now();
  let temporal: TemporalDevServer | undefined;
  let postgres: PostgresServer | undefined;
  let stallWatch: TemporalStallWatch | undefined;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
    let started = Date.now();
    temporal = await startTemporalDevServer();
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEMPORAL_NAMESPACE = temporal.namespace;
    log(`Temporal dev server on ${temporal.address} ready in ${seconds(started)}`);
    stallWatch = await TemporalStallWatch.start({
      address: temporal.address,
      namespace: temporal.namespace,
      thresholdMs: TEMPORAL_STALL_MS,
      onStall: ({ startedAt, answeredAfterMs, loadAverage, error }) =>
        log(`Temporal dev server stalled: a probe sent at ${startedAt.toISOString()} ${error ? `failed (${error})` : 'was answered'} after ${answeredAfterMs} ms, load average ${loadAverage.toFixed(1)}`),
    });

    started = Date.now();
    postgres = await resolvePostgres({ log });
    env.DATABASE_URL = postgres.url;
    log(`PostgreSQL ${redactUrl(postgres.url)} (${postgres.origin}) ready in ${seconds(started)}`);

    started = Date.now();
    const code = await runNx(process.argv.slice(2), env);
    log(`nx finished with exit code ${code} in ${seconds(started)} (whole run ${seconds(runStarted)})`);
    return code;
  } catch (error) {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    const probed = await stallWatch?.stop();
    if (probed) log(`Temporal dev server probed ${probed.probes} times, slowest answer ${probed.slowestMs} ms`);
    await temporal?.stop();
    await postgres?.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`unexpected error: ${String(error)}`);
      process.exit(1);
    },
  );
}
