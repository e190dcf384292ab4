import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  ManagedProcess,
  REPO_ROOT,
  dropDatabase,
  ensureDatabase,
  findFreePort,
  nodeTypeScriptArgs,
  resolvePostgres,
  startTemporalDevServer,
  waitUntil,
  withDatabase,
} from '@callflow/deploy';
import { buildDesigner, designerBuildStaleReason } from '@callflow/deploy/src/designer-build';

/** Simulated time of the sandbox carrier runs this much faster than real time (prompts, rings). */
export const E2E_SANDBOX_SPEED = 0.2;

/** Where the running stack is, handed from the jest global setup to the test files through the environment. */
export interface E2eStackInfo {
  /** The API serving the built designer on the same port, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

export interface E2eStack extends E2eStackInfo {
  stop(): Promise<void>;
}

/** Settings of the developer's own stack that would change what this one is (Telnyx instead of the sandbox…). */
const FOREIGN_SETTINGS = /^(TELNYX_|REDIS_URL$|SMTP_|HOLD_MUSIC_URL$|TRANSCRIPTION_URL$|WORKFLOW_BUNDLE_PATH$|WORKER_HEALTH_PORT$)/;

function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !FOREIGN_SETTINGS.test(name)));
}

const log = (message: string): void => void process.stderr.write(`[e2e stack] ${message}\n`);

async function runToCompletion(what: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, nodeTypeScriptArgs(file), { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`${what} failed (exit code ${code ?? 'none'})`);
}

/**
 * The whole product as `npm start` runs it, on free ports and a fresh database: a Temporal dev server of its own,
 * the migrated database with the demo company seeded (its logins, directory, and the front-desk flow on
 * +18005550100), the API in sandbox mode serving the built designer, and a call worker.
 */
export async function startE2eStack(): Promise<E2eStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  try {
    const reason = designerBuildStaleReason();
    if (reason !== null) {
      log(`${reason}: building the designer…`);
      await buildDesigner();
    }

    const temporal = await startTemporalDevServer();
    stops.push(temporal.stop);

    const postgres = await resolvePostgres({ log });
    stops.push(postgres.stop);
    const databaseUrl = withDatabase(postgres.url, `callflow_e2e_${randomBytes(6).toString('hex')}`);
    await ensureDatabase(databaseUrl);
    stops.push(() => dropDatabase(databaseUrl));

    const port = await findFreePort('127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...inheritedEnvironment(),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      PORT: String(port),
      INTERNAL_API_TOKEN: randomBytes(24).toString('hex'),
      CALLFLOW_API_URL: baseUrl,
      DESIGNER_DIST_DIR: path.join(REPO_ROOT, 'designer', 'dist'),
      SANDBOX_SPEED: String(E2E_SANDBOX_SPEED),
    };
    await runToCompletion('Applying migrations', path.join(REPO_ROOT, 'api', 'src', 'database', 'migrate.ts'), env);
    await runToCompletion('Seeding the demo company', path.join(REPO_ROOT, 'api', 'src', 'database', 'seed-demo.ts'), env);

    const api = new ManagedProcess({ name: 'api', command: process.execPath, args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'api', 'src', 'main.ts')), cwd: REPO_ROOT, env });
    stops.push(async () => void (await api.stop()));
    await waitUntil(
      async () => {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
        if (!response.ok) throw new Error(`health answered ${response.status}`);
      },
      { what: `the API on port ${port}`, timeoutMs: 120_000, intervalMs: 500, abortReason: () => (api.hasExited ? api.describeExit() : undefined) },
    );

    const worker = new ManagedProcess({ name: 'worker', command: process.execPath, args: nodeTypeScriptArgs(path.join(REPO_ROOT, 'workflows', 'src', 'worker.ts')), cwd: REPO_ROOT, env });
    stops.push(async () => void (await worker.stop()));
    log(`ready at ${baseUrl} (Temporal ${temporal.address})`);
    return { baseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const INFO_VARIABLE = 'CALLFLOW_E2E_STACK';
/** Runs the specs against a stack that is already up (`npx tsx designer/e2e/support/serve-stack.ts`) instead of a new one. */
export const REUSE_VARIABLE = 'CALLFLOW_E2E_BASE_URL';

export function publishStackInfo(info: E2eStackInfo): void {
  process.env[INFO_VARIABLE] = JSON.stringify(info);
}

/** The stack the global setup started (test files run in jest workers that inherit its environment). */
export function stackInfo(): E2eStackInfo {
  const value = process.env[INFO_VARIABLE];
  if (!value) throw new Error(`${INFO_VARIABLE} is not set: run the e2e specs through jest with designer/jest.config.js`);
  return JSON.parse(value) as E2eStackInfo;
}
