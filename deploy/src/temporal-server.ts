import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ManagedProcess } from './managed-process';
import { temporalCliPath } from './paths';
import { findFreePort, waitUntil } from './wait';

export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

/**
 * Keyword search attributes every call workflow carries: the values of CALL_SEARCH_ATTRIBUTES in
 * workflows/src/contracts.ts (deploy imports no TypeScript from other projects; an api test checks the two agree).
 */
export const CALL_SEARCH_ATTRIBUTE_NAMES = ['CallflowTenant', 'CallflowFlow', 'CallflowFlowVersion', 'CallflowCaller', 'CallflowCalled', 'CallflowOutcome'];

export interface TemporalDevServerOptions {
  /** The `temporal` executable (default: the CLI installed by the bootstrap). */
  binary?: string;
  host?: string;
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Serve the web UI on this port; headless (no UI) when omitted. */
  uiPort?: number;
  /** SQLite file to persist to; a temporary file, deleted on stop, when omitted. */
  dbFilename?: string;
  /** Echo the server's log lines. */
  echo?: boolean;
  readyTimeoutMs?: number;
}

export interface TemporalDevServer {
  address: string;
  namespace: string;
  /** The web UI, when one was requested. */
  uiUrl: string | undefined;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Resolves once the Temporal frontend at `address` answers gRPC and knows `namespace`;
 * rejects after `timeoutMs` with the server's error.
 */
export async function checkTemporal(address: string, namespace = DEFAULT_TEMPORAL_NAMESPACE, timeoutMs = 2000): Promise<void> {
  // No retry interceptor: a probe reports the state right now, and a retry still pending when the
  // connection closes would throw from a timer.
  const connection = await Connection.connect({ address, connectTimeout: timeoutMs, interceptors: [] });
  try {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.describeNamespace({ namespace }));
  } finally {
    await connection.close();
  }
}

// temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
const INDEXED_VALUE_TYPE_KEYWORD = 2;

/**
 * Registers the call search attributes on the namespace when missing. Done through the operator API rather than
 * start-dev flags, which a server reusing an older database file does not apply.
 */
export async function ensureCallSearchAttributes(address: string, namespace = DEFAULT_TEMPORAL_NAMESPACE): Promise<void> {
  const connection = await Connection.connect({ address, interceptors: [] });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = CALL_SEARCH_ATTRIBUTE_NAMES.filter((name) => !(name in (customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, INDEXED_VALUE_TYPE_KEYWORD])),
      });
    }
  } finally {
    await connection.close();
  }
}

/** Starts `temporal server start-dev` and waits until it serves gRPC (up to ~60 s on a small machine). */
export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const binary = options.binary ?? temporalCliPath();
  if (!existsSync(binary)) {
    throw new Error(
      `The Temporal CLI was not found at ${binary}. Run \`npm test\` or \`npm start\` once from the repository root ` +
        '(they install it), or set TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS.',
    );
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  let temporaryDir: string | undefined;
  let dbFilename = options.dbFilename;
  if (dbFilename) {
    mkdirSync(path.dirname(dbFilename), { recursive: true });
  } else {
    temporaryDir = mkdtempSync(path.join(os.tmpdir(), 'callflow-temporal-'));
    dbFilename = path.join(temporaryDir, 'temporal.db');
  }
  // Every signal, task start and task completion is a SQLite commit, and the dev server serves all requests through one
  // SQLite connection, so a commit waiting on fsync holds up every read behind it. Write-ahead log without fsync: a
  // workflow start's p50 4 ms (6 ms with fsync per commit, 18 ms in the default rollback journal); commits survive the
  // server process being killed (the page cache keeps them), not the machine losing power: this is a dev server.
  const sqlitePragmas = ['journal_mode=wal', 'synchronous=off'].flatMap((pragma) => ['--sqlite-pragma', pragma]);
  const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--db-filename', dbFilename, ...sqlitePragmas, '--log-level', 'warn'];
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  const server = new ManagedProcess({ name: 'temporal', command: binary, args, echo: options.echo ?? false });
  const address = `${host}:${port}`;
  const stop = async (): Promise<void> => {
    await server.stop();
    if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => checkTemporal(address, DEFAULT_TEMPORAL_NAMESPACE, 2000), {
      what: `Temporal dev server on ${address}`,
      timeoutMs: options.readyTimeoutMs ?? 60_000,
      intervalMs: 300,
      abortReason: () => (server.hasExited ? server.describeExit() : undefined),
    });
    await ensureCallSearchAttributes(address);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, namespace: DEFAULT_TEMPORAL_NAMESPACE, uiUrl: options.uiPort === undefined ? undefined : `http://${host}:${options.uiPort}`, process: server, stop };
}
