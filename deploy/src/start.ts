// `npm start`: the whole local stack in one process tree, stopped cleanly by Ctrl-C / SIGTERM.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DESIGNER_DIST_DIR, buildDesigner, designerBuildStaleReason } from './designer-build';
import { ManagedProcess } from './managed-process';
import { DATA_DIR, REPO_ROOT, nodeTypeScriptArgs } from './paths';
import { ensureDatabase, redactUrl, resolvePostgres } from './postgres';
import { DEFAULT_TEMPORAL_NAMESPACE, checkTemporal, startTemporalDevServer } from './temporal-server';
import { waitUntil } from './wait';

const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;
const DEFAULT_API_PORT = 3000;

interface RunningService {
  /** Rows for the summary table: [what, where]. */
  rows: Array<[string, string]>;
  /** Long-running child, watched for unexpected exits. */
  process?: ManagedProcess;
  stop(): Promise<void>;
}

interface ServiceDefinition {
  name: string;
  /** Starts the service; may add variables to `env` for the services after it. */
  start(env: NodeJS.ProcessEnv): Promise<RunningService>;
}

class LaunchError extends Error {}

const log = (message: string): void => void process.stderr.write(`[start] ${message}\n`);
const nothingToStop = async (): Promise<void> => undefined;

/** Runs a TypeScript CLI of another package to completion (output shown), failing on a non-zero exit. */
async function runToCompletion(what: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, nodeTypeScriptArgs(file), { cwd: REPO_ROOT, env, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new LaunchError(`${what} failed (exit code ${code ?? 'none'}); see its output above.`);
}

const services: ServiceDefinition[] = [
  {
    name: 'PostgreSQL',
    async start(env) {
      const server = await resolvePostgres({ env, log });
      if (await ensureDatabase(server.url)) log(`created database ${new URL(server.url).pathname.slice(1)}`);
      env.DATABASE_URL = server.url;
      return { rows: [['PostgreSQL', `${redactUrl(server.url)} (${server.origin})`]], stop: server.stop };
    },
  },
  {
    name: 'migrations',
    async start(env) {
      await runToCompletion('Applying database migrations', path.join(REPO_ROOT, 'api', 'src', 'database', 'migrate.ts'), env);
      return { rows: [], stop: nothingToStop };
    },
  },
  {
    name: 'demo data',
    async start(env) {
      await runToCompletion('Seeding the demo tenant', path.join(REPO_ROOT, 'api', 'src', 'database', 'seed-demo.ts'), env);
      return { rows: [['Demo number', '+18005550100 (npm run call -- --to +18005550100 --press 1)']], stop: nothingToStop };
    },
  },
  {
    name: 'Temporal',
    async start(env) {
      const namespace = env.TEMPORAL_NAMESPACE ?? DEFAULT_TEMPORAL_NAMESPACE;
      if (env.TEMPORAL_ADDRESS) {
        const address = env.TEMPORAL_ADDRESS;
        await checkTemporal(address, namespace, 5000).catch((error: unknown) => {
          throw new LaunchError(
            `TEMPORAL_ADDRESS is set to ${address}, but Temporal does not answer there (namespace ${namespace}): ` +
              `${error instanceof Error ? error.message : String(error)}. Start that server or unset TEMPORAL_ADDRESS to run a local one.`,
          );
        });
        return { rows: [['Temporal', `${address} (TEMPORAL_ADDRESS, namespace ${namespace})`]], stop: nothingToStop };
      }
      const server = await startTemporalDevServer({
        port: TEMPORAL_PORT,
        uiPort: TEMPORAL_UI_PORT,
        dbFilename: path.join(DATA_DIR, 'temporal.db'),
        echo: true,
      });
      env.TEMPORAL_ADDRESS = server.address;
      env.TEMPORAL_NAMESPACE = server.namespace;
      return {
        rows: [
          ['Temporal', `${server.address} (dev server, namespace ${server.namespace}, data in .data/temporal.db)`],
          ['Temporal UI', server.uiUrl ?? 'disabled'],
        ],
        process: server.process,
        stop: server.stop,
      };
    },
  },
  {
    name: 'designer',
    async start(env) {
      const reason = designerBuildStaleReason();
      if (reason !== null) {
        log(`${reason}: building the designer…`);
        await buildDesigner().catch((error: unknown) => {
          throw new LaunchError(error instanceof Error ? error.message : String(error));
        });
      }
      env.DESIGNER_DIST_DIR ||= DESIGNER_DIST_DIR;
      return { rows: [['Designer', `http://127.0.0.1:${env.PORT ?? DEFAULT_API_PORT}/`]], stop: nothingToStop };
    },
  },
  {
    name: 'API',
    async start(env) {
      const port = Number(env.PORT ?? DEFAULT_API_PORT);
      // API and worker share a secret for the internal endpoints; a fresh one each run unless configured.
      env.INTERNAL_API_TOKEN ||= randomBytes(24).toString('hex');
      env.CALLFLOW_API_URL ||= `http://127.0.0.1:${port}`;
      const api = new ManagedProcess({
        name: 'api',
        command: process.execPath,
        args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'api', 'src', 'main.ts')),
        cwd: REPO_ROOT,
        env: { ...env, PORT: String(port) },
        echo: true,
      });
      const health = `http://127.0.0.1:${port}/api/health`;
      try {
        await waitUntil(
          async () => {
            await fetch(health, { signal: AbortSignal.timeout(3000) });
          },
          { what: `the API on port ${port}`, timeoutMs: 60_000, intervalMs: 500, abortReason: () => (api.hasExited ? api.describeExit() : undefined) },
        );
      } catch (error) {
        await api.stop();
        throw error;
      }
      return {
        rows: [
          ['API', `http://127.0.0.1:${port}/api`],
          ['Health', health],
          ['Carrier', env.TELNYX_API_KEY ? `Telnyx (${env.TELNYX_API_BASE_URL ?? 'https://api.telnyx.com/v2'})` : `sandbox at http://127.0.0.1:${port}/sandbox (set TELNYX_API_KEY for Telnyx)`],
        ],
        process: api,
        stop: async () => void (await api.stop()),
      };
    },
  },
  {
    name: 'worker',
    async start(env) {
      const worker = new ManagedProcess({
        name: 'worker',
        command: process.execPath,
        args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'workflows', 'src', 'worker.ts')),
        cwd: REPO_ROOT,
        env,
        echo: true,
      });
      return {
        rows: [['Worker', `task queue calls on ${env.TEMPORAL_ADDRESS ?? ''}`]],
        process: worker,
        stop: async () => void (await worker.stop()),
      };
    },
  },
];

