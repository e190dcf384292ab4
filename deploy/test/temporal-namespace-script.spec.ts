import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { REPO_ROOT, temporalCliPath } from '../src/paths';
import { CALL_SEARCH_ATTRIBUTE_NAMES, startTemporalDevServer, type TemporalDevServer } from '../src/temporal-server';

const SCRIPT = path.join(REPO_ROOT, 'deploy', 'helm', 'callflow', 'files', 'temporal-namespace.sh');

describe('files/temporal-namespace.sh (the compose job and the Helm hook) against a real Temporal server', () => {
  let server: TemporalDevServer;

  beforeAll(async () => {
    server = await startTemporalDevServer();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function runScript(namespace: string): Promise<string> {
    const env = { ...process.env, PATH: `${path.dirname(temporalCliPath())}:${process.env.PATH ?? ''}`, TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: namespace };
    const { stdout } = await promisify(execFile)('sh', [SCRIPT], { env, timeout: 120_000 });
    return stdout;
  }

  it('creates a missing namespace with the call search attributes, and changes nothing when run again', async () => {
    const namespace = `callflow-script-${process.pid}`;
    const first = await runScript(namespace);
    expect(first).toContain(`creating namespace ${namespace} (retention 30d)`);
    const connection = await Connection.connect({ address: server.address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(customAttributes ?? {}).filter((name) => name.startsWith('Callflow')).sort()).toEqual([...CALL_SEARCH_ATTRIBUTE_NAMES].sort());
    } finally {
      await connection.close();
    }
    const second = await runScript(namespace);
    expect(second).not.toMatch(/creating|registering/);
    expect(second).toContain(`namespace ${namespace} is ready for Callflow`);
  }, 240_000);
});