function printTable(rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([what]) => what.length));
  const lines = rows.map(([what, where]) => `  ${what.padEnd(width)}  ${where}`);
  const rule = '─'.repeat(Math.max(...lines.map((line) => line.length)));
  process.stdout.write(`\nCallflow local stack is running:\n${rule}\n${lines.join('\n')}\n${rule}\nPress Ctrl-C to stop.\n\n`);
}

async function main(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const running: RunningService[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      for (const service of running.reverse()) {
        await service.stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
      }
    })();
    return stopping;
  };

  let interrupted = false;
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    if (!interrupted) log(`${signal} received: stopping…`);
    interrupted = true;
  };
  const signalled = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        stopOnSignal(signal);
        resolve();
      });
    }
  });

  try {
    for (const service of services) {
      if (interrupted) break;
      const started = Date.now();
      running.push(await service.start(env));
      log(`${service.name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    return 1;
  }
  if (interrupted) {
    await stopAll();
    return 0;
  }
  printTable(running.flatMap((service) => service.rows));

  const children = running.flatMap((service) => (service.process ? [service.process] : []));
  const crashed = Promise.race(children.map((child) => child.exited.then(() => child)));
  const outcome = await Promise.race([signalled.then(() => undefined), crashed]);
  if (outcome && !interrupted) {
    log(`${outcome.describeExit()}\nStopping the rest of the stack.`);
    await stopAll();
    return 1;
  }
  await stopAll();
  log('stopped.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
